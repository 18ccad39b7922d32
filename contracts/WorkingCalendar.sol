// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ZeroAddress} from "./Common.sol";
import {IWorkingCalendar} from "./IWorkingCalendar.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title WorkingCalendar
/// @notice See {IWorkingCalendar}.
/// @dev Days are numbered locally: d = floor((t + offset) / 1 days), day 0 = 1970-01-01 (a Thursday).
/// Window w = d >> 8 holds 256 days in one word of exception bits: bit (d & 255) set means day d's
/// status is the opposite of the weekday rule (Monday to Friday working, Saturday and Sunday off).
/// A window's working-day mask is the weekday pattern XOR its exceptions, so a year never set
/// follows the weekday rule. Counting uses the popcount of whole windows: one storage read per
/// 256 days. Dates (YYYYMMDD) are converted with Howard Hinnant's days-from-civil algorithm.
contract WorkingCalendar is IWorkingCalendar, OneWindowUpgradeable {
    /// @notice Most working days `addWorkingDays` counts.
    uint256 public constant MAX_WORKING_DAYS = 1000;
    /// @notice First year that `setYear` accepts.
    uint16 public constant MIN_YEAR = 1970;
    /// @notice Last year that `setYear` accepts.
    uint16 public constant MAX_YEAR = 2200;
    /// @notice Largest time-zone offset east or west of UTC, in seconds (14 hours: UTC+14, Kiribati).
    int32 public constant MAX_OFFSET = 14 hours;

    /// @dev Working-day pattern of a window whose day 0 is a Monday: bit i set iff i % 7 < 5.
    uint256 private constant _MONDAY_PATTERN = 0xf3e7cf9f3e7cf9f3e7cf9f3e7cf9f3e7cf9f3e7cf9f3e7cf9f3e7cf9f3e7cf9f;
    // Masks of the 256-bit population count (SWAR): 0x55.., 0x33.., 0x0f.., 0x00ff.., 0x0001...
    uint256 private constant _M1 = 0x5555555555555555555555555555555555555555555555555555555555555555;
    uint256 private constant _M2 = 0x3333333333333333333333333333333333333333333333333333333333333333;
    uint256 private constant _M4 = 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f;
    uint256 private constant _M8 = 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    uint256 private constant _H16 = 0x0001000100010001000100010001000100010001000100010001000100010001;

    /// @dev A year's schedule as set by the keeper (kept to answer `getYear` and to clear its bits).
    struct Year {
        uint32[] holidays; // YYYYMMDD, weekdays off
        uint32[] makeupWorkdays; // YYYYMMDD, weekend days worked
        string source;
    }

    /// @custom:storage-location erc7201:onewindow.storage.WorkingCalendar
    struct WorkingCalendarStorage {
        int32 offset; // seconds east of UTC
        mapping(int256 window => uint256 exceptions) exceptions;
        mapping(uint16 year => Year schedule) schedules;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.WorkingCalendar")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x9935a1cdb649dc34132446f7199ae868787c2f6401269b013e029202d55da300;

    function _s() private pure returns (WorkingCalendarStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice Initialises the proxy with its AccessManager and the time-zone offset (28800 for Beijing).
    function initialize(address authority_, int32 offsetSeconds) external initializer {
        if (authority_ == address(0)) revert ZeroAddress();
        __OneWindow_init(authority_);
        _setTimeZone(offsetSeconds);
    }

    /// @inheritdoc IWorkingCalendar
    function setYear(
        uint16 year,
        uint32[] calldata holidays,
        uint32[] calldata makeupWorkdays,
        string calldata source
    ) external restricted {
        if (year < MIN_YEAR || year > MAX_YEAR) revert WorkingCalendarInvalidYear(year);
        WorkingCalendarStorage storage $ = _s();
        Year storage y = $.schedules[year];
        _clear($, y.holidays);
        _clear($, y.makeupWorkdays);
        _mark($, year, holidays, false);
        _mark($, year, makeupWorkdays, true);
        y.holidays = holidays;
        y.makeupWorkdays = makeupWorkdays;
        y.source = source;
        emit YearSet(year, holidays, makeupWorkdays, source);
    }

    /// @inheritdoc IWorkingCalendar
    function setTimeZone(int32 offsetSeconds) external restricted {
        _setTimeZone(offsetSeconds);
    }

    /// @inheritdoc IWorkingCalendar
    function timeZone() external view returns (int32) {
        return _s().offset;
    }

    /// @inheritdoc IWorkingCalendar
    function getYear(
        uint16 year
    ) external view returns (uint32[] memory holidays, uint32[] memory makeupWorkdays, string memory source) {
        Year storage y = _s().schedules[year];
        return (y.holidays, y.makeupWorkdays, y.source);
    }

    /// @inheritdoc IWorkingCalendar
    function isWorkingDay(uint40 timestamp) external view returns (bool) {
        return _isWorking(_localDay(timestamp, _s().offset));
    }

    /// @inheritdoc IWorkingCalendar
    /// @dev Reverts with WorkingCalendarInvalidDate unless `date` is a real date of the years 1970..9999.
    function isWorkingDate(uint32 date) external view returns (bool) {
        uint256 year = date / 10000;
        if (year < MIN_YEAR || year > 9999) revert WorkingCalendarInvalidDate(date);
        return _isWorking(int256(_dayOf(date, year)));
    }

    /// @inheritdoc IWorkingCalendar
    function addWorkingDays(uint40 start, uint16 workingDays) external view returns (uint40 deadline) {
        _checkLength(workingDays);
        int32 offset = _s().offset;
        return _endOf(_nthWorkingDayAfter(_localDay(start, offset), workingDays), offset);
    }

    /// @inheritdoc IWorkingCalendar
    /// @dev Where the lengths ascend, each one continues counting from the previous result.
    function addWorkingDaysMany(
        uint40 start,
        uint16[] calldata workingDays
    ) external view returns (uint40[] memory deadlines) {
        int32 offset = _s().offset;
        int256 startDay = _localDay(start, offset);
        deadlines = new uint40[](workingDays.length);
        int256 lastDay = startDay;
        uint256 lastLength = 0;
        for (uint256 i = 0; i < workingDays.length; ++i) {
            uint256 n = workingDays[i];
            _checkLength(n);
            // The (n - m)-th working day after the m-th working day after d is the n-th after d.
            if (n >= lastLength) {
                if (n > lastLength) lastDay = _nthWorkingDayAfter(lastDay, n - lastLength);
            } else {
                lastDay = _nthWorkingDayAfter(startDay, n);
            }
            lastLength = n;
            deadlines[i] = _endOf(lastDay, offset);
        }
    }

    /// @inheritdoc IWorkingCalendar
    function workingDaysBetween(uint40 from, uint40 to) external view returns (uint256 count) {
        int32 offset = _s().offset;
        int256 first = _localDay(from, offset); // not counted
        int256 last = _localDay(to, offset); // counted
        if (last <= first) return 0;
        int256 lastWindow = last >> 8;
        int256 w = first >> 8;
        uint256 mask = _workingMask(w) & ~_upTo(uint256(first) & 255);
        while (w < lastWindow) {
            count += _popcount(mask);
            ++w;
            mask = _workingMask(w);
        }
        count += _popcount(mask & _upTo(uint256(last) & 255));
    }

    // ---------------------------------------------------------------- writes

    function _setTimeZone(int32 offsetSeconds) private {
        if (offsetSeconds < -MAX_OFFSET || offsetSeconds > MAX_OFFSET) {
            revert WorkingCalendarInvalidTimeZone(offsetSeconds);
        }
        _s().offset = offsetSeconds;
        emit TimeZoneSet(offsetSeconds);
    }

    /// @dev Clears the exception bits of dates set earlier (each a valid date, so its bit is set).
    function _clear(WorkingCalendarStorage storage $, uint32[] storage dates) private {
        uint256 length = dates.length;
        for (uint256 i = 0; i < length; ++i) {
            uint32 date = dates[i];
            uint256 d = _dayOf(date, date / 10000);
            $.exceptions[int256(d >> 8)] &= ~(uint256(1) << (d & 255));
        }
    }

    /// @dev Sets the exception bit of each date, checking that it is a date of `year`, a weekday
    /// (holiday) or a weekend day (make-up working day), and not set already (a repeat).
    function _mark(WorkingCalendarStorage storage $, uint16 year, uint32[] calldata dates, bool weekend) private {
        for (uint256 i = 0; i < dates.length; ++i) {
            uint32 date = dates[i];
            if (date / 10000 != year) revert WorkingCalendarInvalidDate(date);
            uint256 d = _dayOf(date, year);
            uint256 bit = uint256(1) << (d & 255);
            int256 window = int256(d >> 8);
            uint256 exceptions = $.exceptions[window];
            if (_isWeekend(d) != weekend || exceptions & bit != 0) revert WorkingCalendarNotAnException(date);
            $.exceptions[window] = exceptions | bit;
        }
    }

    // ---------------------------------------------------------------- reads

    function _isWorking(int256 day) private view returns (bool) {
        return (_workingMask(day >> 8) >> (uint256(day) & 255)) & 1 == 1;
    }

    /// @dev The n-th (n >= 1) working day after `day`. Reads one word per window it passes.
    function _nthWorkingDayAfter(int256 day, uint256 n) private view returns (int256) {
        int256 w = day >> 8;
        uint256 mask = _workingMask(w) & ~_upTo(uint256(day) & 255);
        uint256 count = _popcount(mask);
        while (count < n) {
            n -= count;
            ++w;
            mask = _workingMask(w);
            count = _popcount(mask);
        }
        unchecked {
            for (; n > 1; --n) mask &= mask - 1; // drop the n - 1 lowest working days
            return (w << 8) + int256(Math.log2(mask & (~mask + 1))); // index of the lowest one left
        }
    }

    /// @dev Bit i set iff day 256 * w + i is a working day.
    function _workingMask(int256 w) private view returns (uint256) {
        // Weekday (Monday = 0) of day 256 * w: (256 * w + 3) % 7 = (4 * w + 3) % 7; + 7 keeps it
        // non-negative for w >= -1 (the earliest window: the offset is at most 14 hours west).
        uint256 phase = uint256(4 * w + 10) % 7;
        // The Monday pattern shifted by `phase` days; the left shift by 7 - phase fills the top bits
        // (the pattern repeats every 7 days).
        uint256 pattern = (_MONDAY_PATTERN >> phase) | (_MONDAY_PATTERN << (7 - phase));
        return pattern ^ _s().exceptions[w];
    }

    /// @dev Local day number of `timestamp` (floor division: 1969-12-31 is day -1).
    function _localDay(uint40 timestamp, int32 offset) private pure returns (int256) {
        int256 local = int256(uint256(timestamp)) + offset;
        return local >= 0 ? local / 1 days : (local + 1) / 1 days - 1;
    }

    /// @dev The last second (local) of `day`, as a Unix timestamp.
    function _endOf(int256 day, int32 offset) private pure returns (uint40) {
        return SafeCast.toUint40(uint256((day + 1) * 1 days - offset - 1));
    }

    function _checkLength(uint256 workingDays) private pure {
        if (workingDays == 0 || workingDays > MAX_WORKING_DAYS) revert WorkingCalendarInvalidLength(workingDays);
    }

    // ---------------------------------------------------------------- arithmetic

    /// @dev Day number of the date YYYYMMDD whose year is `year` (>= 1970); reverts if not a real date.
    /// Days from civil (Howard Hinnant, public domain): years start on 1 March, eras are 400 years.
    function _dayOf(uint32 date, uint256 year) private pure returns (uint256) {
        uint256 month = (date / 100) % 100;
        uint256 day = date % 100;
        if (month == 0 || month > 12 || day == 0 || day > _daysInMonth(year, month)) {
            revert WorkingCalendarInvalidDate(date);
        }
        uint256 y = month <= 2 ? year - 1 : year;
        uint256 era = y / 400;
        uint256 yearOfEra = y - era * 400; // [0, 399]
        uint256 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; // [0, 365] from 1 March
        uint256 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear; // [0, 146096]
        return era * 146097 + dayOfEra - 719468; // 719468: days from 0000-03-01 to 1970-01-01
    }

    function _daysInMonth(uint256 year, uint256 month) private pure returns (uint256) {
        if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /// @dev Saturday or Sunday (day 0, 1970-01-01, was a Thursday: weekday (d + 3) % 7, Monday = 0).
    function _isWeekend(uint256 day) private pure returns (bool) {
        return (day + 3) % 7 >= 5;
    }

    /// @dev Bits 0..position set.
    function _upTo(uint256 position) private pure returns (uint256) {
        unchecked {
            return (uint256(2) << position) - 1; // position 255: 0 - 1 = all bits
        }
    }

    /// @dev Number of set bits (SWAR; the last step sums sixteen 16-bit lanes, so 256 fits).
    function _popcount(uint256 x) private pure returns (uint256) {
        unchecked {
            x -= (x >> 1) & _M1;
            x = (x & _M2) + ((x >> 2) & _M2);
            x = (x + (x >> 4)) & _M4;
            x = (x + (x >> 8)) & _M8;
            return (x * _H16) >> 240;
        }
    }
}
