import { expect } from "chai";

import { ROLES } from "../ignition/modules/roles.ts";
import { DepartmentRegistry__factory, type IDepartmentRegistry } from "../types/ethers-contracts/index.ts";
import {
  DepartmentKind,
  Level,
  encryptionKey,
  ethers,
  loadFixture,
  platformWithDepartments,
  time,
} from "./helpers/fixture.ts";

/** SM2 public keys (recommended curve) of d = the GM/T 0003.5 example key and d = 2. */
const SEAL_KEY_A =
  "0x0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13";
const SEAL_KEY_B =
  "0x0456cefd60d7c87c000d58ef57fa73ba4d9c0dfa08c08a7331495c2e1da3f2bd5231b7e7e6cc8189f668535ce0f8eaf1bd6de84c182f6c8e716f780d3a970a23c3";

/** ERC-1967 implementation slot: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/** The implementation behind an ERC-1967 proxy. */
async function implementationOf(proxy: { getAddress(): Promise<string> }): Promise<string> {
  const slot = await ethers.provider.getStorage(await proxy.getAddress(), IMPLEMENTATION_SLOT);
  return ethers.getAddress(ethers.dataSlice(slot, 12));
}

/** A deterministic address that is no signer and holds nothing (for long officer lists). */
function addressOf(n: number): string {
  return ethers.getAddress(ethers.zeroPadValue(ethers.toBeHex(0x1000 + n), 20));
}

/** A valid department input for a fourth department; `overrides` replace single fields. */
function input(
  overrides: Partial<IDepartmentRegistry.DepartmentInputStruct> = {},
): IDepartmentRegistry.DepartmentInputStruct {
  return {
    code: "BJ-POWER",
    name: "国网北京海淀供电公司",
    level: Level.Municipal,
    kind: DepartmentKind.PublicService,
    encryptionKey: encryptionKey(4),
    ...overrides,
  };
}

/** The fixture's platform, plus `other` holding REGISTRAR only (neither ADMIN nor UPGRADER). */
async function withSecondRegistrar() {
  const platform = await loadFixture(platformWithDepartments);
  await platform.accessManager.grantRole(ROLES.REGISTRAR, platform.other.address, 0);
  return platform;
}

describe("DepartmentRegistry", function () {
  describe("registerDepartment", function () {
    it("registers a department, emits the whole record and returns the next id", async function () {
      const { departments, holder, other } = await loadFixture(platformWithDepartments);
      const officers = [holder.address, other.address];

      expect(await departments.registerDepartment.staticCall(input(), officers, 2)).to.equal(4n);
      await expect(departments.registerDepartment(input(), officers, 2))
        .to.emit(departments, "DepartmentRegistered")
        .withArgs(
          4,
          "BJ-POWER",
          "国网北京海淀供电公司",
          Level.Municipal,
          DepartmentKind.PublicService,
          encryptionKey(4),
          officers,
          2,
        );

      const d = await departments.getDepartment(4);
      expect(d.code).to.equal("BJ-POWER");
      expect(d.name).to.equal("国网北京海淀供电公司");
      expect(d.level).to.equal(Level.Municipal);
      expect(d.kind).to.equal(DepartmentKind.PublicService);
      expect(d.threshold).to.equal(2);
      expect(d.active).to.equal(true);
      expect(d.encryptionKey).to.equal(encryptionKey(4));
      expect(d.officers).to.deep.equal(officers);

      expect(await departments.departmentCount()).to.equal(4);
      expect(await departments.departmentIdByCode("BJ-POWER")).to.equal(4);
      expect(await departments.departmentIdByCode("NO-SUCH-CODE")).to.equal(0);
      expect(await departments.isActive(4)).to.equal(true);
      expect(await departments.isOfficer(4, holder.address)).to.equal(true);
      expect(await departments.isOfficer(4, other.address)).to.equal(true);
      expect(await departments.isOfficer(1, holder.address)).to.equal(false);
      expect(await departments.isOfficer(0, ethers.ZeroAddress)).to.equal(false);
      expect(await departments.departmentOf(holder.address)).to.deep.equal([4n, true]);
      expect(await departments.thresholdOf(4)).to.equal(2);
    });

    it("tells the licence registry who acts for the new department", async function () {
      const { departments, licences, holder, other } = await loadFixture(platformWithDepartments);

      await expect(departments.registerDepartment(input(), [holder.address, other.address], 1))
        .to.emit(licences, "IssuerOfficerSynced")
        .withArgs(holder.address, 4)
        .and.to.emit(licences, "IssuerOfficerSynced")
        .withArgs(other.address, 4);

      expect(await licences.issuerDepartmentOf(holder.address)).to.equal(4);
      expect(await licences.issuerDepartmentOf(other.address)).to.equal(4);
    });

    it("reports the fixture's departments", async function () {
      const { departments, licences, samr1, samr2, samr3, housing1, court1, holder } =
        await loadFixture(platformWithDepartments);

      expect(await departments.departmentCount()).to.equal(3);
      expect(await departments.departmentIdByCode("HD-SAMR")).to.equal(1);
      expect(await departments.departmentIdByCode("HD-HOUSING")).to.equal(2);
      expect(await departments.departmentIdByCode("HD-COURT")).to.equal(3);
      expect(await departments.thresholdOf(1)).to.equal(2);
      expect((await departments.getDepartment(1)).officers).to.deep.equal([
        samr1.address,
        samr2.address,
        samr3.address,
      ]);
      for (const [officer, id] of [
        [samr1, 1],
        [samr2, 1],
        [samr3, 1],
        [housing1, 2],
        [court1, 3],
      ] as const) {
        expect(await departments.departmentOf(officer.address)).to.deep.equal([BigInt(id), true]);
        expect(await licences.issuerDepartmentOf(officer.address)).to.equal(id);
      }
      expect(await departments.departmentOf(holder.address)).to.deep.equal([0n, false]);
      expect(await licences.issuerDepartmentOf(holder.address)).to.equal(0);
    });

    it("reverts when the code is empty", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      await expect(departments.registerDepartment(input({ code: "" }), [holder.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidCode")
        .withArgs("");
    });

    it("reverts when the code is longer than 32 bytes", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      const code32 = "C".repeat(32);
      const code33 = "C".repeat(33);
      await expect(departments.registerDepartment(input({ code: code33 }), [holder.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidCode")
        .withArgs(code33);
      await expect(departments.registerDepartment(input({ code: code32 }), [holder.address], 1)).not.to.revert(ethers);
    });

    it("reverts when the code is taken by another department", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      await expect(departments.registerDepartment(input({ code: "HD-SAMR" }), [holder.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidCode")
        .withArgs("HD-SAMR");
    });

    it("reverts when the name is empty or longer than 128 bytes", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      for (const name of ["", "N".repeat(129), "局".repeat(43) /* 129 bytes of UTF-8 */]) {
        await expect(
          departments.registerDepartment(input({ name }), [holder.address], 1),
        ).to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidName");
      }
      await expect(departments.registerDepartment(input({ name: "N".repeat(128) }), [holder.address], 1)).not.to.revert(
        ethers,
      );
    });

    it("reverts when the level is None", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      await expect(
        departments.registerDepartment(input({ level: Level.None }), [holder.address], 1),
      ).to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidLevel");
    });

    it("reverts when the level is out of the enum's range", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      // The ABI decoder rejects the value before the contract's own check runs.
      await expect(departments.registerDepartment(input({ level: 4 }), [holder.address], 1)).to.revert(ethers);
    });

    it("reverts when the encryption key is not 33 bytes", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      const uncompressed = ethers.SigningKey.computePublicKey(ethers.zeroPadValue("0x05", 32), false); // 65 bytes
      for (const key of [
        "0x",
        ethers.dataSlice(encryptionKey(4), 0, 32),
        ethers.concat([encryptionKey(4), "0x00"]),
        uncompressed,
      ]) {
        await expect(
          departments.registerDepartment(input({ encryptionKey: key }), [holder.address], 1),
        ).to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidEncryptionKey");
      }
    });

    it("reverts when the encryption key's prefix is not 0x02 or 0x03", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      const body = ethers.dataSlice(encryptionKey(4), 1);
      for (const prefix of ["0x00", "0x04", "0x05", "0xff"]) {
        await expect(
          departments.registerDepartment(input({ encryptionKey: ethers.concat([prefix, body]) }), [holder.address], 1),
        ).to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidEncryptionKey");
      }
      for (const prefix of ["0x02", "0x03"]) {
        await expect(
          departments.registerDepartment.staticCall(
            input({ encryptionKey: ethers.concat([prefix, body]) }),
            [holder.address],
            1,
          ),
        ).not.to.revert(ethers);
      }
    });

    it("reverts when the threshold is 0", async function () {
      const { departments, holder, other } = await loadFixture(platformWithDepartments);
      await expect(departments.registerDepartment(input(), [holder.address, other.address], 0))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidThreshold")
        .withArgs(0, 2);
    });

    it("reverts when the threshold is larger than the number of officers", async function () {
      const { departments, holder, other } = await loadFixture(platformWithDepartments);
      await expect(departments.registerDepartment(input(), [holder.address, other.address], 3))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidThreshold")
        .withArgs(3, 2);
    });

    it("reverts when there are no officers", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      await expect(departments.registerDepartment(input(), [], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficerCount")
        .withArgs(0);
    });

    it("reverts when there are more than 32 officers", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      expect(await departments.MAX_OFFICERS()).to.equal(32);
      const thirtyThree = Array.from({ length: 33 }, (_, i) => addressOf(i));
      await expect(departments.registerDepartment(input(), thirtyThree, 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficerCount")
        .withArgs(33);
      await expect(departments.registerDepartment(input(), thirtyThree.slice(0, 32), 32)).not.to.revert(ethers);
      expect(await departments.isOfficer(4, addressOf(31))).to.equal(true);
    });

    it("reverts when an officer is the zero address", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      await expect(departments.registerDepartment(input(), [holder.address, ethers.ZeroAddress], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficer")
        .withArgs(ethers.ZeroAddress, 0);
    });

    it("reverts when an officer is listed twice", async function () {
      const { departments, holder, other } = await loadFixture(platformWithDepartments);
      // The second argument is the department being registered (id 4), which the revert undoes.
      await expect(departments.registerDepartment(input(), [holder.address, other.address, holder.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficer")
        .withArgs(holder.address, 4);
      expect(await departments.departmentCount()).to.equal(3);
    });

    it("reverts when an officer already serves another department", async function () {
      const { departments, holder, samr2, housing1 } = await loadFixture(platformWithDepartments);
      await expect(departments.registerDepartment(input(), [holder.address, samr2.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficer")
        .withArgs(samr2.address, 1);
      await expect(departments.setOfficers(1, [housing1.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficer")
        .withArgs(housing1.address, 2);
    });
  });

  describe("getDepartment and thresholdOf", function () {
    it("reverts when the id is 0 or above the count", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      for (const id of [0, 4, 2 ** 32 - 1]) {
        await expect(departments.getDepartment(id))
          .to.be.revertedWithCustomError(departments, "UnknownDepartment")
          .withArgs(id);
        await expect(departments.thresholdOf(id))
          .to.be.revertedWithCustomError(departments, "UnknownDepartment")
          .withArgs(id);
      }
      expect(await departments.isActive(0)).to.equal(false);
      expect(await departments.isActive(4)).to.equal(false);
    });
  });

  describe("updateDepartment", function () {
    it("changes the record, emits DepartmentUpdated and frees the old code", async function () {
      const { departments, samr1 } = await loadFixture(platformWithDepartments);
      const update = input({
        code: "HD-SAMR-NEW",
        name: "海淀区市场监管局",
        level: Level.Municipal,
        kind: DepartmentKind.PublicService,
        encryptionKey: encryptionKey(9),
      });

      await expect(departments.updateDepartment(1, update))
        .to.emit(departments, "DepartmentUpdated")
        .withArgs(
          1,
          "HD-SAMR-NEW",
          "海淀区市场监管局",
          Level.Municipal,
          DepartmentKind.PublicService,
          encryptionKey(9),
        );

      const d = await departments.getDepartment(1);
      expect([d.code, d.name, d.level, d.kind, d.encryptionKey]).to.deep.equal([
        "HD-SAMR-NEW",
        "海淀区市场监管局",
        BigInt(Level.Municipal),
        BigInt(DepartmentKind.PublicService),
        encryptionKey(9),
      ]);
      // Officers, threshold and active state are untouched.
      expect(d.threshold).to.equal(2);
      expect(d.active).to.equal(true);
      expect(await departments.isOfficer(1, samr1.address)).to.equal(true);

      expect(await departments.departmentIdByCode("HD-SAMR-NEW")).to.equal(1);
      expect(await departments.departmentIdByCode("HD-SAMR")).to.equal(0);
      // The freed code can be taken by another department.
      await expect(departments.updateDepartment(2, input({ code: "HD-SAMR" }))).not.to.revert(ethers);
      expect(await departments.departmentIdByCode("HD-SAMR")).to.equal(2);
      expect(await departments.departmentIdByCode("HD-HOUSING")).to.equal(0);
    });

    it("keeps the code when it is unchanged", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      await departments.updateDepartment(1, input({ code: "HD-SAMR", name: "Renamed" }));
      expect(await departments.departmentIdByCode("HD-SAMR")).to.equal(1);
      expect((await departments.getDepartment(1)).name).to.equal("Renamed");
    });

    it("reverts when the code is taken by another department", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      await expect(departments.updateDepartment(1, input({ code: "HD-COURT" })))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidCode")
        .withArgs("HD-COURT");
    });

    it("reverts when the input is invalid", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      await expect(departments.updateDepartment(1, input({ code: "" })))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidCode")
        .withArgs("");
      await expect(departments.updateDepartment(1, input({ name: "" }))).to.be.revertedWithCustomError(
        departments,
        "DepartmentRegistryInvalidName",
      );
      await expect(departments.updateDepartment(1, input({ level: Level.None }))).to.be.revertedWithCustomError(
        departments,
        "DepartmentRegistryInvalidLevel",
      );
      await expect(departments.updateDepartment(1, input({ encryptionKey: "0x02" }))).to.be.revertedWithCustomError(
        departments,
        "DepartmentRegistryInvalidEncryptionKey",
      );
    });

    it("reverts when the department is unknown", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      for (const id of [0, 4]) {
        await expect(departments.updateDepartment(id, input()))
          .to.be.revertedWithCustomError(departments, "UnknownDepartment")
          .withArgs(id);
      }
    });
  });

  describe("setOfficers", function () {
    it("replaces the officers and threshold, and old officers lose membership", async function () {
      const { departments, licences, deployer, samr1, samr2, samr3, holder, other } =
        await loadFixture(platformWithDepartments);
      const officers = [samr3.address, holder.address, other.address];

      await expect(departments.setOfficers(1, officers, 3))
        .to.emit(departments, "OfficersChanged")
        .withArgs(1, officers, 3, deployer.address);

      const d = await departments.getDepartment(1);
      expect(d.officers).to.deep.equal(officers);
      expect(d.threshold).to.equal(3);
      expect(await departments.thresholdOf(1)).to.equal(3);
      for (const gone of [samr1, samr2]) {
        expect(await departments.isOfficer(1, gone.address)).to.equal(false);
        expect(await departments.departmentOf(gone.address)).to.deep.equal([0n, false]);
        expect(await licences.issuerDepartmentOf(gone.address)).to.equal(0);
      }
      for (const kept of [samr3, holder, other]) {
        expect(await departments.isOfficer(1, kept.address)).to.equal(true);
        expect(await licences.issuerDepartmentOf(kept.address)).to.equal(1);
      }
    });

    it("lets a removed officer join another department", async function () {
      const { departments, samr1, samr2 } = await loadFixture(platformWithDepartments);
      await departments.setOfficers(1, [samr2.address], 1);
      await expect(departments.registerDepartment(input(), [samr1.address], 1)).not.to.revert(ethers);
      expect(await departments.departmentOf(samr1.address)).to.deep.equal([4n, true]);
    });

    it("reverts when the new officers or threshold are invalid", async function () {
      const { departments, holder, other, court1 } = await loadFixture(platformWithDepartments);
      await expect(departments.setOfficers(1, [], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficerCount")
        .withArgs(0);
      await expect(departments.setOfficers(1, [holder.address], 0))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidThreshold")
        .withArgs(0, 1);
      await expect(departments.setOfficers(1, [holder.address], 2))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidThreshold")
        .withArgs(2, 1);
      await expect(departments.setOfficers(1, [holder.address, other.address, holder.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficer")
        .withArgs(holder.address, 1);
      await expect(departments.setOfficers(1, [holder.address, court1.address], 1))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidOfficer")
        .withArgs(court1.address, 3);
    });

    it("reverts when the department is unknown", async function () {
      const { departments, holder } = await loadFixture(platformWithDepartments);
      await expect(departments.setOfficers(4, [holder.address], 1))
        .to.be.revertedWithCustomError(departments, "UnknownDepartment")
        .withArgs(4);
    });
  });

  describe("renounceOfficer", function () {
    it("removes the caller's key at once and tells the licence registry", async function () {
      const { departments, licences, samr1, samr2, samr3 } = await loadFixture(platformWithDepartments);

      await expect(departments.connect(samr1).renounceOfficer())
        .to.emit(departments, "OfficerRenounced")
        .withArgs(1, samr1.address)
        .and.to.emit(licences, "IssuerOfficerSynced")
        .withArgs(samr1.address, 0);

      expect(await departments.isOfficer(1, samr1.address)).to.equal(false);
      expect(await departments.departmentOf(samr1.address)).to.deep.equal([0n, false]);
      expect(await licences.issuerDepartmentOf(samr1.address)).to.equal(0);
      const officers = (await departments.getDepartment(1)).officers;
      expect([...officers].sort()).to.deep.equal([samr2.address, samr3.address].sort());
      expect(await departments.thresholdOf(1)).to.equal(2);
    });

    it("reverts when the caller is not an officer", async function () {
      const { departments, outsider } = await loadFixture(platformWithDepartments);
      await expect(departments.connect(outsider).renounceOfficer())
        .to.be.revertedWithCustomError(departments, "NotDepartmentOfficer")
        .withArgs(outsider.address, 0);
    });

    it("reverts when the caller has already renounced", async function () {
      const { departments, samr1 } = await loadFixture(platformWithDepartments);
      await departments.connect(samr1).renounceOfficer();
      await expect(departments.connect(samr1).renounceOfficer())
        .to.be.revertedWithCustomError(departments, "NotDepartmentOfficer")
        .withArgs(samr1.address, 0);
    });

    it("reverts when fewer officers than the threshold would remain", async function () {
      const { departments, samr1, samr2, housing1 } = await loadFixture(platformWithDepartments);
      await departments.connect(samr1).renounceOfficer(); // 3 → 2 officers, threshold 2
      await expect(departments.connect(samr2).renounceOfficer())
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryThresholdUnreachable")
        .withArgs(1, 2);
      await expect(departments.connect(housing1).renounceOfficer())
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryThresholdUnreachable")
        .withArgs(2, 1);
    });
  });

  describe("setDepartmentActive", function () {
    it("deactivates and reactivates, keeping the licence registry's copy in step", async function () {
      const { departments, licences, samr1, samr2, samr3 } = await loadFixture(platformWithDepartments);

      await expect(departments.setDepartmentActive(1, false))
        .to.emit(departments, "DepartmentActiveChanged")
        .withArgs(1, false);
      expect(await departments.isActive(1)).to.equal(false);
      expect((await departments.getDepartment(1)).active).to.equal(false);
      for (const officer of [samr1, samr2, samr3]) {
        expect(await departments.isOfficer(1, officer.address)).to.equal(false);
        expect(await departments.departmentOf(officer.address)).to.deep.equal([1n, false]);
        expect(await licences.issuerDepartmentOf(officer.address)).to.equal(0);
      }

      await expect(departments.setDepartmentActive(1, true))
        .to.emit(departments, "DepartmentActiveChanged")
        .withArgs(1, true);
      for (const officer of [samr1, samr2, samr3]) {
        expect(await departments.isOfficer(1, officer.address)).to.equal(true);
        expect(await departments.departmentOf(officer.address)).to.deep.equal([1n, true]);
        expect(await licences.issuerDepartmentOf(officer.address)).to.equal(1);
      }
    });

    it("gives new officers of an inactive department no acting rights until reactivation", async function () {
      const { departments, licences, holder } = await loadFixture(platformWithDepartments);
      await departments.setDepartmentActive(2, false);
      await departments.setOfficers(2, [holder.address], 1);
      expect(await departments.isOfficer(2, holder.address)).to.equal(false);
      expect(await licences.issuerDepartmentOf(holder.address)).to.equal(0);
      await departments.setDepartmentActive(2, true);
      expect(await departments.isOfficer(2, holder.address)).to.equal(true);
      expect(await licences.issuerDepartmentOf(holder.address)).to.equal(2);
    });

    it("reverts when the department is already in that state", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      await expect(departments.setDepartmentActive(1, true))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryActiveUnchanged")
        .withArgs(1, true);
      await departments.setDepartmentActive(1, false);
      await expect(departments.setDepartmentActive(1, false))
        .to.be.revertedWithCustomError(departments, "DepartmentRegistryActiveUnchanged")
        .withArgs(1, false);
    });

    it("reverts when the department is unknown", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      for (const id of [0, 4]) {
        await expect(departments.setDepartmentActive(id, false))
          .to.be.revertedWithCustomError(departments, "UnknownDepartment")
          .withArgs(id);
      }
    });
  });

  describe("officer listeners", function () {
    it("lists the licence registry after deployment", async function () {
      const { departments, licences } = await loadFixture(platformWithDepartments);
      expect(await departments.officerListeners()).to.deep.equal([await licences.getAddress()]);
    });

    it("lets ADMIN replace the listeners and emits OfficerListenersSet", async function () {
      const { departments, licences } = await loadFixture(platformWithDepartments);
      await expect(departments.setOfficerListeners([])).to.emit(departments, "OfficerListenersSet").withArgs([]);
      expect(await departments.officerListeners()).to.deep.equal([]);
      const listeners = [await licences.getAddress()];
      await expect(departments.setOfficerListeners(listeners))
        .to.emit(departments, "OfficerListenersSet")
        .withArgs(listeners);
      expect(await departments.officerListeners()).to.deep.equal(listeners);
    });

    it("reverts when a listener is the zero address", async function () {
      const { departments, licences } = await loadFixture(platformWithDepartments);
      await expect(
        departments.setOfficerListeners([await licences.getAddress(), ethers.ZeroAddress]),
      ).to.be.revertedWithCustomError(departments, "ZeroAddress");
    });

    it("reverts when a REGISTRAR who is not ADMIN sets the listeners", async function () {
      const { departments, licences, other, holder } = await withSecondRegistrar();
      // `other` may register departments ...
      await expect(departments.connect(other).registerDepartment(input(), [holder.address], 1)).not.to.revert(ethers);
      // ... but not change who is told about officers.
      await expect(departments.connect(other).setOfficerListeners([await licences.getAddress()]))
        .to.be.revertedWithCustomError(departments, "AccessManagedUnauthorized")
        .withArgs(other.address);
    });

    it("syncOfficer lets anyone push an account's current state to the listeners", async function () {
      const { departments, licences, holder, samr1, outsider } = await loadFixture(platformWithDepartments);
      const licencesAddress = await licences.getAddress();

      // Changes made while the licence registry is not listening leave its copy stale.
      await departments.setOfficerListeners([]);
      await departments.registerDepartment(input(), [holder.address], 1);
      await departments.setDepartmentActive(1, false);
      expect(await licences.issuerDepartmentOf(holder.address)).to.equal(0);
      expect(await licences.issuerDepartmentOf(samr1.address)).to.equal(1);
      await departments.setOfficerListeners([licencesAddress]);

      await expect(departments.connect(outsider).syncOfficer(holder.address))
        .to.emit(licences, "IssuerOfficerSynced")
        .withArgs(holder.address, 4);
      expect(await licences.issuerDepartmentOf(holder.address)).to.equal(4);

      await expect(departments.connect(outsider).syncOfficer(samr1.address))
        .to.emit(licences, "IssuerOfficerSynced")
        .withArgs(samr1.address, 0);
      expect(await licences.issuerDepartmentOf(samr1.address)).to.equal(0);

      // An account that is no officer syncs to 0.
      await expect(departments.connect(outsider).syncOfficer(outsider.address))
        .to.emit(licences, "IssuerOfficerSynced")
        .withArgs(outsider.address, 0);
    });

    it("reverts when someone other than the registry tells the licence registry about an officer", async function () {
      const { licences, outsider } = await loadFixture(platformWithDepartments);
      await expect(licences.connect(outsider).officerChanged(outsider.address, 1))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryUnauthorizedSync")
        .withArgs(outsider.address);
    });
  });

  describe("setSealKey, sealKeys and sealKeyAt (national electronic seal)", function () {
    it("keeps every key with the time it came into force, and says which was in force when", async function () {
      const { departments, deployer: owner } = await loadFixture(platformWithDepartments);
      expect(await departments.sealKeys(1)).to.deep.equal([]);
      expect((await departments.sealKeyAt(1, 2n ** 40n - 1n)).found).to.equal(false);

      const first = await departments.setSealKey(1, SEAL_KEY_A);
      const firstTime = (await ethers.provider.getBlock((await first.wait())!.blockNumber))!.timestamp;
      await expect(first).to.emit(departments, "SealKeySet").withArgs(1, 0, SEAL_KEY_A, firstTime, owner.address);
      await time.increase(100);
      const second = await departments.setSealKey(1, SEAL_KEY_B);
      const secondTime = (await ethers.provider.getBlock((await second.wait())!.blockNumber))!.timestamp;
      await expect(second).to.emit(departments, "SealKeySet").withArgs(1, 1, SEAL_KEY_B, secondTime, owner.address);

      const keys = await departments.sealKeys(1);
      expect(keys.map((k) => ethers.concat(["0x04", k.x, k.y]))).to.deep.equal([SEAL_KEY_A, SEAL_KEY_B]);
      expect(keys.map((k) => Number(k.since))).to.deep.equal([firstTime, secondTime]);
      expect(keys[1]!.sinceBlock).to.equal(BigInt(await ethers.provider.getBlockNumber()));

      const at = async (t: number) => {
        const { found, index } = await departments.sealKeyAt(1, t);
        return found ? Number(index) : -1;
      };
      expect(await at(firstTime - 1)).to.equal(-1);
      expect(await at(firstTime)).to.equal(0);
      expect(await at(secondTime - 1)).to.equal(0);
      expect(await at(secondTime)).to.equal(1);
      expect(await departments.sealKeys(2)).to.deep.equal([]);
    });

    it("reverts when someone other than a registrar sets a key, even the department's own officer", async function () {
      const { departments, outsider, samr1 } = await loadFixture(platformWithDepartments);
      for (const caller of [outsider, samr1]) {
        await expect(departments.connect(caller).setSealKey(1, SEAL_KEY_A))
          .to.be.revertedWithCustomError(departments, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
      expect(await departments.sealKeys(1)).to.deep.equal([]);
    });

    it("reverts when the key is not 65 bytes starting 0x04", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      const cases: [string, number, string][] = [
        ["0x", 0, "0x00"],
        [encryptionKey(1), 33, ethers.dataSlice(encryptionKey(1), 0, 1)],
        [ethers.dataSlice(SEAL_KEY_A, 1), 64, ethers.dataSlice(SEAL_KEY_A, 1, 2)],
        [ethers.concat(["0x02", ethers.dataSlice(SEAL_KEY_A, 1)]), 65, "0x02"],
        [ethers.concat([SEAL_KEY_A, "0x00"]), 66, "0x04"],
      ];
      for (const [key, length, prefix] of cases) {
        await expect(departments.setSealKey(1, key), key)
          .to.be.revertedWithCustomError(departments, "DepartmentRegistryInvalidSealKey")
          .withArgs(length, prefix);
      }
      expect(await departments.sealKeys(1)).to.deep.equal([]);
    });

    it("reverts when x and y are not a point of the SM2 curve", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      const p = "0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff";
      const flipped = ethers.concat([
        ethers.dataSlice(SEAL_KEY_A, 0, 64),
        ethers.toBeHex(Number(ethers.dataSlice(SEAL_KEY_A, 64)) ^ 1, 1),
      ]);
      // The secp256k1 generator (an uncompressed point of another curve), x = p, and y + 1.
      const others = [
        "0x0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
        ethers.concat(["0x04", p, ethers.dataSlice(SEAL_KEY_A, 33)]),
        flipped,
      ];
      for (const key of others) {
        await expect(departments.setSealKey(1, key), key).to.be.revertedWithCustomError(
          departments,
          "DepartmentRegistrySealKeyNotOnCurve",
        );
      }
    });

    it("reverts when the department does not exist", async function () {
      const { departments } = await loadFixture(platformWithDepartments);
      await expect(departments.setSealKey(9, SEAL_KEY_A))
        .to.be.revertedWithCustomError(departments, "UnknownDepartment")
        .withArgs(9);
    });
  });

  describe("access", function () {
    it("reverts when an account without a role calls a restricted function", async function () {
      const { departments, licences, outsider, holder } = await loadFixture(platformWithDepartments);
      const asOutsider = departments.connect(outsider);
      const calls = {
        registerDepartment: () => asOutsider.registerDepartment(input(), [holder.address], 1),
        updateDepartment: () => asOutsider.updateDepartment(1, input()),
        setOfficers: () => asOutsider.setOfficers(1, [holder.address], 1),
        setDepartmentActive: () => asOutsider.setDepartmentActive(1, false),
        setOfficerListeners: async () => asOutsider.setOfficerListeners([await licences.getAddress()]),
        setSealKey: () => asOutsider.setSealKey(1, SEAL_KEY_A),
      };
      for (const [name, call] of Object.entries(calls)) {
        await expect(call(), name)
          .to.be.revertedWithCustomError(departments, "AccessManagedUnauthorized")
          .withArgs(outsider.address);
      }
    });
  });

  describe("upgradeToAndCall", function () {
    it("reverts when an account without UPGRADER upgrades", async function () {
      const { departments, outsider, other } = await withSecondRegistrar();
      const implementation = await implementationOf(departments);
      for (const caller of [outsider, other /* REGISTRAR only */]) {
        await expect(departments.connect(caller).upgradeToAndCall(implementation, "0x"))
          .to.be.revertedWithCustomError(departments, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });

  describe("initialize", function () {
    it("reverts when the proxy is initialised again", async function () {
      const { departments, accessManager } = await loadFixture(platformWithDepartments);
      await expect(departments.initialize(await accessManager.getAddress())).to.be.revertedWithCustomError(
        departments,
        "InvalidInitialization",
      );
    });

    it("reverts when the implementation is initialised", async function () {
      const { departments, accessManager, outsider } = await loadFixture(platformWithDepartments);
      const implementation = DepartmentRegistry__factory.connect(await implementationOf(departments), outsider);
      await expect(implementation.initialize(await accessManager.getAddress())).to.be.revertedWithCustomError(
        departments,
        "InvalidInitialization",
      );
    });
  });
  describe("votes: voterOf, officerMask and the officers epoch", () => {
    it("gives each officer its index, the threshold and the epoch", async () => {
      const { departments, samr1, samr2, samr3 } = await loadFixture(platformWithDepartments);
      const epoch = (await departments.getDepartment(1)).officersEpoch;
      expect(epoch).to.equal(1n);
      for (const [i, officer] of [samr1, samr2, samr3].entries()) {
        const v = await departments.voterOf(officer.address);
        expect([v.departmentId, v.index, v.active, v.threshold, v.officersEpoch]).to.deep.equal([
          1n,
          BigInt(i),
          true,
          2n,
          epoch,
        ]);
      }
      const m = await departments.officerMask(1, [samr3.address, samr1.address]);
      expect([m.mask, m.threshold, m.officersEpoch]).to.deep.equal([0b101n, 2n, epoch]);
    });

    it("officerMask reverts naming the first account that is not an officer of that active department", async () => {
      const { departments, samr1, housing1, outsider } = await loadFixture(platformWithDepartments);
      await expect(departments.officerMask(1, [samr1.address, housing1.address]))
        .to.be.revertedWithCustomError(departments, "NotDepartmentOfficer")
        .withArgs(housing1.address, 1);
      await expect(departments.officerMask(0, [outsider.address]))
        .to.be.revertedWithCustomError(departments, "NotDepartmentOfficer")
        .withArgs(outsider.address, 0);
      await departments.setDepartmentActive(1, false);
      await expect(departments.officerMask(1, [samr1.address]))
        .to.be.revertedWithCustomError(departments, "NotDepartmentOfficer")
        .withArgs(samr1.address, 1);
    });

    it("renouncing moves the last officer into the freed index and bumps the epoch", async () => {
      const { departments, samr1, samr3 } = await loadFixture(platformWithDepartments);
      await departments.connect(samr1).renounceOfficer();
      const v = await departments.voterOf(samr3.address);
      expect(v.index).to.equal(0n);
      expect(v.officersEpoch).to.equal(2n);
      expect((await departments.getDepartment(1)).officers).to.deep.equal([
        samr3.address,
        (await departments.getDepartment(1)).officers[1],
      ]);
      expect((await departments.voterOf(samr1.address)).departmentId).to.equal(0n);
    });

    it("setOfficers bumps the epoch; setDepartmentActive does not", async () => {
      const { departments, samr2 } = await loadFixture(platformWithDepartments);
      await departments.setDepartmentActive(1, false);
      await departments.setDepartmentActive(1, true);
      expect((await departments.getDepartment(1)).officersEpoch).to.equal(1n);
      await departments.setOfficers(1, [samr2.address], 1);
      expect((await departments.getDepartment(1)).officersEpoch).to.equal(2n);
      expect((await departments.voterOf(samr2.address)).index).to.equal(0n);
    });
  });
});
