import { readFile } from "node:fs/promises";

import { expect } from "chai";
import { LicenceProblem } from "@onewindow/sdk";
import { artifacts } from "hardhat";

/** Member names of enum `enumName` declared in `contractName`, read from the compiler's AST. */
async function solidityEnum(contractName: string, enumName: string): Promise<string[]> {
  const id = await artifacts.getBuildInfoId(contractName);
  const path = id === undefined ? undefined : await artifacts.getBuildInfoOutputPath(id);
  if (path === undefined) throw new Error(`no build info for ${contractName}`);
  const output = JSON.parse(await readFile(path, "utf8")) as {
    output: { sources: Record<string, { ast: unknown }> };
  };
  type Node = { nodeType?: string; name?: string; members?: { name: string }[]; nodes?: Node[] };
  const find = (node: Node, inContract: boolean): string[] | undefined => {
    if (inContract && node.nodeType === "EnumDefinition" && node.name === enumName) {
      return node.members!.map((member) => member.name);
    }
    for (const child of node.nodes ?? []) {
      const found = find(child, inContract || (node.nodeType === "ContractDefinition" && node.name === contractName));
      if (found) return found;
    }
    return undefined;
  };
  for (const { ast } of Object.values(output.output.sources)) {
    const members = find(ast as Node, false);
    if (members) return members;
  }
  throw new Error(`${contractName}.${enumName} not found`);
}

/** The SDK's enums (sdk/src/chain/enums.ts) name the contracts' values: same names, same numbers. */
describe("SDK enums mirror the contracts", () => {
  it("LicenceProblem is ILicenceRegistry.LicenceProblem", async () => {
    const members = await solidityEnum("ILicenceRegistry", "LicenceProblem");
    expect(Object.entries(LicenceProblem)).to.deep.equal(members.map((name, value) => [name, value]));
  });
});
