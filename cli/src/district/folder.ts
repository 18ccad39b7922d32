/** Reads a district folder (see format.ts), each file checked against its schema. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import type { Address, Hex } from "viem";
import type { z } from "zod";

import { mergeDistrictData, type CalendarFile, type DistrictData } from "@onewindow/sdk";

import { InputError } from "../exit-codes.ts";
import { readJsonFile } from "../commands/common.ts";
import { districtFiles } from "./format.ts";

/** A district folder's data, and the officers and encryption keys its officers.json gives. */
export type DistrictFolder = {
  data: DistrictData;
  officers: Map<string, Address[]>;
  encryptionKeys: Map<string, Hex>;
  /** SM2 seal public keys by department code (officers.json `sealPublicKey`). */
  sealKeys: Map<string, Hex>;
  /** The files read. */
  files: string[];
};

/** Reads `folder`; a file that is not valid JSON or not in the format is an InputError naming the file and the JSON path. */
export function readDistrictFolder(folder: string): DistrictFolder {
  if (!existsSync(folder)) throw new InputError(folder, "does not exist.", "不存在。");
  const files: string[] = [];
  const read = <K extends keyof typeof districtFiles>(
    schemaName: K,
    file: string,
  ): z.infer<(typeof districtFiles)[K]> | undefined => {
    const full = path.join(folder, file);
    if (!existsSync(full)) return undefined;
    files.push(full);
    const parsed = districtFiles[schemaName].safeParse(readJsonFile(full));
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
      const more = parsed.error.issues.length > 5 ? ` (+${parsed.error.issues.length - 5} more)` : "";
      throw new InputError(
        full,
        `is not in the district format: ${issues.join("; ")}${more} — see cli/schemas/district.schema.json.`,
        `不符合辖区数据格式：${issues.join("；")}${more}——参见 cli/schemas/district.schema.json。`,
      );
    }
    return parsed.data as z.infer<(typeof districtFiles)[K]>;
  };
  const departments = read("departments.json", "departments.json");
  const licenceTypes = read("licence-types.json", "licence-types.json");
  const matters = read("matters.json", "matters.json");
  const officersFile = read("officers.json", "officers.json");
  const calendarDir = path.join(folder, "calendars");
  const calendars = existsSync(calendarDir)
    ? readdirSync(calendarDir)
        .filter((name) => name.endsWith(".json"))
        .sort()
        .map((name) => read("calendars/*.json", path.join("calendars", name)) as CalendarFile)
    : [];
  if (files.length === 0) {
    throw new InputError(
      folder,
      "has none of departments.json, licence-types.json, matters.json, officers.json, calendars/.",
      "中没有 departments.json、licence-types.json、matters.json、officers.json 或 calendars/ 中的任何文件。",
    );
  }
  const data = mergeDistrictData(
    { departments: departments?.departments ?? [] },
    { licenceTypes: licenceTypes?.licenceTypes ?? [] },
    { calendars },
    {
      conditions: matters?.conditions ?? {},
      conditionNames: matters?.conditionNames ?? {},
      rules: (matters?.rules ?? []) as DistrictData["rules"],
      matters: (matters?.matters ?? []) as DistrictData["matters"],
    },
  );
  const officers = new Map<string, Address[]>();
  const encryptionKeys = new Map<string, Hex>();
  const sealKeys = new Map<string, Hex>();
  for (const [code, entry] of Object.entries(officersFile?.departments ?? {})) {
    if (entry.officers) officers.set(code, entry.officers as Address[]);
    if (entry.encryptionKey) encryptionKeys.set(code, entry.encryptionKey as Hex);
    if (entry.sealPublicKey) sealKeys.set(code, entry.sealPublicKey as Hex);
  }
  return { data, officers, encryptionKeys, sealKeys, files };
}

/** A zod issue path as a JSON path: `$.matters[2].steps[0].timeLimit`. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  return (
    "$" +
    segments
      .map((s) =>
        typeof s === "number"
          ? `[${s}]`
          : /^[A-Za-z_$][\w$]*$/.test(String(s))
            ? `.${String(s)}`
            : `[${JSON.stringify(String(s))}]`,
      )
      .join("")
  );
}
