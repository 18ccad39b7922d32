import { writeFileSync } from "node:fs";

import { isAddress, isHex, type Address, type Hex } from "viem";

import { decideBySig, signDecision, type DecisionSignature, type SignedDecision } from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { InputError, UsageError } from "../exit-codes.ts";
import { applicationIdOf, outcomeOf, outputLicenceOf, readJsonFile, requireOption, stepOf } from "./common.ts";

/** The file format of a signed decision: `signDecision`'s result, the deadline as a decimal string. */
type SignatureFile = {
  format: "onewindow.decision-signature";
  signer: Address;
  signature: Hex;
  decision: Record<string, unknown>;
};

function readSignature(file: string): DecisionSignature {
  const json = readJsonFile(file) as Partial<SignatureFile>;
  const d = json.decision as Record<string, unknown> | undefined;
  if (
    json.format !== "onewindow.decision-signature" ||
    typeof json.signer !== "string" ||
    !isAddress(json.signer) ||
    typeof json.signature !== "string" ||
    !isHex(json.signature) ||
    d === undefined ||
    typeof d.deadline !== "string"
  ) {
    throw new InputError(
      file,
      "is not a signed decision (onewindow decision sign writes one).",
      "不是已签名的决定文件（由 onewindow decision sign 生成）。",
    );
  }
  return {
    signer: json.signer,
    signature: json.signature,
    decision: { ...(d as unknown as SignedDecision["decision"]), deadline: BigInt(d.deadline) },
  };
}

export const decisionCommand: Command = {
  name: "decision",
  summary: {
    zh: "审批人离线签署决定（EIP-712，写入文件），再由任何人一并提交 m 个签名",
    en: "Officers sign a decision offline (EIP-712, to a file); anyone sends the m signatures together",
  },
  usage: [
    "sign <application id> --step <n> --approve|--reject|--return [--reason <code>] [--output-licence <licence file|id>] --out <file>",
    "sign --same-as <signature.json> --out <file>      (co-sign the decision another officer signed, deadline included)",
    "send <signature.json> [<signature.json> …] [--output-licence <licence file>]   (the file when the decision first names the output licence)",
  ].join("\n"),
  options: {
    step: { type: "string" },
    approve: { type: "boolean", default: false },
    reject: { type: "boolean", default: false },
    return: { type: "boolean", default: false },
    reason: { type: "string" },
    "output-licence": { type: "string" },
    out: { type: "string" },
    "same-as": { type: "string" },
  },
  async run(context, values, positionals) {
    const [action, ...rest] = positionals;
    const { out } = context;
    const zh = out.lang === "zh";
    if (action === "sign") {
      const file = requireOption(values, "out");
      const sameAs = stringOption(values, "same-as");
      const client = await context.signer();
      let signed: SignedDecision;
      if (sameAs !== undefined) {
        // The m signatures must sign one decision, deadline included: co-sign the first one's.
        const { decision } = readSignature(sameAs);
        signed = await signDecision(client, {
          applicationId: decision!.applicationId,
          step: decision!.step,
          round: decision!.round,
          outcome: decision!.outcome,
          reason: decision!.reason,
          ...(/^0x0*$/.test(decision!.outputLicenceId) ? {} : { outputLicenceId: decision!.outputLicenceId }),
          deadline: decision!.deadline,
        });
      } else {
        const applicationId = applicationIdOf(rest[0]);
        const reasonText = stringOption(values, "reason");
        signed = await signDecision(client, {
          applicationId,
          step: stepOf(values),
          outcome: outcomeOf(values),
          ...(reasonText === undefined ? {} : { reason: Number(reasonText) }),
          ...outputLicenceOf(values),
        });
      }
      const body: SignatureFile = {
        format: "onewindow.decision-signature",
        signer: signed.signer,
        signature: signed.signature,
        decision: { ...signed.decision, deadline: signed.decision.deadline.toString() },
      };
      try {
        writeFileSync(file, JSON.stringify(body, null, 2) + "\n");
      } catch (cause) {
        throw new InputError(file, "cannot be written.", "无法写入。", cause);
      }
      out.result({ ...body, file }, () =>
        zh
          ? `已签署（未发送任何交易）：${file}，签名人 ${signed.signer}，截止 ${new Date(Number(signed.decision.deadline) * 1000).toISOString()}`
          : `Signed (nothing sent): ${file}, signer ${signed.signer}, valid until ${new Date(Number(signed.decision.deadline) * 1000).toISOString()}`,
      );
      return;
    }
    if (action === "send") {
      if (rest.length === 0) {
        throw new UsageError(
          "Give the signature files: decision send <a.json> <b.json> …",
          "请给出签名文件：decision send <a.json> <b.json> …",
        );
      }
      const result = await decideBySig(await context.signer(), {
        signatures: rest.map(readSignature),
        outputLicence: outputLicenceOf(values).outputLicence,
      });
      out.result(result, () =>
        zh
          ? `已提交 ${rest.length} 个签名，环节已决定（交易 ${result.hash}）${result.activatedSteps.length ? `；已启动环节 ${result.activatedSteps.join("、")}` : ""}`
          : `Sent ${rest.length} signatures; the step is decided (transaction ${result.hash})${result.activatedSteps.length ? `; steps started: ${result.activatedSteps.join(", ")}` : ""}`,
      );
      return;
    }
    throw new UsageError("Say what to do: decision sign | send.", "请指定操作：decision sign | send。");
  },
};
