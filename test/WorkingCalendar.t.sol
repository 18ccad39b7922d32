// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {Roles} from "../contracts/Common.sol";
import {WorkingCalendar} from "../contracts/WorkingCalendar.sol";

/// @notice Fuzz properties of the WorkingCalendar: a deadline is the last second of a working day
/// after the start, exactly n working days later, and grows with n; in any time zone.
contract WorkingCalendarFuzzTest is Test {
    int32 internal constant BEIJING = 8 hours;
    int32 internal constant MAX_OFFSET = 14 hours;
    /// @dev 2025-01-01 and 2029-01-01 00:00 UTC: the years around the schedules set in setUp.
    uint256 internal constant FROM_2025 = 1_735_689_600;
    uint256 internal constant TO_2029 = 1_861_920_000;
    /// @dev 2300-01-01 00:00 UTC: well past the last year a schedule can be set for (2200).
    uint256 internal constant TO_2300 = 10_413_792_000;

    WorkingCalendar internal calendar;

    function setUp() public {
        AccessManager manager = new AccessManager(address(this));
        calendar = WorkingCalendar(
            address(
                new ERC1967Proxy(
                    address(new WorkingCalendar()),
                    abi.encodeCall(WorkingCalendar.initialize, (address(manager), BEIJING))
                )
            )
        );
        bytes4[] memory selectors = new bytes4[](2);
        selectors[0] = WorkingCalendar.setYear.selector;
        selectors[1] = WorkingCalendar.setTimeZone.selector;
        manager.setTargetFunctionRole(address(calendar), selectors, Roles.CALENDAR_KEEPER);
        manager.grantRole(Roles.CALENDAR_KEEPER, address(this), 0);

        // The schedules of scripts/data/calendar/cn-2026.json and cn-2027.json.
        uint32[19] memory holidays2026 = [
            uint32(20260101),
            20260102,
            20260216,
            20260217,
            20260218,
            20260219,
            20260220,
            20260223,
            20260406,
            20260501,
            20260504,
            20260505,
            20260619,
            20260925,
            20261001,
            20261002,
            20261005,
            20261006,
            20261007
        ];
        uint32[6] memory makeup2026 = [uint32(20260104), 20260214, 20260228, 20260509, 20260920, 20261010];
        uint32[7] memory holidays2027 = [uint32(20270101), 20270205, 20270208, 20270405, 20270609, 20270915, 20271001];
        uint32[] memory h = new uint32[](holidays2026.length);
        for (uint256 i = 0; i < h.length; ++i) h[i] = holidays2026[i];
        uint32[] memory m = new uint32[](makeup2026.length);
        for (uint256 i = 0; i < m.length; ++i) m[i] = makeup2026[i];
        calendar.setYear(2026, h, m, "2026 notice");
        h = new uint32[](holidays2027.length);
        for (uint256 i = 0; i < h.length; ++i) h[i] = holidays2027[i];
        calendar.setYear(2027, h, new uint32[](0), "2027 provisional");
    }

    // ---------------------------------------------------------------- helpers

    function _setTimeZone(int256 offsetSeed) internal returns (int32 offset) {
        offset = int32(bound(offsetSeed, -MAX_OFFSET, MAX_OFFSET));
        calendar.setTimeZone(offset);
    }

    /// @dev The deadline is the last second of a working day after the start's day, and exactly
    /// `n` working days lie after the start's day up to it (so n - 1 up to the day before).
    function _checkDeadline(uint40 start, uint16 n, int32 offset) internal view {
        uint40 deadline = calendar.addWorkingDays(start, n);
        assertGt(deadline, start, "after start");
        assertTrue(calendar.isWorkingDay(deadline), "a working day");
        assertEq((int256(uint256(deadline)) + 1 + offset) % 1 days, 0, "the day's last second");
        assertEq(calendar.workingDaysBetween(start, deadline), n, "n working days to the deadline");
        assertEq(calendar.workingDaysBetween(start, deadline - 1 days), n - 1, "n - 1 to the day before");
    }

    // ---------------------------------------------------------------- properties

    function testFuzz_DeadlineAroundTheScheduledYears(uint256 startSeed, uint256 nSeed, int256 offsetSeed) public {
        int32 offset = _setTimeZone(offsetSeed);
        uint40 start = uint40(bound(startSeed, FROM_2025, TO_2029));
        _checkDeadline(start, uint16(bound(nSeed, 1, 60)), offset);
    }

    function testFuzz_DeadlineAnyTime(uint256 startSeed, uint256 nSeed, int256 offsetSeed) public {
        int32 offset = _setTimeZone(offsetSeed);
        uint40 start = uint40(bound(startSeed, 0, TO_2300));
        _checkDeadline(start, uint16(bound(nSeed, 1, calendar.MAX_WORKING_DAYS())), offset);
    }

    function testFuzz_DeadlineGrowsWithLength(uint256 startSeed, uint256 nSeed, uint256 mSeed) public view {
        uint40 start = uint40(bound(startSeed, FROM_2025, TO_2029));
        uint16 n = uint16(bound(nSeed, 1, 999));
        uint16 m = uint16(bound(mSeed, n + 1, 1000));
        assertLt(calendar.addWorkingDays(start, n), calendar.addWorkingDays(start, m));
        // One more working day is at least one day later.
        assertGe(calendar.addWorkingDays(start, n + 1), calendar.addWorkingDays(start, n) + 1 days);
    }

    function testFuzz_ManyEqualsSingle(uint256 startSeed, uint16[4] memory seeds) public view {
        uint40 start = uint40(bound(startSeed, FROM_2025, TO_2029));
        uint16[] memory lengths = new uint16[](seeds.length);
        for (uint256 i = 0; i < seeds.length; ++i) lengths[i] = uint16(bound(seeds[i], 1, 120));
        uint40[] memory deadlines = calendar.addWorkingDaysMany(start, lengths);
        for (uint256 i = 0; i < lengths.length; ++i) {
            assertEq(deadlines[i], calendar.addWorkingDays(start, lengths[i]));
        }
    }

    /// @dev Counting is additive over consecutive intervals (a <= b <= c) and zero backwards.
    function testFuzz_WorkingDaysBetweenAddsUp(uint256 aSeed, uint256 bSeed, uint256 cSeed) public view {
        uint256 a = bound(aSeed, FROM_2025, TO_2029);
        uint256 b = bound(bSeed, a, a + 400 days);
        uint256 c = bound(cSeed, b, b + 400 days);
        assertEq(
            calendar.workingDaysBetween(uint40(a), uint40(c)),
            calendar.workingDaysBetween(uint40(a), uint40(b)) + calendar.workingDaysBetween(uint40(b), uint40(c))
        );
        assertEq(calendar.workingDaysBetween(uint40(c), uint40(a)), 0, "none backwards");
    }
}
