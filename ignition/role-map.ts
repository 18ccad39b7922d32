/**
 * Renders test/helpers/RoleMap.sol, the Solidity tests' copy of the role map, from the one source
 * (ignition/modules/roles.ts): the Solidity deployers (PlatformTest, EnginePlatformTest) wire the
 * AccessManager with it exactly as the Ignition module does. test/RoleMap.ts fails when the
 * committed file is not what this renders.
 *
 *   node --import tsx ignition/role-map.ts     (rewrites test/helpers/RoleMap.sol)
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { RESTRICTED_FUNCTIONS, roleWiring } from "./modules/roles.ts";

/** Where the rendered library is committed. */
export const ROLE_MAP_PATH = fileURLToPath(new URL("../test/helpers/RoleMap.sol", import.meta.url));

/** The Solidity library for every contract of RESTRICTED_FUNCTIONS, in its order. */
export function renderRoleMap(): string {
  const contracts = Object.keys(RESTRICTED_FUNCTIONS);
  const imports = contracts
    .filter((name) => roleWiring(name).some(([, functions]) => functions.some((f) => f !== "upgradeToAndCall")))
    .sort()
    .map((name) => `import {${name}} from "../../contracts/${name}.sol";`);
  const functions = contracts.map((name) => {
    const body = roleWiring(name).flatMap(([role, names]) => [
      `        selectors = new bytes4[](${names.length});`,
      ...names.map(
        (fn, i) => `        selectors[${i}] = ${fn === "upgradeToAndCall" ? "UUPSUpgradeable" : name}.${fn}.selector;`,
      ),
      `        manager.setTargetFunctionRole(target, selectors, Roles.${role});`,
    ]);
    return [
      `    /// @notice Wires the ${name} at \`target\`.`,
      `    function wire${name}(AccessManager manager, address target) internal {`,
      `        bytes4[] memory selectors;`,
      ...body,
      `    }`,
    ].join("\n");
  });
  return `// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

// Generated from ignition/modules/roles.ts by \`node --import tsx ignition/role-map.ts\`; do not edit.

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {Roles} from "../../contracts/Common.sol";
${imports.join("\n")}

/// @title RoleMap
/// @notice The platform's role map (ignition/modules/roles.ts, \`roleWiring\`) for the Solidity tests'
/// deployers: each function gives a contract's restricted functions their roles, as the Ignition
/// module does. The caller must be the AccessManager's admin.
library RoleMap {
${functions.join("\n\n")}
}
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(ROLE_MAP_PATH, renderRoleMap());
  console.log(`role-map: ${ROLE_MAP_PATH}`);
}
