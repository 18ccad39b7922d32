import {
  getLicenceType,
  getLicenceTypeByCode,
  listLicenceTypes,
  type OneWindowClient,
  registerLicenceType,
} from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { UsageError } from "../exit-codes.ts";
import { table } from "../output.ts";
import { departmentByCodeOrId, LEVEL_NAMES, parseLevel, requireOption } from "./common.ts";

/** A licence type by code or id, or a usage error saying it does not exist. */
export async function licenceTypeOf(client: OneWindowClient, codeOrId: string) {
  const type = /^\d+$/.test(codeOrId)
    ? await getLicenceType(client, { typeId: Number(codeOrId) })
    : await getLicenceTypeByCode(client, { code: codeOrId });
  if (!type || type.typeId === 0) {
    throw new UsageError(
      `No licence type "${codeOrId}": see onewindow licence-types list.`,
      `没有证照类型“${codeOrId}”，请用 onewindow licence-types list 查看。`,
    );
  }
  return type;
}

/** Department ids from a comma-separated list of codes or ids. */
async function departmentIds(client: OneWindowClient, list: string): Promise<number[]> {
  return Promise.all(
    list.split(",").map(async (item) => (await departmentByCodeOrId(client, item.trim())).departmentId),
  );
}

export const licenceTypesCommand: Command = {
  name: "licence-types",
  summary: { zh: "查看或登记证照类型", en: "List, show or register licence types" },
  usage: [
    "list",
    "show <code|id>",
    "register --code <code> --name <name> --level national|municipal|district",
    "         --fields holder,name,… --issuers <dept code|id,…> [--validity-days <n>]",
  ].join("\n"),
  options: {
    code: { type: "string" },
    name: { type: "string" },
    level: { type: "string" },
    fields: { type: "string" },
    issuers: { type: "string" },
    "validity-days": { type: "string" },
  },
  async run(context, values, positionals) {
    const [action, target] = positionals;
    const { out } = context;
    if (action === "list") {
      const types = await listLicenceTypes(await context.reader());
      out.result(types, () =>
        table(
          ["id", "code", out.lang === "zh" ? "名称" : "name", "level", "version", "fields", "active"],
          types.map((t) => [
            t.typeId,
            t.code,
            t.name,
            LEVEL_NAMES[t.version.level]?.[out.lang] ?? t.version.level,
            t.currentVersion,
            t.version.fieldNames.length,
            t.active ? "yes" : "no",
          ]),
        ),
      );
      return;
    }
    if (action === "show") {
      if (!target) throw new UsageError("Name the type: show <code|id>.", "请指定证照类型：show <代码|编号>。");
      const type = await licenceTypeOf(await context.reader(), target);
      out.result(type, () =>
        [
          `${type.name} (${type.code}, id ${type.typeId}, version ${type.currentVersion})`,
          `level: ${LEVEL_NAMES[type.version.level]?.[out.lang] ?? type.version.level}   issuers: ${type.version.issuers.join(", ")}   validity: ${type.version.defaultValidity === 0 ? "none" : `${type.version.defaultValidity / 86400} days`}`,
          `fields: ${type.version.fieldNames.join(", ")}`,
        ].join("\n"),
      );
      return;
    }
    if (action === "register") {
      const validityDays = Number(stringOption(values, "validity-days") ?? 0);
      if (!Number.isInteger(validityDays) || validityDays < 0) {
        throw new UsageError("--validity-days must be a whole number of days.", "--validity-days 必须是整数天数。");
      }
      const client = await context.signer();
      const result = await registerLicenceType(client, {
        code: requireOption(values, "code"),
        name: requireOption(values, "name"),
        level: parseLevel(stringOption(values, "level")),
        defaultValidity: validityDays * 86400,
        fieldNames: requireOption(values, "fields")
          .split(",")
          .map((f) => f.trim()),
        issuers: await departmentIds(client, requireOption(values, "issuers")),
      });
      out.result(result, () =>
        out.lang === "zh"
          ? `已登记证照类型，编号 ${result.typeId}（交易 ${result.hash}）`
          : `Registered licence type ${result.typeId} (transaction ${result.hash})`,
      );
      return;
    }
    throw new UsageError(
      "Say what to do: licence-types list | show | register.",
      "请指定操作：licence-types list | show | register。",
    );
  },
};
