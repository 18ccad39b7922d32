import { readFileSync } from "node:fs";

import { expect } from "chai";

import { renderRoleMap, ROLE_MAP_PATH } from "../ignition/role-map.ts";
import { RESTRICTED_FUNCTIONS, ROLES, roleWiring, selectorsOf } from "../ignition/modules/roles.ts";
import { deployPlatform, loadFixture, type Platform } from "./helpers/fixture.ts";

/** The role map has one source, ignition/modules/roles.ts: the deployment and the Solidity tests follow it. */
describe("RoleMap", () => {
  const handles: Record<string, keyof Platform> = {
    DepartmentRegistry: "departments",
    LicenceTypeRegistry: "licenceTypes",
    LicenceRegistry: "licences",
    ConsentRegistry: "consents",
    RestrictionList: "restrictions",
    WorkingCalendar: "calendar",
    ServiceCatalog: "catalog",
    ApprovalEngine: "engine",
  };

  it("test/helpers/RoleMap.sol is what ignition/role-map.ts renders from the map", () => {
    expect(readFileSync(ROLE_MAP_PATH, "utf8")).to.equal(
      renderRoleMap(),
      "run `node --import tsx ignition/role-map.ts` and commit test/helpers/RoleMap.sol",
    );
  });

  it("the deployed AccessManager gives every function of the map its role", async () => {
    const platform = await loadFixture(deployPlatform);
    expect(Object.keys(handles)).to.deep.equal(Object.keys(RESTRICTED_FUNCTIONS));
    for (const [name, handle] of Object.entries(handles)) {
      const target = await (platform[handle] as { getAddress(): Promise<string> }).getAddress();
      const wired = [...roleWiring(name), ["ADMIN", RESTRICTED_FUNCTIONS[name]?.ADMIN ?? []] as const];
      for (const [role, functions] of wired) {
        for (const [i, selector] of selectorsOf(name, functions).entries()) {
          expect(await platform.accessManager.getTargetFunctionRole(target, selector)).to.equal(
            ROLES[role],
            `${name}.${functions[i]}`,
          );
        }
      }
    }
  });
});
