import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { Interface } from "ethers";

/**
 * Platform roles in the AccessManager (the same numbers as `Roles` in contracts/Common.sol).
 * 0 is the AccessManager's ADMIN_ROLE.
 */
export const ROLES = {
  ADMIN: 0n,
  REGISTRAR: 1n,
  UPGRADER: 2n,
  CALENDAR_KEEPER: 3n,
  CATALOGUE_EDITOR: 4n,
  ENGINE: 5n,
} as const;

export type RoleName = keyof typeof ROLES;

/**
 * Which role may call which `restricted` function of each contract. Functions not listed here
 * and marked `restricted` fall to ADMIN. `upgradeToAndCall` is the UPGRADER's everywhere.
 */
export const RESTRICTED_FUNCTIONS: Record<string, Partial<Record<RoleName, string[]>>> = {
  DepartmentRegistry: {
    REGISTRAR: ["registerDepartment", "updateDepartment", "setOfficers", "setDepartmentActive", "setSealKey"],
    ADMIN: ["setOfficerListeners"],
  },
  LicenceTypeRegistry: {
    REGISTRAR: ["registerType", "publishVersion", "deactivateType"],
  },
  LicenceRegistry: {
    ENGINE: ["issueFor"],
  },
  ConsentRegistry: {},
  RestrictionList: {
    REGISTRAR: ["setLister", "unlistByRegistrar"],
  },
  WorkingCalendar: {
    CALENDAR_KEEPER: ["setYear", "setTimeZone"],
  },
  ServiceCatalog: {
    CATALOGUE_EDITOR: ["registerMatter", "publishVersion", "setMatterActive"],
  },
  ApprovalEngine: {},
};

/**
 * What the deployment wires on contract `name`: each role other than ADMIN (the AccessManager's
 * default role, so never set) with its functions of RESTRICTED_FUNCTIONS, and `upgradeToAndCall`
 * for the UPGRADER. The Ignition module applies it, and test/helpers/RoleMap.sol, generated from it
 * by ignition/role-map.ts, applies it in the Solidity tests.
 */
export function roleWiring(name: string): [Exclude<RoleName, "ADMIN">, string[]][] {
  const byRole: Partial<Record<RoleName, string[]>> = {
    ...RESTRICTED_FUNCTIONS[name],
    UPGRADER: [...(RESTRICTED_FUNCTIONS[name]?.UPGRADER ?? []), "upgradeToAndCall"],
  };
  return (Object.entries(byRole) as [RoleName, string[]][]).filter(
    (entry): entry is [Exclude<RoleName, "ADMIN">, string[]] => entry[0] !== "ADMIN" && entry[1].length > 0,
  );
}

const artifactsDir = fileURLToPath(new URL("../../artifacts/contracts/", import.meta.url));

/** Function selectors of `names` in the built contract `contractName` (read from its artifact). */
export function selectorsOf(contractName: string, names: readonly string[]): string[] {
  const artifact = JSON.parse(readFileSync(`${artifactsDir}${contractName}.sol/${contractName}.json`, "utf8")) as {
    abi: ConstructorParameters<typeof Interface>[0];
  };
  const iface = new Interface(artifact.abi);
  return names.map((name) => {
    const fn = iface.getFunction(name);
    if (fn === null) throw new Error(`${contractName} has no function ${name}`);
    return fn.selector;
  });
}
