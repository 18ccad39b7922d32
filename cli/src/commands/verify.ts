import { isHex, keccak256, stringToHex, type Hex } from "viem";

import {
  DISCLOSURE_FORMAT,
  parseDisclosure,
  parseLicenceFileAndSeal,
  recordVerification,
  verifyLicence,
  type VerifyLicenceParameters,
} from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { ExitCode, InputError, UsageError } from "../exit-codes.ts";
import { readJsonFile } from "./common.ts";

type VerifyFileParameters = Extract<VerifyLicenceParameters, { file: unknown }>;

const SEAL_STATE_ZH = { absent: "无印章", malformed: "格式有误", invalid: "无效", valid: "有效" } as const;
const SEAL_STATE_EN = { absent: "no seal", malformed: "malformed", invalid: "invalid", valid: "valid" } as const;

/** `--purpose`: a bytes32 (an application id) as is, any other text hashed. */
function purposeOf(value: string | undefined): Hex {
  if (value === undefined) return keccak256(stringToHex("onewindow.cli.verify"));
  return isHex(value) && value.length === 66 ? value : keccak256(stringToHex(value));
}

export const verifyCommand: Command = {
  name: "verify",
  summary: {
    zh: "核验证照文件或披露：完整性、状态、签发机关、电子印章（可记录核验存证）",
    en: "Verify a licence file or disclosure: integrity, status, issuer, national seal (optionally record the check)",
  },
  usage: "<licence.json|disclosure.json> [--record [--purpose <application id|text>]]",
  options: { record: { type: "boolean", default: false }, purpose: { type: "string" } },
  async run(context, values, positionals) {
    const [file] = positionals;
    if (!file) throw new UsageError("Name the licence file: verify <licence.json>.", "请指定证照文件：verify <文件>。");
    const json = readJsonFile(file);
    let parameters: VerifyLicenceParameters;
    try {
      parameters =
        (json as { format?: unknown }).format === DISCLOSURE_FORMAT
          ? { disclosure: parseDisclosure(json) }
          : // A malformed seal does not stop the verdict: its part names what is wrong.
            (parseLicenceFileAndSeal(json), { file: json as VerifyFileParameters["file"] });
    } catch (cause) {
      const reason = (cause as { messages?: { zh: string; en: string } }).messages;
      throw new InputError(
        file,
        `is not a licence file or disclosure: ${reason?.en ?? String(cause)}`,
        `不是有效的证照文件或披露：${reason?.zh ?? String(cause)}`,
        cause,
      );
    }
    const verdict = await verifyLicence(await context.reader(), parameters);
    let recorded: Hex | undefined;
    if (values.record) {
      const client = await context.signer();
      recorded = (
        await recordVerification(client, {
          licenceId: verdict.licenceId,
          purpose: purposeOf(stringOption(values, "purpose")),
          fieldMask: verdict.fieldMask,
          result: verdict.result,
        })
      ).hash;
    }
    const { out } = context;
    const zh = out.lang === "zh";
    const mark = (ok: boolean) => (ok ? "✔" : "✘");
    const line = (label: string, part: { ok: boolean; problems: string[] }) =>
      `${mark(part.ok)} ${label}${part.problems.length ? `: ${part.problems.join("; ")}` : ""}`;
    const { seal } = verdict;
    const sealLabel = zh
      ? `电子印章（SM2/SM3，${SEAL_STATE_ZH[seal.state]}）`
      : `national seal (SM2/SM3, ${SEAL_STATE_EN[seal.state]})`;
    const sealReasons = seal.reasons.map((r) => (zh ? r.zh : r.en));
    const sealLine = `${seal.state === "absent" ? "–" : mark(seal.ok)} ${sealLabel}${
      seal.ok && seal.keyIndex !== undefined
        ? zh
          ? `：签发时登记的公钥 #${seal.keyIndex}`
          : `: key #${seal.keyIndex}, registered at issue time`
        : ""
    }${sealReasons.length ? `${zh ? "：" : ": "}${sealReasons.join(zh ? "；" : "; ")}` : ""}`;
    out.result({ ...verdict, recorded }, () =>
      [
        `${zh ? "证照" : "licence"} ${verdict.licenceId}`,
        line(zh ? "完整性（数据未被篡改）" : "integrity (data untampered)", verdict.integrity),
        line(zh ? "状态（有效）" : "status (valid)", verdict.status),
        line(zh ? "签发机关（有权签发）" : "issuer (authorised)", verdict.issuer),
        sealLine,
        verdict.valid ? (zh ? "结论：有效" : "verdict: VALID") : zh ? "结论：无效" : "verdict: NOT VALID",
        ...(recorded ? [`${zh ? "核验存证交易" : "recorded in transaction"} ${recorded}`] : []),
      ].join("\n"),
    );
    return verdict.valid ? ExitCode.Ok : ExitCode.Invalid;
  },
};
