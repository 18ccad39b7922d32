import { expect } from "chai";

import { ROLES } from "../ignition/modules/roles.ts";
import { CALENDAR_FILES, loadCalendarYear, type CalendarYear } from "../scripts/calendar.ts";
import {
  AccessManager__factory,
  ERC1967Proxy__factory,
  WorkingCalendar__factory,
  type WorkingCalendar,
} from "../types/ethers-contracts/index.ts";
import { CalendarReference } from "./helpers/calendar-reference.ts";
import { ethers, loadFixture } from "./helpers/fixture.ts";

/** Beijing time, seconds east of UTC. */
const BEIJING = 28800;
/** The largest offset the calendar accepts (14 hours). */
const MAX_OFFSET = 14 * 3600;
const DAY = 86400;

/** Unix seconds of a Beijing wall-clock time, e.g. beijing("2026-02-12T10:00"). */
function beijing(localTime: string): number {
  return Date.parse(`${localTime}:00+08:00`) / 1000;
}

/** The last second of a Beijing date (23:59:59 local), in Unix seconds. */
function endOfBeijingDay(date: string): number {
  return beijing(`${date}T23:59`) + 59;
}

const [YEAR_2026, YEAR_2027] = CALENDAR_FILES.map((file) => loadCalendarYear(file)) as [CalendarYear, CalendarYear];

async function setYear(calendar: WorkingCalendar, data: CalendarYear) {
  await (await calendar.setYear(data.year, data.holidays, data.makeupWorkdays, data.source)).wait();
}

/**
 * An AccessManager (deployer admin) and the WorkingCalendar behind an ERC-1967 proxy in Beijing time,
 * with setYear and setTimeZone given to CALENDAR_KEEPER and that role granted to the deployer.
 * (The Ignition module does not deploy the calendar yet.)
 */
async function deployCalendar() {
  const [deployer, outsider] = await ethers.getSigners();
  const accessManager = await new AccessManager__factory(deployer).deploy(deployer.address);
  const implementation = await new WorkingCalendar__factory(deployer).deploy();
  const init = implementation.interface.encodeFunctionData("initialize", [await accessManager.getAddress(), BEIJING]);
  const proxy = await new ERC1967Proxy__factory(deployer).deploy(await implementation.getAddress(), init);
  const calendar = WorkingCalendar__factory.connect(await proxy.getAddress(), deployer);
  const selectors = (["setYear", "setTimeZone"] as const).map((name) => calendar.interface.getFunction(name).selector);
  await accessManager.setTargetFunctionRole(await calendar.getAddress(), selectors, ROLES.CALENDAR_KEEPER);
  await accessManager.grantRole(ROLES.CALENDAR_KEEPER, deployer.address, 0);
  return { accessManager, implementation, calendar, proxy, deployer, outsider };
}

/** The calendar with 2026 and 2027 set from scripts/data/calendar/. */
async function calendarWithData() {
  const deployed = await deployCalendar();
  await setYear(deployed.calendar, YEAR_2026);
  await setYear(deployed.calendar, YEAR_2027);
  return deployed;
}

/** A seeded PRNG (mulberry32), so the randomized comparison is reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("WorkingCalendar", function () {
  describe("initialize", function () {
    it("sets the time zone and emits TimeZoneSet", async function () {
      const { calendar, proxy } = await loadFixture(deployCalendar);
      expect(await calendar.timeZone()).to.equal(BEIJING);
      await expect(proxy.deploymentTransaction()).to.emit(calendar, "TimeZoneSet").withArgs(BEIJING);
      expect(await calendar.MAX_WORKING_DAYS()).to.equal(1000);
    });

    it("reverts when the authority is the zero address or the offset is out of range", async function () {
      const { implementation, accessManager, deployer } = await loadFixture(deployCalendar);
      const proxyFactory = new ERC1967Proxy__factory(deployer);
      const deploy = (authority: string, offset: number) =>
        proxyFactory.deploy(
          implementation.getAddress(),
          implementation.interface.encodeFunctionData("initialize", [authority, offset]),
        );
      await expect(deploy(ethers.ZeroAddress, BEIJING)).to.be.revertedWithCustomError(implementation, "ZeroAddress");
      await expect(deploy(await accessManager.getAddress(), MAX_OFFSET + 1))
        .to.be.revertedWithCustomError(implementation, "WorkingCalendarInvalidTimeZone")
        .withArgs(MAX_OFFSET + 1);
    });

    it("reverts when the proxy or the implementation is initialised again", async function () {
      const { calendar, implementation, accessManager } = await loadFixture(deployCalendar);
      for (const target of [calendar, implementation]) {
        await expect(target.initialize(await accessManager.getAddress(), BEIJING)).to.be.revertedWithCustomError(
          calendar,
          "InvalidInitialization",
        );
      }
    });
  });

  describe("weekday rule (years not set)", function () {
    it("counts Monday to Friday as working days and Saturday and Sunday as days off", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      // 2030-03-04 is a Monday.
      const expected = [true, true, true, true, true, false, false];
      for (let i = 0; i < 7; i++) {
        const date = 20300304 + i;
        expect(await calendar.isWorkingDate(date)).to.equal(expected[i], `date ${date}`);
        expect(await calendar.isWorkingDay(beijing(`2030-03-${String(4 + i).padStart(2, "0")}T12:00`))).to.equal(
          expected[i],
        );
      }
      // 1970-01-01 (day 0) was a Thursday; 1970-01-03 a Saturday.
      expect(await calendar.isWorkingDate(19700101)).to.equal(true);
      expect(await calendar.isWorkingDate(19700103)).to.equal(false);
      expect(await calendar.isWorkingDay(0)).to.equal(true);
    });

    it("adds working days over weekends only", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      // Friday 2030-03-08: 1 -> Mon 11, 5 -> Fri 15, 6 -> Mon 18.
      const start = beijing("2030-03-08T09:00");
      expect(await calendar.addWorkingDays(start, 1)).to.equal(endOfBeijingDay("2030-03-11"));
      expect(await calendar.addWorkingDays(start, 5)).to.equal(endOfBeijingDay("2030-03-15"));
      expect(await calendar.addWorkingDays(start, 6)).to.equal(endOfBeijingDay("2030-03-18"));
      expect(await calendar.workingDaysBetween(start, beijing("2030-03-18T00:00"))).to.equal(6);
    });

    it("counts 1969-12-31 (local day -1) when the time zone is west of UTC", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      await calendar.setTimeZone(-MAX_OFFSET);
      // Unix second 0 is 1969-12-31 10:00 local (a Wednesday); the next working day is Thursday 1970-01-01,
      // ending at 1970-01-01 23:59:59 local = 86400 + 50400 - 1.
      expect(await calendar.isWorkingDay(0)).to.equal(true);
      expect(await calendar.addWorkingDays(0, 1)).to.equal(DAY + MAX_OFFSET - 1);
      expect(await calendar.workingDaysBetween(0, DAY + MAX_OFFSET - 1)).to.equal(1);
    });
  });

  describe("2026 (State Council notice)", function () {
    it("loads the JSON data as YYYYMMDD numbers", async function () {
      expect(YEAR_2026.year).to.equal(2026);
      expect(YEAR_2026.status).to.equal("official");
      expect(YEAR_2026.holidays).to.include.members([20260101, 20260216, 20260223, 20261007]);
      expect(YEAR_2026.makeupWorkdays).to.deep.equal([20260104, 20260214, 20260228, 20260509, 20260920, 20261010]);
      expect(YEAR_2027.status).to.equal("provisional");
      expect(YEAR_2027.makeupWorkdays).to.deep.equal([]);
    });

    it("makes make-up days working days and holidays days off", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      expect(await calendar.isWorkingDate(20260214)).to.equal(true); // Saturday, make-up day
      expect(await calendar.isWorkingDate(20260216)).to.equal(false); // Monday, Spring Festival
      expect(await calendar.isWorkingDate(20261010)).to.equal(true); // Saturday, make-up day
      expect(await calendar.isWorkingDate(20261001)).to.equal(false); // Thursday, National Day
      expect(await calendar.isWorkingDate(20260215)).to.equal(false); // Sunday in the holiday
      expect(await calendar.isWorkingDate(20260224)).to.equal(true); // Tuesday after the holiday
      expect(await calendar.isWorkingDay(beijing("2026-02-14T08:00"))).to.equal(true);
      expect(await calendar.isWorkingDay(beijing("2026-02-16T08:00"))).to.equal(false);
    });

    it("puts a deadline across the Spring Festival and a make-up day at the end of the right day", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      // Start Thu 2026-02-12 10:00 Beijing; the start day is not counted:
      //   Fri 02-13 working (1), Sat 02-14 make-up day (2), Sun 02-15 .. Mon 02-23 off (holiday and
      //   weekend), Tue 02-24 (3), Wed 02-25 (4), Thu 02-26 (5)
      // -> 2026-02-26 23:59:59 Beijing = 2026-02-26T15:59:59Z.
      const start = beijing("2026-02-12T10:00");
      const deadline = await calendar.addWorkingDays(start, 5);
      expect(deadline).to.equal(endOfBeijingDay("2026-02-26"));
      expect(deadline).to.equal(Date.parse("2026-02-26T15:59:59Z") / 1000);
      // Ten working days: ... 02-26 (5), Fri 02-27 (6), Sat 02-28 make-up day (7), Mon 03-02 (8), 03-03 (9), 03-04 (10).
      expect(await calendar.addWorkingDays(start, 10)).to.equal(endOfBeijingDay("2026-03-04"));
    });

    it("counts working days between two times across the holiday", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      const start = beijing("2026-02-12T10:00");
      expect(await calendar.workingDaysBetween(start, beijing("2026-02-26T12:00"))).to.equal(5);
      expect(await calendar.workingDaysBetween(start, endOfBeijingDay("2026-02-26"))).to.equal(5);
      expect(await calendar.workingDaysBetween(start, beijing("2026-02-27T00:00"))).to.equal(6);
      // Fri 02-13 -> Sat 02-28: 02-14, 02-24, 02-25, 02-26, 02-27, 02-28.
      expect(await calendar.workingDaysBetween(beijing("2026-02-13T09:00"), beijing("2026-02-28T09:00"))).to.equal(6);
      // Within the holiday, and `to` not after `from`'s day.
      expect(await calendar.workingDaysBetween(beijing("2026-02-15T09:00"), beijing("2026-02-23T18:00"))).to.equal(0);
      expect(await calendar.workingDaysBetween(start, beijing("2026-02-12T23:59"))).to.equal(0);
      expect(await calendar.workingDaysBetween(start, beijing("2026-02-01T12:00"))).to.equal(0);
    });

    it("counts whole years: 2026 has 248 working days, 2027 (provisional) 254", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      // 2026 and 2027 each have 261 weekdays (365 days from a Thursday / a Friday).
      // 2026: 261 - 19 weekday holidays + 6 make-up days; 2027: 261 - 7 weekday holidays.
      const reference = new CalendarReference(CALENDAR_FILES, BEIJING);
      const from2026 = beijing("2025-12-31T12:00");
      const end2026 = endOfBeijingDay("2026-12-31");
      const end2027 = endOfBeijingDay("2027-12-31");
      expect(await calendar.workingDaysBetween(from2026, end2026)).to.equal(261 - 19 + 6);
      expect(await calendar.workingDaysBetween(end2026, end2027)).to.equal(261 - 7);
      expect(await calendar.workingDaysBetween(from2026, end2027)).to.equal(
        reference.workingDaysBetween(from2026, end2027),
      );
    });

    it("uses the local (Beijing) day at the edge of midnight", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      // 2026-02-13 23:30 Beijing = 15:30 UTC is still Friday 02-13: one working day later is the
      // make-up Saturday 02-14.
      const lateFriday = Date.parse("2026-02-13T15:30:00Z") / 1000;
      expect(lateFriday).to.equal(beijing("2026-02-13T23:30"));
      expect(await calendar.isWorkingDay(lateFriday)).to.equal(true);
      expect(await calendar.addWorkingDays(lateFriday, 1)).to.equal(endOfBeijingDay("2026-02-14"));
      // Half an hour later (16:00 UTC) it is Saturday 02-14 in Beijing: the next working day is 02-24.
      expect(await calendar.addWorkingDays(lateFriday + 1800, 1)).to.equal(endOfBeijingDay("2026-02-24"));
      // 2026-02-14 23:59:59 Beijing is the make-up Saturday; one second later the holiday Sunday.
      const endOfSaturday = endOfBeijingDay("2026-02-14");
      expect(await calendar.isWorkingDay(endOfSaturday)).to.equal(true);
      expect(await calendar.isWorkingDay(endOfSaturday + 1)).to.equal(false);
    });

    it("follows a change of time zone", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      const utcSaturdayEvening = Date.parse("2026-02-14T20:00:00Z") / 1000; // Sunday 04:00 in Beijing
      expect(await calendar.isWorkingDay(utcSaturdayEvening)).to.equal(false);
      await calendar.setTimeZone(0);
      expect(await calendar.isWorkingDay(utcSaturdayEvening)).to.equal(true); // the make-up Saturday
      expect(await calendar.addWorkingDays(utcSaturdayEvening, 1)).to.equal(Date.parse("2026-02-24T23:59:59Z") / 1000);
    });
  });

  describe("setYear", function () {
    it("stores the lists and the source, returned by getYear, and emits YearSet", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      const { year, holidays, makeupWorkdays, source } = YEAR_2026;
      await expect(calendar.setYear(year, holidays, makeupWorkdays, source))
        .to.emit(calendar, "YearSet")
        .withArgs(year, holidays, makeupWorkdays, source);
      const stored = await calendar.getYear(2026);
      expect(stored.holidays).to.deep.equal(holidays.map(BigInt));
      expect(stored.makeupWorkdays).to.deep.equal(makeupWorkdays.map(BigInt));
      expect(stored.source).to.equal(source);
      const empty = await calendar.getYear(2030);
      expect([empty.holidays, empty.makeupWorkdays, empty.source]).to.deep.equal([[], [], ""]);
    });

    it("replaces the old exceptions when the year is set again (a correction)", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      // Drop the Spring Festival Monday 02-16 and the make-up Saturday 02-14, add Monday 03-02.
      const holidays = [...YEAR_2026.holidays.filter((d) => d !== 20260216), 20260302];
      const makeupWorkdays = YEAR_2026.makeupWorkdays.filter((d) => d !== 20260214);
      await expect(calendar.setYear(2026, holidays, makeupWorkdays, "corrected"))
        .to.emit(calendar, "YearSet")
        .withArgs(2026, holidays, makeupWorkdays, "corrected");
      expect(await calendar.isWorkingDate(20260216)).to.equal(true);
      expect(await calendar.isWorkingDate(20260214)).to.equal(false);
      expect(await calendar.isWorkingDate(20260302)).to.equal(false);
      expect(await calendar.isWorkingDate(20260217)).to.equal(false); // kept
      expect(await calendar.isWorkingDate(20261010)).to.equal(true); // kept
      const stored = await calendar.getYear(2026);
      expect(stored.holidays).to.deep.equal(holidays.map(BigInt));
      expect(stored.makeupWorkdays).to.deep.equal(makeupWorkdays.map(BigInt));
      expect(stored.source).to.equal("corrected");
      // 2027 is untouched.
      expect(await calendar.isWorkingDate(20270208)).to.equal(false);

      // Clearing the year restores the weekday rule.
      await calendar.setYear(2026, [], [], "cleared");
      expect(await calendar.isWorkingDate(20260101)).to.equal(true);
      expect(await calendar.isWorkingDate(20260104)).to.equal(false);
      expect(await calendar.addWorkingDays(beijing("2026-02-12T10:00"), 5)).to.equal(endOfBeijingDay("2026-02-19"));
    });

    it("sets the same schedule twice without reporting repeats", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      await expect(setYear(calendar, YEAR_2026)).not.to.revert(ethers);
      expect(await calendar.isWorkingDate(20260216)).to.equal(false);
    });

    it("accepts the years 1970 and 2200 and leap days", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      await calendar.setYear(1970, [19700101], [19700103], "first year");
      expect(await calendar.isWorkingDate(19700101)).to.equal(false);
      expect(await calendar.isWorkingDate(19700103)).to.equal(true);
      expect(await calendar.isWorkingDay(0)).to.equal(false);
      await calendar.setYear(2200, [22001231], [], "last year"); // a Wednesday
      expect(await calendar.isWorkingDate(22001231)).to.equal(false);
      await calendar.setYear(2028, [20280229], [], "leap day"); // a Tuesday
      expect(await calendar.isWorkingDate(20280229)).to.equal(false);
      await calendar.setYear(2000, [20000229], [], "century leap day"); // a Tuesday
      expect(await calendar.isWorkingDate(20000229)).to.equal(false);
    });

    it("reverts when the year is outside 1970..2200", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      for (const year of [0, 1969, 2201, 65535]) {
        await expect(calendar.setYear(year, [], [], ""))
          .to.be.revertedWithCustomError(calendar, "WorkingCalendarInvalidYear")
          .withArgs(year);
      }
    });

    it("reverts when a date is not a real date of the year", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      const cases: [number, number][] = [
        [2026, 20260230], // 30 February
        [2026, 20260229], // 2026 is not a leap year
        [2100, 21000229], // 2100 is not a leap year (century)
        [2026, 20261301], // month 13
        [2026, 20260001], // month 0
        [2026, 20260100], // day 0
        [2026, 20260431], // 31 April
        [2026, 20250102], // another year
        [2026, 20270101], // another year
        [2026, 0],
      ];
      for (const [year, date] of cases) {
        await expect(calendar.setYear(year, [date], [], ""))
          .to.be.revertedWithCustomError(calendar, "WorkingCalendarInvalidDate")
          .withArgs(date);
      }
      await expect(calendar.setYear(2026, [], [20260231], ""))
        .to.be.revertedWithCustomError(calendar, "WorkingCalendarInvalidDate")
        .withArgs(20260231);
    });

    it("reverts when a holiday is on a weekend, a make-up day on a weekday, or a date repeats", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      await expect(calendar.setYear(2026, [20260101, 20260103 /* Saturday */], [], ""))
        .to.be.revertedWithCustomError(calendar, "WorkingCalendarNotAnException")
        .withArgs(20260103);
      await expect(calendar.setYear(2026, [], [20260105 /* Monday */], ""))
        .to.be.revertedWithCustomError(calendar, "WorkingCalendarNotAnException")
        .withArgs(20260105);
      await expect(calendar.setYear(2026, [20260101, 20260102, 20260101], [], ""))
        .to.be.revertedWithCustomError(calendar, "WorkingCalendarNotAnException")
        .withArgs(20260101);
      await expect(calendar.setYear(2026, [], [20260104, 20260104], ""))
        .to.be.revertedWithCustomError(calendar, "WorkingCalendarNotAnException")
        .withArgs(20260104);
    });

    it("reverts when the caller is not a calendar keeper", async function () {
      const { calendar, outsider } = await loadFixture(deployCalendar);
      await expect(calendar.connect(outsider).setYear(2026, [], [], ""))
        .to.be.revertedWithCustomError(calendar, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
    });
  });

  describe("setTimeZone", function () {
    it("sets the offset and emits TimeZoneSet, up to 14 hours either way", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      for (const offset of [0, -MAX_OFFSET, MAX_OFFSET, -18000]) {
        await expect(calendar.setTimeZone(offset)).to.emit(calendar, "TimeZoneSet").withArgs(offset);
        expect(await calendar.timeZone()).to.equal(offset);
      }
    });

    it("reverts when the offset is beyond 14 hours", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      for (const offset of [MAX_OFFSET + 1, -MAX_OFFSET - 1, 2 ** 31 - 1, -(2 ** 31)]) {
        await expect(calendar.setTimeZone(offset))
          .to.be.revertedWithCustomError(calendar, "WorkingCalendarInvalidTimeZone")
          .withArgs(offset);
      }
    });

    it("reverts when the caller is not a calendar keeper", async function () {
      const { calendar, outsider } = await loadFixture(deployCalendar);
      await expect(calendar.connect(outsider).setTimeZone(0))
        .to.be.revertedWithCustomError(calendar, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
    });
  });

  describe("isWorkingDate", function () {
    it("reverts when the date is not a real date from 1970 on", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      for (const date of [20260230, 19691231, 20261301, 0, 100000101]) {
        await expect(calendar.isWorkingDate(date))
          .to.be.revertedWithCustomError(calendar, "WorkingCalendarInvalidDate")
          .withArgs(date);
      }
    });
  });

  describe("addWorkingDays", function () {
    it("reverts when the length is 0 or above MAX_WORKING_DAYS", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      for (const n of [0, 1001, 65535]) {
        await expect(calendar.addWorkingDays(beijing("2026-02-12T10:00"), n))
          .to.be.revertedWithCustomError(calendar, "WorkingCalendarInvalidLength")
          .withArgs(n);
        await expect(calendar.addWorkingDaysMany(beijing("2026-02-12T10:00"), [5, n]))
          .to.be.revertedWithCustomError(calendar, "WorkingCalendarInvalidLength")
          .withArgs(n);
      }
      await expect(calendar.addWorkingDays(beijing("2026-02-12T10:00"), 1000)).not.to.revert(ethers);
    });

    it("counts 1000 working days (the maximum) like the reference", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      const reference = new CalendarReference(CALENDAR_FILES, BEIJING);
      const start = beijing("2025-06-30T17:00");
      expect(await calendar.addWorkingDays(start, 1000)).to.equal(reference.addWorkingDays(start, 1000));
    });

    it("reverts when the deadline does not fit in uint40", async function () {
      const { calendar } = await loadFixture(deployCalendar);
      await expect(calendar.addWorkingDays(2n ** 40n - 1n, 1)).to.be.revertedWithCustomError(
        calendar,
        "SafeCastOverflowedUintDowncast",
      );
    });

    it("addWorkingDaysMany equals repeated addWorkingDays", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      const start = beijing("2026-02-12T10:00");
      const lengths = [5, 10, 20, 20, 3, 60, 1, 1000, 7];
      const many = await calendar.addWorkingDaysMany(start, lengths);
      const single = await Promise.all(lengths.map((n) => calendar.addWorkingDays(start, n)));
      expect(many).to.deep.equal(single);
      expect(await calendar.addWorkingDaysMany(start, [])).to.deep.equal([]);
    });

    it("costs little gas: one storage read per 256 days", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      // Whole-call budgets (21,000 intrinsic gas included) in the default, unoptimised profile, from a
      // start inside a 256-day window and from one whose count crosses into the next window
      // (measured: about 35,800 / 37,400 / 39,900 and 39,500 / 41,000 / 43,600 for n = 5 / 26 / 60).
      for (const start of [beijing("2026-02-12T10:00"), beijing("2026-10-01T10:00")]) {
        for (const n of [5, 26, 60]) {
          expect(await calendar.addWorkingDays.estimateGas(start, n)).to.be.lessThan(46_000, `n = ${n}`);
        }
        expect(await calendar.addWorkingDays.estimateGas(start, 1000)).to.be.lessThan(70_000);
      }
    });
  });

  describe("randomized comparison with the reference (2025-2028)", function () {
    it("agrees on 200 random starts and lengths 1-60 (Beijing time)", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      const reference = new CalendarReference(CALENDAR_FILES, BEIJING);
      const random = prng(20260212);
      const from = beijing("2025-01-01T00:00");
      const span = beijing("2029-01-01T00:00") - from;
      for (let i = 0; i < 200; i++) {
        const start = from + Math.floor(random() * span);
        const n = 1 + Math.floor(random() * 60);
        const to = start + Math.floor((random() - 0.1) * 120 * DAY);
        const label = `start ${start}, n ${n}, to ${to}`;
        const deadline = await calendar.addWorkingDays(start, n);
        expect(deadline).to.equal(reference.addWorkingDays(start, n), label);
        expect(await calendar.workingDaysBetween(start, deadline)).to.equal(n, label);
        expect(await calendar.workingDaysBetween(start, to)).to.equal(reference.workingDaysBetween(start, to), label);
        expect(await calendar.isWorkingDay(start)).to.equal(reference.isWorkingDay(start), label);
      }
    });

    it("agrees in other time zones", async function () {
      const { calendar } = await loadFixture(calendarWithData);
      const random = prng(7);
      const from = Date.parse("2025-01-01T00:00:00Z") / 1000;
      const span = Date.parse("2029-01-01T00:00:00Z") / 1000 - from;
      for (const offset of [0, -MAX_OFFSET, MAX_OFFSET, -18000, 19800]) {
        await calendar.setTimeZone(offset);
        const reference = new CalendarReference(CALENDAR_FILES, offset);
        for (let i = 0; i < 20; i++) {
          const start = from + Math.floor(random() * span);
          const n = 1 + Math.floor(random() * 60);
          const to = start + Math.floor(random() * 90 * DAY);
          const label = `offset ${offset}, start ${start}, n ${n}`;
          expect(await calendar.addWorkingDays(start, n)).to.equal(reference.addWorkingDays(start, n), label);
          expect(await calendar.workingDaysBetween(start, to)).to.equal(reference.workingDaysBetween(start, to), label);
          expect(await calendar.isWorkingDay(to)).to.equal(reference.isWorkingDay(to), label);
        }
      }
    });
  });
});
