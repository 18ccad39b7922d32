import { expect } from "chai";

import { ROLES } from "../ignition/modules/roles.ts";
import { LicenceTypeRegistry__factory, type ILicenceTypeRegistry } from "../types/ethers-contracts/index.ts";
import {
  BUSINESS_LICENCE_FIELDS,
  Level,
  ethers,
  loadFixture,
  platformWithDepartments,
  time,
} from "./helpers/fixture.ts";

/** ERC-1967 implementation slot: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/** One year in seconds. */
const YEAR = 365 * 24 * 60 * 60;

/** The implementation behind an ERC-1967 proxy. */
async function implementationOf(proxy: { getAddress(): Promise<string> }): Promise<string> {
  const slot = await ethers.provider.getStorage(await proxy.getAddress(), IMPLEMENTATION_SLOT);
  return ethers.getAddress(ethers.dataSlice(slot, 12));
}

/** A valid version input; `overrides` replace single fields. */
function version(
  overrides: Partial<ILicenceTypeRegistry.VersionInputStruct> = {},
): ILicenceTypeRegistry.VersionInputStruct {
  return {
    level: Level.District,
    defaultValidity: 5 * YEAR,
    fieldNames: ["holder", "permitNumber", "siteAddress"],
    issuers: [2],
    ...overrides,
  };
}

/** The fixture's platform, plus `other` holding REGISTRAR only (neither ADMIN nor UPGRADER). */
async function withSecondRegistrar() {
  const platform = await loadFixture(platformWithDepartments);
  await platform.accessManager.grantRole(ROLES.REGISTRAR, platform.other.address, 0);
  return platform;
}

describe("LicenceTypeRegistry", function () {
  describe("registerType", function () {
    it("registers a type with its version 1 and emits both events", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      const first = version({ issuers: [2, 1] });
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);

      expect(
        await licenceTypes.registerType.staticCall("BUILDING_PERMIT", "施工许可证 Building permit", first),
      ).to.equal(2n);
      await expect(licenceTypes.registerType("BUILDING_PERMIT", "施工许可证 Building permit", first))
        .to.emit(licenceTypes, "LicenceTypeRegistered")
        .withArgs(2, "BUILDING_PERMIT", "施工许可证 Building permit")
        .and.to.emit(licenceTypes, "LicenceTypeVersionPublished")
        .withArgs(2, 1, Level.District, at, 5 * YEAR, ["holder", "permitNumber", "siteAddress"], [2, 1]);

      const t = await licenceTypes.getType(2);
      expect([t.code, t.name, t.currentVersion, t.deactivatedAt]).to.deep.equal([
        "BUILDING_PERMIT",
        "施工许可证 Building permit",
        1n,
        0n,
      ]);
      const v = await licenceTypes.getVersion(2, 1);
      expect(v.level).to.equal(Level.District);
      expect(v.publishedAt).to.equal(at);
      expect(v.defaultValidity).to.equal(5 * YEAR);
      expect(v.fieldNames).to.deep.equal(["holder", "permitNumber", "siteAddress"]);
      expect(v.issuers).to.deep.equal([2n, 1n]);

      expect(await licenceTypes.typeCount()).to.equal(2);
      expect(await licenceTypes.typeIdByCode("BUILDING_PERMIT")).to.equal(2);
      expect(await licenceTypes.typeIdByCode("NO_SUCH_TYPE")).to.equal(0);
      expect(await licenceTypes.isIssuer(2, 1, 1)).to.equal(true);
      expect(await licenceTypes.isIssuer(2, 1, 2)).to.equal(true);
      expect(await licenceTypes.isIssuer(2, 1, 3)).to.equal(false);
      expect(await licenceTypes.isIssuer(2, 2, 1)).to.equal(false);
      // The current version's issuers, and whether the type exists (as the catalogue checks an output).
      expect(await licenceTypes.isCurrentIssuer(2, 1)).to.deep.equal([true, true]);
      expect(await licenceTypes.isCurrentIssuer(2, 3)).to.deep.equal([true, false]);
      expect(await licenceTypes.isCurrentIssuer(3, 1)).to.deep.equal([false, false]);
    });

    it("reports the fixture's BUSINESS_LICENCE type", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      expect(await licenceTypes.typeCount()).to.equal(1);
      expect(await licenceTypes.typeIdByCode("BUSINESS_LICENCE")).to.equal(1);
      const v = await licenceTypes.getVersion(1, 1);
      expect(v.level).to.equal(Level.Municipal);
      expect(v.defaultValidity).to.equal(0);
      expect(v.fieldNames).to.deep.equal(BUSINESS_LICENCE_FIELDS);
      expect(v.issuers).to.deep.equal([1n]);
    });

    it("reverts when the code is empty", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.registerType("", "Name", version()))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidCode")
        .withArgs("");
    });

    it("reverts when the code is longer than 48 bytes", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      const code49 = "C".repeat(49);
      await expect(licenceTypes.registerType(code49, "Name", version()))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidCode")
        .withArgs(code49);
      await expect(licenceTypes.registerType("C".repeat(48), "Name", version())).not.to.revert(ethers);
    });

    it("reverts when the code is taken", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.registerType("BUSINESS_LICENCE", "Another", version()))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidCode")
        .withArgs("BUSINESS_LICENCE");
    });

    it("reverts when the name is empty or longer than 128 bytes", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      for (const name of ["", "N".repeat(129)]) {
        await expect(licenceTypes.registerType("NEW_TYPE", name, version())).to.be.revertedWithCustomError(
          licenceTypes,
          "LicenceTypeRegistryInvalidName",
        );
      }
      await expect(licenceTypes.registerType("NEW_TYPE", "N".repeat(128), version())).not.to.revert(ethers);
    });

    it("reverts when the level is None", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(
        licenceTypes.registerType("NEW_TYPE", "Name", version({ level: Level.None })),
      ).to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidLevel");
    });

    it("reverts when there are no fields", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ fieldNames: [] })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidField")
        .withArgs(0);
    });

    it("reverts when there are more than 128 fields", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      const fields = Array.from({ length: 129 }, (_, i) => `f${i}`);
      await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ fieldNames: fields })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidField")
        .withArgs(129);
      // Exactly 128 fields (one per bit of a uint128 mask) is allowed; staticCall keeps the test fast.
      await expect(
        licenceTypes.registerType.staticCall("NEW_TYPE", "Name", version({ fieldNames: fields.slice(0, 128) })),
      ).not.to.revert(ethers);
    });

    it("reverts when a field name is empty or too long", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ fieldNames: ["holder", ""] })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidField")
        .withArgs(1);
      await expect(
        licenceTypes.registerType("NEW_TYPE", "Name", version({ fieldNames: ["holder", "a", "x".repeat(129)] })),
      )
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidField")
        .withArgs(2);
    });

    it("reverts when a field name is repeated", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ fieldNames: ["holder", "name", "holder"] })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidField")
        .withArgs(2);
    });

    it("reverts when there are no issuers or more than 64", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ issuers: [] })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidIssuer")
        .withArgs(0);
      // The count is checked before the ids: 65 issuers give 0, not the first unknown id (4).
      const sixtyFive = Array.from({ length: 65 }, (_, i) => i + 1);
      await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ issuers: sixtyFive })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidIssuer")
        .withArgs(0);
    });

    it("reverts when an issuer is 0 or an unknown department", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      for (const id of [0, 4, 2 ** 32 - 1]) {
        await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ issuers: [1, id] })))
          .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidIssuer")
          .withArgs(id);
      }
    });

    it("reverts when an issuer is repeated", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.registerType("NEW_TYPE", "Name", version({ issuers: [1, 2, 1] })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidIssuer")
        .withArgs(1);
    });
  });

  describe("getType and getVersion", function () {
    it("reverts when the type is unknown", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      for (const id of [0, 2]) {
        await expect(licenceTypes.getType(id))
          .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryUnknownType")
          .withArgs(id);
        await expect(licenceTypes.getVersion(id, 1))
          .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryUnknownType")
          .withArgs(id);
      }
    });

    it("reverts when the version is 0 or above the current one", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      for (const v of [0, 2, 2 ** 16 - 1]) {
        await expect(licenceTypes.getVersion(1, v))
          .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryUnknownVersion")
          .withArgs(1, v);
      }
    });
  });

  describe("publishVersion", function () {
    it("publishes version 2 with a different issuer set", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      const next = version({
        level: Level.District,
        defaultValidity: YEAR,
        fieldNames: ["holder", "name"],
        issuers: [2, 3],
      });
      const at = (await time.latest()) + 100;
      await time.setNextBlockTimestamp(at);

      expect(await licenceTypes.publishVersion.staticCall(1, next)).to.equal(2n);
      await expect(licenceTypes.publishVersion(1, next))
        .to.emit(licenceTypes, "LicenceTypeVersionPublished")
        .withArgs(1, 2, Level.District, at, YEAR, ["holder", "name"], [2, 3]);

      expect((await licenceTypes.getType(1)).currentVersion).to.equal(2);
      const v2 = await licenceTypes.getVersion(1, 2);
      expect([v2.level, v2.publishedAt, v2.defaultValidity]).to.deep.equal([
        BigInt(Level.District),
        BigInt(at),
        BigInt(YEAR),
      ]);
      expect(v2.fieldNames).to.deep.equal(["holder", "name"]);
      expect(v2.issuers).to.deep.equal([2n, 3n]);
      // Version 1 is unchanged.
      expect((await licenceTypes.getVersion(1, 1)).issuers).to.deep.equal([1n]);
      expect((await licenceTypes.getVersion(1, 1)).fieldNames).to.deep.equal(BUSINESS_LICENCE_FIELDS);

      expect(await licenceTypes.isIssuer(1, 1, 1)).to.equal(true);
      expect(await licenceTypes.isIssuer(1, 1, 2)).to.equal(false);
      expect(await licenceTypes.isIssuer(1, 2, 1)).to.equal(false);
      expect(await licenceTypes.isIssuer(1, 2, 2)).to.equal(true);
      expect(await licenceTypes.isIssuer(1, 2, 3)).to.equal(true);
    });

    it("reverts when the type is unknown", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      for (const id of [0, 2]) {
        await expect(licenceTypes.publishVersion(id, version()))
          .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryUnknownType")
          .withArgs(id);
      }
    });

    it("reverts when the input is invalid", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await expect(licenceTypes.publishVersion(1, version({ level: Level.None }))).to.be.revertedWithCustomError(
        licenceTypes,
        "LicenceTypeRegistryInvalidLevel",
      );
      await expect(licenceTypes.publishVersion(1, version({ fieldNames: ["a", "a"] })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidField")
        .withArgs(1);
      await expect(licenceTypes.publishVersion(1, version({ issuers: [9] })))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryInvalidIssuer")
        .withArgs(9);
    });

    it("reverts when the type is deactivated", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await licenceTypes.deactivateType(1);
      await expect(licenceTypes.publishVersion(1, version()))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryTypeInactive")
        .withArgs(1);
    });
  });

  describe("deactivateType", function () {
    it("records the time and emits LicenceTypeDeactivated", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      const at = (await time.latest()) + 50;
      await time.setNextBlockTimestamp(at);
      await expect(licenceTypes.deactivateType(1)).to.emit(licenceTypes, "LicenceTypeDeactivated").withArgs(1, at);
      expect((await licenceTypes.getType(1)).deactivatedAt).to.equal(at);
      // Its versions stay readable.
      expect((await licenceTypes.getVersion(1, 1)).issuers).to.deep.equal([1n]);
    });

    it("reverts when the type is already deactivated", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      await licenceTypes.deactivateType(1);
      await expect(licenceTypes.deactivateType(1))
        .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryTypeInactive")
        .withArgs(1);
    });

    it("reverts when the type is unknown", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      for (const id of [0, 2]) {
        await expect(licenceTypes.deactivateType(id))
          .to.be.revertedWithCustomError(licenceTypes, "LicenceTypeRegistryUnknownType")
          .withArgs(id);
      }
    });
  });

  describe("isAuthorisedIssuerAt", function () {
    it("follows the versions in force over time", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      const authorised = (v: number, department: number, at: number) =>
        licenceTypes.isAuthorisedIssuerAt(1, v, department, at);

      // Version 1 (issuer: department 1), published with the fixture.
      const t1 = Number((await licenceTypes.getVersion(1, 1)).publishedAt);
      expect(await authorised(1, 1, 0)).to.equal(false);
      expect(await authorised(1, 1, t1 - 1)).to.equal(false); // before publication
      expect(await authorised(1, 1, t1)).to.equal(true); // in force from publication on
      expect(await authorised(1, 1, t1 + 10 * YEAR)).to.equal(true); // no successor yet
      expect(await authorised(1, 2, t1)).to.equal(false); // not listed

      // Version 2 (issuers: departments 2 and 3), a day later.
      await time.increase(24 * 60 * 60);
      const t2 = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(t2);
      await licenceTypes.publishVersion(1, version({ issuers: [2, 3] }));

      expect(await authorised(1, 1, t1)).to.equal(true); // history keeps
      expect(await authorised(1, 1, t2 - 1)).to.equal(true);
      expect(await authorised(1, 1, t2)).to.equal(false); // superseded
      expect(await authorised(2, 2, t2 - 1)).to.equal(false); // not yet published
      expect(await authorised(2, 2, t2)).to.equal(true);
      expect(await authorised(2, 3, t2 + YEAR)).to.equal(true);
      expect(await authorised(2, 1, t2)).to.equal(false); // department 1 no longer listed

      // Deactivation, an hour later.
      await time.increase(60 * 60);
      const td = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(td);
      await licenceTypes.deactivateType(1);

      expect(await authorised(2, 2, td - 1)).to.equal(true);
      expect(await authorised(2, 2, td)).to.equal(false);
      expect(await authorised(2, 3, td + YEAR)).to.equal(false);
      expect(await authorised(1, 1, t2 - 1)).to.equal(true); // before deactivation: still true
      expect(await authorised(1, 1, td)).to.equal(false);
    });

    it("gives false, not a revert, for unknown types, versions and departments", async function () {
      const { licenceTypes } = await loadFixture(platformWithDepartments);
      const now = await time.latest();
      expect(await licenceTypes.isAuthorisedIssuerAt(0, 1, 1, now)).to.equal(false);
      expect(await licenceTypes.isAuthorisedIssuerAt(2, 1, 1, now)).to.equal(false);
      expect(await licenceTypes.isAuthorisedIssuerAt(1, 0, 1, now)).to.equal(false);
      expect(await licenceTypes.isAuthorisedIssuerAt(1, 2, 1, now)).to.equal(false);
      expect(await licenceTypes.isAuthorisedIssuerAt(1, 2 ** 16 - 1, 1, now)).to.equal(false);
      expect(await licenceTypes.isAuthorisedIssuerAt(1, 1, 0, now)).to.equal(false);
      expect(await licenceTypes.isAuthorisedIssuerAt(1, 1, 99, now)).to.equal(false);
      expect(await licenceTypes.isAuthorisedIssuerAt(1, 1, 1, now)).to.equal(true);
    });
  });

  describe("access", function () {
    it("reverts when an account without a role calls a restricted function", async function () {
      const { licenceTypes, outsider } = await loadFixture(platformWithDepartments);
      const asOutsider = licenceTypes.connect(outsider);
      const calls = {
        registerType: () => asOutsider.registerType("NEW_TYPE", "Name", version()),
        publishVersion: () => asOutsider.publishVersion(1, version()),
        deactivateType: () => asOutsider.deactivateType(1),
      };
      for (const [name, call] of Object.entries(calls)) {
        await expect(call(), name)
          .to.be.revertedWithCustomError(licenceTypes, "AccessManagedUnauthorized")
          .withArgs(outsider.address);
      }
    });
  });

  describe("upgradeToAndCall", function () {
    it("reverts when an account without UPGRADER upgrades", async function () {
      const { licenceTypes, outsider, other } = await withSecondRegistrar();
      const implementation = await implementationOf(licenceTypes);
      for (const caller of [outsider, other /* REGISTRAR only */]) {
        await expect(licenceTypes.connect(caller).upgradeToAndCall(implementation, "0x"))
          .to.be.revertedWithCustomError(licenceTypes, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });

  describe("initialize", function () {
    it("reverts when the proxy is initialised again", async function () {
      const { licenceTypes, accessManager, departments } = await loadFixture(platformWithDepartments);
      await expect(
        licenceTypes.initialize(await accessManager.getAddress(), await departments.getAddress()),
      ).to.be.revertedWithCustomError(licenceTypes, "InvalidInitialization");
    });

    it("reverts when the implementation is initialised", async function () {
      const { licenceTypes, accessManager, departments, outsider } = await loadFixture(platformWithDepartments);
      const implementation = LicenceTypeRegistry__factory.connect(await implementationOf(licenceTypes), outsider);
      await expect(
        implementation.initialize(await accessManager.getAddress(), await departments.getAddress()),
      ).to.be.revertedWithCustomError(licenceTypes, "InvalidInitialization");
    });
  });
});
