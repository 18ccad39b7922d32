import { isAddress, type Address } from "viem";

import { deployCompositeRule, deployHoldsValidLicenceRule, deployNotRestrictedRule } from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { UsageError } from "../exit-codes.ts";
import { requireOption } from "./common.ts";
import { licenceTypeOf } from "./licence-types.ts";

export const ruleCommand: Command = {
  name: "rule",
  summary: { zh: "部署审批规则合约（自动审查用）", en: "Deploy an approval rule contract (for automatic review)" },
  usage: [
    "deploy holds-valid-licence --licence-type <code|id>",
    "deploy not-restricted --list <list code>",
    "deploy composite --all-of|--any-of <rule address,rule address,…>",
    "(a district folder's matters.json deploys the rules its matters name: see district apply)",
  ].join("\n"),
  options: {
    "licence-type": { type: "string" },
    list: { type: "string" },
    "all-of": { type: "string" },
    "any-of": { type: "string" },
  },
  async run(context, values, positionals) {
    const [action, kind] = positionals;
    if (action !== "deploy")
      throw new UsageError("Say what to do: rule deploy <kind>.", "请指定操作：rule deploy <类型>。");
    const client = await context.signer();
    let result: { address: Address; hash: string };
    if (kind === "holds-valid-licence") {
      const type = await licenceTypeOf(client, requireOption(values, "licence-type"));
      result = await deployHoldsValidLicenceRule(client, { licenceTypeId: type.typeId });
    } else if (kind === "not-restricted") {
      result = await deployNotRestrictedRule(client, { listCode: requireOption(values, "list") });
    } else if (kind === "composite") {
      const allOf = stringOption(values, "all-of");
      const anyOf = stringOption(values, "any-of");
      if ((allOf === undefined) === (anyOf === undefined)) {
        throw new UsageError("Give one of --all-of or --any-of.", "请给出 --all-of 或 --any-of 之一。");
      }
      const rules = (allOf ?? anyOf)!.split(",").map((a) => a.trim());
      for (const rule of rules) {
        if (!isAddress(rule)) throw new UsageError(`"${rule}" is not a rule address.`, `“${rule}”不是规则合约地址。`);
      }
      result = await deployCompositeRule(client, { rules: rules as Address[], mode: allOf ? "allOf" : "anyOf" });
    } else {
      throw new UsageError(
        "The kind is holds-valid-licence, not-restricted or composite.",
        "规则类型应为 holds-valid-licence、not-restricted 或 composite。",
      );
    }
    context.out.result(result, () =>
      context.out.lang === "zh"
        ? `已部署规则 ${result.address}（交易 ${result.hash}）`
        : `Deployed rule ${result.address} (transaction ${result.hash})`,
    );
  },
};
