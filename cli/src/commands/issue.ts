import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { isAddress, type Address, type Hex } from "viem";

import {
  buildLicence,
  departmentOf,
  issueLicence,
  issueLicences,
  type LicenceFile,
  type OneWindowClient,
  OneWindowError,
  serializeLicenceFile,
} from "@onewindow/sdk";

import { stringOption, type Command, type OptionValues } from "../command.ts";
import { InputError, UsageError } from "../exit-codes.ts";
import { readJsonFile, requireOption } from "./common.ts";
import { licenceTypeOf } from "./licence-types.ts";

type FieldSet = Record<string, string>;

/** The field sets of a fields file: one object, or an array of objects (a batch). */
function fieldSets(file: string): FieldSet[] {
  const json = readJsonFile(file);
  const sets = Array.isArray(json) ? json : [json];
  if (sets.length === 0) throw new InputError(file, "holds no licence.", "中没有证照数据。");
  sets.forEach((set, index) => {
    if (typeof set !== "object" || set === null || Array.isArray(set)) {
      throw new InputError(file, `entry ${index} is not an object of fields.`, `第 ${index} 项不是字段对象。`);
    }
    for (const [name, value] of Object.entries(set as Record<string, unknown>)) {
      if (typeof value !== "string") {
        throw new InputError(
          file,
          `entry ${index}: field "${name}" must be a string.`,
          `第 ${index} 项：字段“${name}”的值必须是字符串。`,
        );
      }
    }
  });
  return sets as FieldSet[];
}

export function writeLicenceFile(file: string, licence: LicenceFile) {
  try {
    writeFileSync(file, serializeLicenceFile(licence) + "\n", { mode: 0o600 });
  } catch (cause) {
    throw new InputError(file, "cannot be written.", "无法写入。", cause);
  }
}

/**
 * The licence files `--type`, `--fields` (one object or an array), `--holder` and `--expires-at`
 * describe, built (not issued) for the signer's department.
 */
export async function buildLicenceFiles(client: OneWindowClient, values: OptionValues): Promise<LicenceFile[]> {
  const fieldsFile = requireOption(values, "fields");
  const sets = fieldSets(fieldsFile);
  const holderOption = stringOption(values, "holder");
  const outDir = stringOption(values, "out-dir");
  if (sets.length > 1 && !outDir) {
    throw new UsageError("A batch needs --out-dir <dir> for its licence files.", "批量签发需要 --out-dir <目录>。");
  }
  const expiresOption = stringOption(values, "expires-at");
  const expiresAtOption = expiresOption === undefined ? undefined : Date.parse(expiresOption) / 1000;
  if (expiresAtOption !== undefined && !(expiresAtOption > Date.now() / 1000)) {
    throw new UsageError(
      "--expires-at must be a future date (ISO 8601, e.g. 2030-12-31).",
      "--expires-at 必须是将来的日期（ISO 8601，例如 2030-12-31）。",
    );
  }

  const type = await licenceTypeOf(client, requireOption(values, "type"));
  const membership = await departmentOf(client, { account: client.wallet!.account.address });
  if (membership === undefined) {
    const account = client.wallet!.account.address;
    throw new OneWindowError(`Account ${account} is not an officer of an active department.`, {
      code: "NOT_AN_OFFICER",
      messages: {
        zh: `账户 ${account} 不是任何在用部门的审批人，无权签发证照。请使用本部门审批人的密钥。`,
        en: `Account ${account} is not an officer of an active department, so it cannot issue licences. Use your department officer's key.`,
      },
    });
  }
  const issuerDepartment = membership.departmentId;
  const now = Math.floor(Date.now() / 1000);
  const expiresAt =
    expiresAtOption !== undefined
      ? Math.floor(expiresAtOption)
      : type.version.defaultValidity > 0
        ? now + type.version.defaultValidity
        : 0;
  const files = sets.map((fields, index) => {
    const holder = fields.holder ?? holderOption;
    if (!holder || !isAddress(holder)) {
      throw new InputError(
        fieldsFile,
        `entry ${index}: give the holder's address (field "holder" or --holder).`,
        `第 ${index} 项：请提供持证人地址（字段 holder 或 --holder）。`,
      );
    }
    return buildLicence({
      typeId: type.typeId,
      typeVersion: type.currentVersion,
      fieldNames: type.version.fieldNames,
      fields,
      holder: holder as Address,
      issuerDepartment,
      issuedAt: now,
      expiresAt,
      chainId: client.chain.id,
      registry: client.addresses.LicenceRegistry,
    }).file;
  });

  return files;
}

export const issueCommand: Command = {
  name: "issue",
  summary: {
    zh: "签发证照：由字段 JSON 生成证照文件，并把承诺上链",
    en: "Issue licences: build licence files from a JSON file of fields and put their commitments on chain",
  },
  usage: [
    "--type <code|id> --fields <fields.json> [--holder <address>] [--out <licence.json>]",
    "--type <code|id> --fields <array.json> --out-dir <dir>        (a batch, one Merkle root per 1,024)",
    "[--seal-key <SM2 private key hex>]  seal every file with the department's national seal",
    'fields.json: {"holder": "0x…", "name": "…", …}; the holder may also come from --holder.',
  ].join("\n"),
  options: {
    type: { type: "string" },
    fields: { type: "string" },
    holder: { type: "string" },
    out: { type: "string" },
    "out-dir": { type: "string" },
    "expires-at": { type: "string" },
    "seal-key": { type: "string" },
  },
  async run(context, values) {
    const outDir = stringOption(values, "out-dir");
    const outFile = stringOption(values, "out");
    const client = await context.signer();
    const files = await buildLicenceFiles(client, values);
    const sealKey = stringOption(values, "seal-key") as Hex | undefined;
    if (files.length === 1 && !outDir) {
      const { file: sealed, ...result } = await issueLicence(client, { file: files[0]!, sealKey });
      const file = outFile ?? `${result.licenceId}.json`;
      writeLicenceFile(file, sealed ?? files[0]!);
      context.out.result({ ...result, file }, () =>
        context.out.lang === "zh"
          ? `已签发证照 ${result.licenceId}\n证照文件：${file}（交给持证人，内含个人数据，请妥善保管）`
          : `Issued licence ${result.licenceId}\nLicence file: ${file} (give it to the holder; it holds personal data)`,
      );
      return;
    }
    const result = await issueLicences(client, {
      files,
      sealKey,
      onProgress: ({ done, total }) => context.out.progress("issue", done, total),
    });
    mkdirSync(outDir!, { recursive: true });
    const written = result.files.map((file) => {
      const name = path.join(outDir!, `${file.licenceId}.json`);
      writeLicenceFile(name, file);
      return name;
    });
    const summary = { licences: written.length, batches: result.batches, directory: outDir };
    context.out.result(summary, () =>
      context.out.lang === "zh"
        ? `已批量签发 ${written.length} 张证照（${result.batches.length} 个批次），证照文件在 ${outDir}`
        : `Issued ${written.length} licences in ${result.batches.length} batches; licence files in ${outDir}`,
    );
  },
};
