import { type Hex } from "viem";

import { autoReview, holdsValidLicenceEvidence, parseLicenceFile, resubmit, withdraw } from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { UsageError } from "../exit-codes.ts";
import { applicationIdOf, outputLicenceOf, readJsonFile, stepOf, uploadsOf } from "./common.ts";

export const applicationCommand: Command = {
  name: "application",
  summary: {
    zh: "申请的其他操作：规则自动审查、补正后重新提交、撤回",
    en: "More on an application: automatic review by rule, resubmit after correction, withdraw",
  },
  usage: [
    "auto-review <application id> --step <n> [--evidence <0x…> | --evidence-licence <licence.json>] [--output-licence <licence file|id>]",
    "resubmit <application id> [--upload <material index>:<file> …]                      (the applicant)",
    "withdraw <application id>                                                             (the applicant)",
  ].join("\n"),
  options: {
    step: { type: "string" },
    evidence: { type: "string" },
    "evidence-licence": { type: "string" },
    "output-licence": { type: "string" },
    upload: { type: "string", multiple: true },
  },
  async run(context, values, positionals) {
    const [action, id] = positionals;
    const { out } = context;
    const zh = out.lang === "zh";
    if (action === "auto-review") {
      const applicationId = applicationIdOf(id);
      const step = stepOf(values);
      const licenceFile = stringOption(values, "evidence-licence");
      // A holds-valid-licence rule's evidence: the licence the applicant holds (its file).
      const evidence =
        licenceFile !== undefined
          ? holdsValidLicenceEvidence(parseLicenceFile(readJsonFile(licenceFile)))
          : (stringOption(values, "evidence") as Hex | undefined);
      const result = await autoReview(await context.signer(), {
        applicationId,
        step,
        ...(evidence === undefined ? {} : { evidence }),
        ...outputLicenceOf(values),
      });
      out.result(result, () =>
        zh
          ? `环节 ${step} 已由规则自动审查通过（交易 ${result.hash}）${result.activatedSteps.length ? `；已启动环节 ${result.activatedSteps.join("、")}` : ""}`
          : `Step ${step} approved by its rule (transaction ${result.hash})${result.activatedSteps.length ? `; steps started: ${result.activatedSteps.join(", ")}` : ""}`,
      );
      return;
    }
    if (action === "resubmit") {
      const applicationId = applicationIdOf(id);
      const result = await resubmit(await context.signer(), { applicationId, uploads: uploadsOf(values) });
      out.result(result, () =>
        zh
          ? `已补正并重新提交（交易 ${result.hash}）；在申请人处停留 ${result.workingDaysWithApplicant} 个工作日（不计时限）；重新启动的环节：${result.restartedSteps.join("、")}`
          : `Resubmitted (transaction ${result.hash}); ${result.workingDaysWithApplicant} working days with the applicant (not counted); steps restarted: ${result.restartedSteps.join(", ")}`,
      );
      return;
    }
    if (action === "withdraw") {
      const applicationId = applicationIdOf(id);
      const result = await withdraw(await context.signer(), { applicationId });
      out.result(result, () => (zh ? `已撤回申请（交易 ${result.hash}）` : `Withdrawn (transaction ${result.hash})`));
      return;
    }
    throw new UsageError(
      "Say what to do: application auto-review | resubmit | withdraw.",
      "请指定操作：application auto-review | resubmit | withdraw。",
    );
  },
};
