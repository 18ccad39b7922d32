// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IWorkingCalendar
/// @notice The working-day calendar that statutory time limits are counted in (法定工作日): Monday to
/// Friday are working days, except public holidays; weekend days that are make-up working days (调休
/// 上班) are working days. Days are local days in the calendar's time zone (Beijing, UTC+8).
/// The calendar keeper sets each year's holidays and make-up days (and corrects them by setting the
/// year again). Storage: per window of 256 days, a bitmap of exceptions to the weekday rule, so a
/// deadline costs one or two storage reads.
///
/// A time limit of n working days counts from the day after the start (the start day itself is
/// not counted): the deadline is the end (23:59:59 local) of the n-th working day after the start day.
interface IWorkingCalendar {
    /// @notice Emitted when a year's holidays and make-up working days are set (replacing earlier ones).
    event YearSet(uint16 indexed year, uint32[] holidays, uint32[] makeupWorkdays, string source);

    /// @notice Emitted when the time-zone offset is set.
    event TimeZoneSet(int32 offsetSeconds);

    /// @notice A date is not a valid YYYYMMDD date of `year`.
    error WorkingCalendarInvalidDate(uint32 date);
    /// @notice A holiday falls on a weekend, or a make-up working day on a weekday, or a date repeats.
    error WorkingCalendarNotAnException(uint32 date);
    /// @notice The year is outside 1970..2200.
    error WorkingCalendarInvalidYear(uint16 year);
    /// @notice The time-zone offset is outside ±14 hours.
    error WorkingCalendarInvalidTimeZone(int32 offsetSeconds);
    /// @notice A number of working days of 0, or more than MAX_WORKING_DAYS.
    error WorkingCalendarInvalidLength(uint256 workingDays);

    /// @notice Sets a year's public holidays (weekdays off) and make-up working days (weekend days
    /// worked), dates as YYYYMMDD, replacing what the year had. CALENDAR_KEEPER role.
    /// @param source where the schedule comes from (e.g. the State Council General Office notice).
    function setYear(
        uint16 year,
        uint32[] calldata holidays,
        uint32[] calldata makeupWorkdays,
        string calldata source
    ) external;

    /// @notice Sets the time-zone offset in seconds east of UTC (28800 for Beijing). CALENDAR_KEEPER role.
    function setTimeZone(int32 offsetSeconds) external;

    /// @notice The time-zone offset in seconds east of UTC.
    function timeZone() external view returns (int32);

    /// @notice The holidays and make-up working days set for `year` (YYYYMMDD), and their source.
    function getYear(
        uint16 year
    ) external view returns (uint32[] memory holidays, uint32[] memory makeupWorkdays, string memory source);

    /// @notice Whether the local day containing `timestamp` is a working day.
    function isWorkingDay(uint40 timestamp) external view returns (bool);

    /// @notice Whether the local date YYYYMMDD is a working day.
    function isWorkingDate(uint32 date) external view returns (bool);

    /// @notice The end (last second, local) of the `workingDays`-th working day after the day of `start`.
    function addWorkingDays(uint40 start, uint16 workingDays) external view returns (uint40 deadline);

    /// @notice `addWorkingDays(start, n)` for several n at once (one call for many steps).
    function addWorkingDaysMany(
        uint40 start,
        uint16[] calldata workingDays
    ) external view returns (uint40[] memory deadlines);

    /// @notice Working days after the day of `from` up to and including the day of `to` (0 if `to` is
    /// not after `from`'s day).
    function workingDaysBetween(uint40 from, uint40 to) external view returns (uint256);
}
