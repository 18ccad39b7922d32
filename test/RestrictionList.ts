import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";

import { ethers, loadFixture, platformWithDepartments, time } from "./helpers/fixture.ts";

const DAY = 86_400;

/** Subject ids are hashes; a list-specific tag keeps them from matching another list's (tests only). */
const subjectHash = (id: string) => ethers.keccak256(ethers.toUtf8Bytes(`test restriction subject:${id}`));
const SUBJECT = subjectHash("subject 1");
const OTHER_SUBJECT = subjectHash("subject 2");
/** A listing department's own reason code (arbitrary in tests). */
const REASON = 7;

/**
 * The platform with department 2 (housing) also allowed to list, besides 3 (court). One call on top
 * of the shared fixture: a second `loadFixture` fixture would be redeployed each time the two alternate.
 */
async function withTwoListers() {
  const platform = await loadFixture(platformWithDepartments);
  await platform.restrictions.setLister(2, true);
  return platform;
}

describe("RestrictionList", function () {
  describe("setLister", function () {
    it("lets the REGISTRAR allow and disallow a department", async function () {
      const { restrictions } = await loadFixture(platformWithDepartments);
      expect(await restrictions.isLister(3)).to.equal(true);
      expect(await restrictions.isLister(2)).to.equal(false);

      await expect(restrictions.setLister(2, true)).to.emit(restrictions, "ListerSet").withArgs(2, true);
      expect(await restrictions.isLister(2)).to.equal(true);
      await expect(restrictions.setLister(2, false)).to.emit(restrictions, "ListerSet").withArgs(2, false);
      expect(await restrictions.isLister(2)).to.equal(false);
    });

    it("reverts when the caller is not the REGISTRAR", async function () {
      const { restrictions, outsider, court1 } = await loadFixture(platformWithDepartments);
      for (const caller of [outsider, court1]) {
        await expect(restrictions.connect(caller).setLister(2, true))
          .to.be.revertedWithCustomError(restrictions, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("reverts when the department does not exist", async function () {
      const { restrictions } = await loadFixture(platformWithDepartments);
      for (const departmentId of [0, 4, 99]) {
        await expect(restrictions.setLister(departmentId, true))
          .to.be.revertedWithCustomError(restrictions, "UnknownDepartment")
          .withArgs(departmentId);
      }
    });
  });

  describe("list", function () {
    it("emits SubjectListed with the whole entry and restricts the subject", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      const listedAt = (await time.latest()) + 10;
      const expiresAt = listedAt + 30 * DAY;
      await time.setNextBlockTimestamp(listedAt);
      await expect(restrictions.connect(court1).list(SUBJECT, REASON, expiresAt))
        .to.emit(restrictions, "SubjectListed")
        .withArgs(SUBJECT, 3, REASON, listedAt, expiresAt, court1.address);

      expect(await restrictions.isRestricted(SUBJECT)).to.equal(true);
      expect(await restrictions.isRestricted(OTHER_SUBJECT)).to.equal(false);
      const entry = await restrictions.getEntry(SUBJECT);
      expect(entry.listedBy).to.equal(3n);
      expect(entry.reason).to.equal(BigInt(REASON));
      expect(entry.listedAt).to.equal(listedAt);
      expect(entry.expiresAt).to.equal(expiresAt);
      expect(entry.listed).to.equal(true);
    });

    it("lists until unlisted when the expiry is 0", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await time.increase(10 * 365 * DAY);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(true);
    });

    it("lets the listing department renew its listing", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, (await time.latest()) + DAY);

      const listedAt = (await time.latest()) + 10;
      const expiresAt = listedAt + 60 * DAY;
      await time.setNextBlockTimestamp(listedAt);
      await expect(restrictions.connect(court1).list(SUBJECT, REASON + 1, expiresAt))
        .to.emit(restrictions, "SubjectListed")
        .withArgs(SUBJECT, 3, REASON + 1, listedAt, expiresAt, court1.address);
      const entry = await restrictions.getEntry(SUBJECT);
      expect(entry.reason).to.equal(BigInt(REASON + 1));
      expect(entry.expiresAt).to.equal(expiresAt);
    });

    it("lets another officer of the listing department renew the listing", async function () {
      const { restrictions, samr1, samr2 } = await loadFixture(platformWithDepartments);
      await restrictions.setLister(1, true);
      await restrictions.connect(samr1).list(SUBJECT, REASON, 0);
      const listedAt = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(listedAt);
      await expect(restrictions.connect(samr2).list(SUBJECT, REASON, 0))
        .to.emit(restrictions, "SubjectListed")
        .withArgs(SUBJECT, 1, REASON, listedAt, 0, samr2.address);
    });

    it("reverts when the caller is not an officer", async function () {
      const { restrictions, outsider } = await loadFixture(platformWithDepartments);
      await expect(restrictions.connect(outsider).list(SUBJECT, REASON, 0))
        .to.be.revertedWithCustomError(restrictions, "NotDepartmentOfficer")
        .withArgs(outsider.address, 0);
    });

    it("reverts when the caller's department is not allowed to list", async function () {
      const { restrictions, samr1 } = await loadFixture(platformWithDepartments);
      await expect(restrictions.connect(samr1).list(SUBJECT, REASON, 0))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListNotLister")
        .withArgs(samr1.address, 1);
    });

    it("reverts when the caller's department is inactive", async function () {
      const { restrictions, departments, court1 } = await loadFixture(platformWithDepartments);
      await departments.setDepartmentActive(3, false);
      await expect(restrictions.connect(court1).list(SUBJECT, REASON, 0))
        .to.be.revertedWithCustomError(restrictions, "NotDepartmentOfficer")
        .withArgs(court1.address, 3);
    });

    it("reverts when the department is no longer allowed to list", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await restrictions.setLister(3, false);
      await expect(restrictions.connect(court1).list(OTHER_SUBJECT, REASON, 0))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListNotLister")
        .withArgs(court1.address, 3);
    });

    it("reverts when the subject is zero", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await expect(restrictions.connect(court1).list(ethers.ZeroHash, REASON, 0)).to.be.revertedWithCustomError(
        restrictions,
        "RestrictionListZeroSubject",
      );
    });

    it("reverts when the expiry is in the past", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      const expiresAt = (await time.latest()) - 1;
      await expect(restrictions.connect(court1).list(SUBJECT, REASON, expiresAt))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListInvalidExpiry")
        .withArgs(expiresAt);
    });

    it("reverts when the expiry is now", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      const now = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(now);
      await expect(restrictions.connect(court1).list(SUBJECT, REASON, now))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListInvalidExpiry")
        .withArgs(now);
    });

    it("reverts when another department listed the subject", async function () {
      const { restrictions, court1, housing1 } = await withTwoListers();
      await restrictions.connect(court1).list(SUBJECT, REASON, (await time.latest()) + DAY);
      await expect(restrictions.connect(housing1).list(SUBJECT, REASON, 0))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListListedByOther")
        .withArgs(SUBJECT, 3);
    });
  });

  describe("expiry", function () {
    it("stops restricting at expiresAt", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      const expiresAt = (await time.latest()) + DAY;
      await restrictions.connect(court1).list(SUBJECT, REASON, expiresAt);

      await time.increaseTo(expiresAt - 1);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(true);
      await time.increaseTo(expiresAt);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(false);
    });

    it("lets another lister list the subject once the listing expired", async function () {
      const { restrictions, court1, housing1 } = await withTwoListers();
      const expiresAt = (await time.latest()) + DAY;
      await restrictions.connect(court1).list(SUBJECT, REASON, expiresAt);
      await time.increaseTo(expiresAt);

      const listedAt = expiresAt + 10;
      await time.setNextBlockTimestamp(listedAt);
      await expect(restrictions.connect(housing1).list(SUBJECT, REASON + 1, 0))
        .to.emit(restrictions, "SubjectListed")
        .withArgs(SUBJECT, 2, REASON + 1, listedAt, 0, housing1.address);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(true);
      expect((await restrictions.getEntry(SUBJECT)).listedBy).to.equal(2n);
    });
  });

  describe("unlist", function () {
    it("emits SubjectUnlisted and lifts the restriction", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);

      const unlistedAt = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(unlistedAt);
      await expect(restrictions.connect(court1).unlist(SUBJECT))
        .to.emit(restrictions, "SubjectUnlisted")
        .withArgs(SUBJECT, 3, unlistedAt, court1.address);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(false);
      const entry = await restrictions.getEntry(SUBJECT);
      expect(entry.listed).to.equal(false);
      expect(entry.listedBy).to.equal(3n);
    });

    it("lets another lister list the subject once unlisted", async function () {
      const { restrictions, court1, housing1 } = await withTwoListers();
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await restrictions.connect(court1).unlist(SUBJECT);
      await expect(restrictions.connect(housing1).list(SUBJECT, REASON, 0)).to.emit(restrictions, "SubjectListed");
      expect((await restrictions.getEntry(SUBJECT)).listedBy).to.equal(2n);
    });

    it("reverts when the subject is not listed", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await expect(restrictions.connect(court1).unlist(SUBJECT))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListNotListed")
        .withArgs(SUBJECT);
    });

    it("reverts when the subject is already unlisted", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await restrictions.connect(court1).unlist(SUBJECT);
      await expect(restrictions.connect(court1).unlist(SUBJECT))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListNotListed")
        .withArgs(SUBJECT);
    });

    it("reverts when another department listed the subject", async function () {
      const { restrictions, court1, housing1 } = await withTwoListers();
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await expect(restrictions.connect(housing1).unlist(SUBJECT))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListListedByOther")
        .withArgs(SUBJECT, 3);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(true);
    });

    it("lets the listing department unlist after it lost the right to list", async function () {
      const { restrictions, court1 } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await restrictions.setLister(3, false);
      await expect(restrictions.connect(court1).unlist(SUBJECT))
        .to.emit(restrictions, "SubjectUnlisted")
        .withArgs(SUBJECT, 3, anyValue, court1.address);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(false);
    });

    it("lets the REGISTRAR unlist a subject of a deactivated department, and nobody else", async function () {
      const { restrictions, departments, court1, outsider, deployer } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await departments.setDepartmentActive(3, false);
      await expect(restrictions.connect(outsider).unlistByRegistrar(SUBJECT))
        .to.be.revertedWithCustomError(restrictions, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
      await expect(restrictions.connect(court1).unlistByRegistrar(SUBJECT))
        .to.be.revertedWithCustomError(restrictions, "AccessManagedUnauthorized")
        .withArgs(court1.address);
      await expect(restrictions.connect(deployer).unlistByRegistrar(SUBJECT))
        .to.emit(restrictions, "SubjectUnlisted")
        .withArgs(SUBJECT, 3, anyValue, deployer.address);
      expect(await restrictions.isRestricted(SUBJECT)).to.equal(false);
      await expect(restrictions.connect(deployer).unlistByRegistrar(SUBJECT))
        .to.be.revertedWithCustomError(restrictions, "RestrictionListNotListed")
        .withArgs(SUBJECT);
    });

    it("reverts when the caller is not an officer", async function () {
      const { restrictions, court1, outsider } = await loadFixture(platformWithDepartments);
      await restrictions.connect(court1).list(SUBJECT, REASON, 0);
      await expect(restrictions.connect(outsider).unlist(SUBJECT))
        .to.be.revertedWithCustomError(restrictions, "NotDepartmentOfficer")
        .withArgs(outsider.address, 0);
    });
  });

  describe("upgrades", function () {
    it("reverts when someone without the UPGRADER role upgrades", async function () {
      const { restrictions, outsider } = await loadFixture(platformWithDepartments);
      const implementation = await ethers.deployContract("RestrictionList");
      await expect(restrictions.connect(outsider).upgradeToAndCall(await implementation.getAddress(), "0x"))
        .to.be.revertedWithCustomError(restrictions, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
    });
  });
});
