import { isHex, keccak256, stringToHex, type Hex } from "viem";

import {
  DISCLOSURE_FORMAT,
  parseDisclosure,
  parseLicenceFile,
  recordVerification,
  verifyLicence,
  type VerifyLicenceParameters,
} from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { ExitCode, InputError, UsageError } from "../exit-codes.ts";
import { readJsonFile } from "./common.ts";

/** `--purpose`: a bytes32 (an application id) as is, any other text hashed. */
function purposeOf(value: string | undefined): Hex {
  if (value === undefined) return keccak256(stringToHex("onewindow.cli.verify"));
  return isHex(value) && value.length === 66 ? value : keccak256(stringToHex(value));
}

export const verifyCommand: Command = {
  name: "verify",
  summary: {
    zh: "核验证照文件或披露：完整性、状态、签发机关（可记录核验存证）",
    en: "Verify a licence file or disclosure: integrity, status, issuer (optionally record the check)",
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
          : { file: parseLicenceFile(json) };
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
    out.result({ ...verdict, recorded }, () =>
      [
        `${zh ? "证照" : "licence"} ${verdict.licenceId}`,
        line(zh ? "完整性（数据未被篡改）" : "integrity (data untampered)", verdict.integrity),
        line(zh ? "状态（有效）" : "status (valid)", verdict.status),
        line(zh ? "签发机关（有权签发）" : "issuer (authorised)", verdict.issuer),
        verdict.valid ? (zh ? "结论：有效" : "verdict: VALID") : zh ? "结论：无效" : "verdict: NOT VALID",
        ...(recorded ? [`${zh ? "核验存证交易" : "recorded in transaction"} ${recorded}`] : []),
      ].join("\n"),
    );
    return verdict.valid ? ExitCode.Ok : ExitCode.Invalid;
  },
};
