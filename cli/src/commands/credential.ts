/**
 * `licence export` and `licence verify-credential`: a licence as a W3C VC 2.0 (`vc+jwt`) or an
 * SD-JWT VC signed by the officer's key, and the platform's check of such a credential
 * (`docs/credentials.md`).
 */
import { readFileSync, writeFileSync } from "node:fs";

import { parseLicenceFile } from "@onewindow/sdk";
import {
  exportLicenceCredential,
  presentSdJwt,
  verifyExportedCredential,
  type CredentialFormat,
} from "@onewindow/sdk/vc";
import type { Hex } from "viem";

import { stringOption, type OptionValues } from "../command.ts";
import type { CommandContext } from "../context.ts";
import { ExitCode, InputError, UsageError } from "../exit-codes.ts";
import { readJsonFile, requireOption } from "./common.ts";

function formatOf(values: OptionValues): CredentialFormat {
  const format = stringOption(values, "format");
  if (format !== "vc" && format !== "sd-jwt") {
    throw new UsageError("Choose --format vc or --format sd-jwt.", "请用 --format vc 或 --format sd-jwt 指定格式。");
  }
  return format;
}

/** `licence export <licence.json> --format vc|sd-jwt --out <file> [--base-url <url>] [--batch-members <ids.json>]`. */
export async function exportCredential(
  context: CommandContext,
  values: OptionValues,
  file: string | undefined,
  baseUrl: string,
): Promise<void> {
  if (!file) {
    throw new UsageError(
      "Give the licence file: licence export <licence.json> --format vc|sd-jwt --out <file>",
      "请给出证照文件：licence export <证照文件> --format vc|sd-jwt --out <输出文件>",
    );
  }
  const format = formatOf(values);
  const outFile = requireOption(values, "out");
  let licence;
  try {
    licence = parseLicenceFile(readJsonFile(file));
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(file, "is not a licence file.", "不是有效的证照文件。", cause);
  }
  const membersFile = stringOption(values, "batch-members");
  const batchMemberIds = membersFile === undefined ? undefined : (readJsonFile(membersFile) as Hex[]);
  const client = await context.signer();
  const exported = await exportLicenceCredential(client, {
    file: licence,
    format,
    baseUrl: stringOption(values, "base-url") ?? baseUrl,
    batchMemberIds,
  });
  writeFileSync(outFile, `${exported.credential}\n`);
  const zh = context.out.lang === "zh";
  context.out.result({ file: outFile, format, mediaType: exported.mediaType, statusIndex: exported.statusIndex }, () =>
    zh
      ? `已导出为${format === "vc" ? " W3C 可验证凭证" : " SD-JWT 可验证凭证"}：${outFile}（状态列表位置 ${exported.statusIndex}）`
      : `Exported as ${format === "vc" ? "a W3C VC (vc+jwt)" : "an SD-JWT VC"}: ${outFile} (status list index ${exported.statusIndex})`,
  );
}

/** `licence verify-credential <file> [--disclose name,…]`: exit 0 valid, 1 not valid, 3 malformed. */
export async function verifyCredential(
  context: CommandContext,
  values: OptionValues,
  file: string | undefined,
): Promise<ExitCode> {
  if (!file) {
    throw new UsageError(
      "Give the credential file: licence verify-credential <file>",
      "请给出凭证文件：licence verify-credential <凭证文件>",
    );
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new InputError(file, "cannot be read.", "无法读取。", cause);
  }
  const disclose = stringOption(values, "disclose");
  if (disclose !== undefined) {
    // The holder makes a presentation of chosen fields instead of checking.
    const outFile = requireOption(values, "out");
    writeFileSync(
      outFile,
      `${await presentSdJwt(
        text.trim(),
        disclose.split(",").map((s) => s.trim()),
      )}\n`,
    );
    context.out.result({ file: outFile }, () =>
      context.out.lang === "zh"
        ? `已生成仅含所选字段的出示：${outFile}`
        : `Wrote a presentation of the chosen fields: ${outFile}`,
    );
    return ExitCode.Ok;
  }
  const verdict = await verifyExportedCredential(await context.reader(), text);
  const zh = context.out.lang === "zh";
  const mark = (ok: boolean) => (ok ? "✔" : "✘");
  const c = verdict.credential;
  context.out.result(
    { valid: verdict.valid, status: verdict.status.status, fields: c.fields, issuerDepartment: c.issuerDepartment },
    () =>
      [
        `${mark(true)} ${zh ? "签名" : "signature"} (${c.format}, ${c.signer})`,
        `${mark(verdict.issuer.ok)} ${zh ? "签发者" : "issuer"}: ${c.departmentName ?? c.issuerDepartment} ${verdict.issuer.problems.join("; ")}`,
        `${mark(verdict.status.ok)} ${zh ? "状态" : "status"}: ${verdict.status.status}`,
        `${mark(verdict.expiry.ok)} ${zh ? "有效期" : "expiry"}${c.expiresAt ? `: ${new Date(c.expiresAt * 1000).toISOString()}` : ""}`,
        ...Object.entries(c.fields).map(([name, value]) => `  ${name}: ${value}`),
        verdict.valid ? (zh ? "结论：有效" : "VALID") : zh ? "结论：无效" : "NOT VALID",
      ].join("\n"),
  );
  return verdict.valid ? ExitCode.Ok : ExitCode.Invalid;
}
