import { isHex, type Hex } from "viem";

import { decide } from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { UsageError } from "../exit-codes.ts";
import { outcomeOf, outputLicenceOf, requireOption } from "./common.ts";

export const decideCommand: Command = {
  name: "decide",
  summary: {
    zh: "部门审批人对申请环节作出决定（批准、不予批准、退回补正）",
    en: "An officer decides a step of an application (approve, reject, return for correction)",
  },
  usage:
    "<application id> --step <n> --approve|--reject|--return [--reason <code>] [--output-licence <licence file|id>]",
  options: {
    step: { type: "string" },
    approve: { type: "boolean", default: false },
    reject: { type: "boolean", default: false },
    return: { type: "boolean", default: false },
    reason: { type: "string" },
    "output-licence": { type: "string" },
  },
  async run(context, values, positionals) {
    const [applicationId] = positionals;
    if (!applicationId || !isHex(applicationId) || applicationId.length !== 66) {
      throw new UsageError(
        "Give the application id (0x + 64 hex digits).",
        "请提供申请编号（0x 加 64 位十六进制数字）。",
      );
    }
    const outcome = outcomeOf(values);
    const step = Number(requireOption(values, "step"));
    const reasonText = stringOption(values, "reason");
    const reason = reasonText === undefined ? undefined : Number(reasonText);
    const output = outputLicenceOf(values);
    const client = await context.signer();
    const result = await decide(client, {
      applicationId: applicationId as Hex,
      step,
      outcome,
      ...(reason === undefined ? {} : { reason }),
      ...output,
    });
    const zh = context.out.lang === "zh";
    context.out.result(result, () =>
      result.decided
        ? zh
          ? `环节 ${step} 已决定（交易 ${result.hash}）${result.activatedSteps.length ? `；已启动环节 ${result.activatedSteps.join("、")}` : ""}`
          : `Step ${step} decided (transaction ${result.hash})${result.activatedSteps.length ? `; steps started: ${result.activatedSteps.join(", ")}` : ""}`
        : zh
          ? `已记录您的意见（交易 ${result.hash}）；尚需本部门其他审批人签署`
          : `Your vote is recorded (transaction ${result.hash}); more officers of the department must vote`,
    );
  },
};
