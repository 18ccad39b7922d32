import { readFileSync } from "node:fs";

import { isHex, keccak256, type Hex } from "viem";

import {
  type Department,
  getDepartment,
  getDepartmentByCode,
  Level,
  type LicenceFile,
  Outcome,
  type OneWindowClient,
  parseLicenceFile,
} from "@onewindow/sdk";

import { stringOption, type OptionValues } from "../command.ts";
import { InputError, UsageError } from "../exit-codes.ts";

/** Level names for output, by the contract's number. */
export const LEVEL_NAMES: Record<number, { zh: string; en: string }> = {
  [Level.National]: { zh: "国家级", en: "national" },
  [Level.Municipal]: { zh: "市级", en: "municipal" },
  [Level.District]: { zh: "区级", en: "district" },
};

/** `--level national|municipal|district` → Level. */
export function parseLevel(value: string | undefined): Level {
  const level = { national: Level.National, municipal: Level.Municipal, district: Level.District }[value ?? ""];
  if (level === undefined) {
    throw new UsageError(
      "--level must be national, municipal or district.",
      "--level 必须是 national（国家级）、municipal（市级）或 district（区级）。",
    );
  }
  return level;
}

/** A required string option, or a usage error naming it. */
export function requireOption(values: OptionValues, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === "") {
    throw new UsageError(`--${name} is required.`, `缺少必需的选项 --${name}。`);
  }
  return value;
}

/**
 * `--output-licence <file|id>`: the output licence's file, which the decision that first names it
 * must give (the engine checks from its holder field that the applicant holds it), or the id of an
 * output licence already named, for a vote that joins it.
 */
export function outputLicenceOf(values: OptionValues): { outputLicence?: LicenceFile; outputLicenceId?: Hex } {
  const value = stringOption(values, "output-licence");
  if (value === undefined) return {};
  if (isHex(value) && value.length === 66) return { outputLicenceId: value };
  return { outputLicence: parseLicenceFile(readJsonFile(value)) };
}

/** The outcome chosen with --approve, --reject or --return. */
export function outcomeOf(values: OptionValues): Outcome {
  const chosen = (["approve", "reject", "return"] as const).filter((o) => values[o] === true);
  if (chosen.length !== 1) {
    throw new UsageError(
      "Choose one of --approve, --reject, --return.",
      "请在 --approve、--reject、--return 中选择一项。",
    );
  }
  return { approve: Outcome.Approve, reject: Outcome.Reject, return: Outcome.Return }[chosen[0]!];
}

/** Reads and parses a JSON file, or an input error naming it. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new InputError(file, "cannot be read.", "无法读取。", cause);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InputError(file, "is not valid JSON.", "不是有效的 JSON。", cause);
  }
}

/** A department named by its code or its id, or a usage error saying there is none. */
export async function departmentByCodeOrId(client: OneWindowClient, codeOrId: string): Promise<Department> {
  const department = /^\d+$/.test(codeOrId)
    ? await getDepartment(client, { departmentId: Number(codeOrId) })
    : await getDepartmentByCode(client, { code: codeOrId });
  if (!department) throw new UsageError(`No department "${codeOrId}".`, `没有部门“${codeOrId}”。`);
  return department;
}

/** An application id (0x + 64 hex digits), or a usage error. */
export function applicationIdOf(value: string | undefined): Hex {
  if (!value || !isHex(value) || value.length !== 66) {
    throw new UsageError(
      "Give the application id (0x + 64 hex digits).",
      "请提供申请编号（0x 加 64 位十六进制数字）。",
    );
  }
  return value;
}

/** A step index option, or a usage error. */
export function stepOf(values: OptionValues): number {
  const step = Number(requireOption(values, "step"));
  if (!Number.isInteger(step) || step < 0 || step > 255) {
    throw new UsageError("--step must be a step index (0, 1, …).", "--step 必须是环节序号（0、1、……）。");
  }
  return step;
}

/** `--upload <material index>:<file>` entries as upload hashes of the files' bytes. */
export function uploadsOf(values: OptionValues): { material: number; contentHash: Hex }[] {
  return ((values.upload as string[] | undefined) ?? []).map((entry) => {
    const match = /^(\d+):(.+)$/.exec(entry);
    if (!match) {
      throw new UsageError(
        `--upload must be <material index>:<file>, not "${entry}".`,
        `--upload 的格式应为 <材料序号>:<文件>，而不是“${entry}”。`,
      );
    }
    let content: Buffer;
    try {
      content = readFileSync(match[2]!);
    } catch (cause) {
      throw new InputError(match[2]!, "cannot be read.", "无法读取。", cause);
    }
    return { material: Number(match[1]), contentHash: keccak256(content) };
  });
}
