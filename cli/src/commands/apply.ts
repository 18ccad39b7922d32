import {
  applicationNumberOf,
  getMatter,
  getMatterByCode,
  type OneWindowClient,
  parseLicenceFile,
  submitApplication,
} from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { InputError, UsageError } from "../exit-codes.ts";
import { readJsonFile, requireOption, uploadsOf } from "./common.ts";

/** A matter by code or id, or a usage error. */
export async function matterOf(client: OneWindowClient, codeOrId: string) {
  const matter = /^\d+$/.test(codeOrId)
    ? await getMatter(client, { matterId: Number(codeOrId) })
    : await getMatterByCode(client, { code: codeOrId });
  if (!matter) throw new UsageError(`No service matter "${codeOrId}".`, `没有办事事项“${codeOrId}”。`);
  return matter;
}

export const applyCommand: Command = {
  name: "apply",
  summary: {
    zh: "提交办事申请：证照从链上调取，上传材料只上链哈希",
    en: "Apply for a service matter: licences pulled from the chain, uploads only as hashes",
  },
  usage: ["--matter <code|id> [--licences <a.json,b.json>] [--upload <material>:<file> …] [--conditions <flags>]"].join(
    "\n",
  ),
  options: {
    matter: { type: "string" },
    licences: { type: "string" },
    upload: { type: "string", multiple: true },
    conditions: { type: "string" },
  },
  async run(context, values) {
    const licences = (stringOption(values, "licences") ?? "")
      .split(",")
      .filter(Boolean)
      .map((file) => {
        try {
          return { licence: parseLicenceFile(readJsonFile(file)) };
        } catch (cause) {
          if (cause instanceof InputError) throw cause;
          throw new InputError(file, "is not a licence file.", "不是有效的证照文件。", cause);
        }
      });
    const uploads = uploadsOf(values);
    const conditions = Number(stringOption(values, "conditions") ?? 0);
    if (!Number.isInteger(conditions) || conditions < 0) {
      throw new UsageError("--conditions must be a whole number (flags).", "--conditions 必须是整数（标志位）。");
    }
    const client = await context.signer();
    const matter = await matterOf(client, requireOption(values, "matter"));
    const result = await submitApplication(client, { matterId: matter.matterId, licences, uploads, conditions });
    const { declaration } = result;
    const declared = declaration.materials.map((m) => `${m.material}=${m.id}`);
    context.out.result(result, () =>
      context.out.lang === "zh"
        ? `已提交申请，受理号 ${applicationNumberOf(result.applicationId)}（申请编号 ${result.applicationId}）\n事项：${matter.name}；并联启动的环节：${result.activatedSteps.join("、")}\n情形声明（链上仅有其承诺，请随申请交给审批部门）：情形 ${declaration.conditions}，盐 ${declaration.salt}，情形材料 ${declared.length > 0 ? declared.join("、") : "无"}，承诺 ${declaration.commitment}`
        : `Submitted application no. ${applicationNumberOf(result.applicationId)} (id ${result.applicationId})\nMatter: ${matter.name}; steps started in parallel: ${result.activatedSteps.join(", ")}\nConditions declaration (only its commitment is on chain; give it to the reviewing departments with the application): conditions ${declaration.conditions}, salt ${declaration.salt}, conditional materials ${declared.length > 0 ? declared.join(", ") : "none"}, commitment ${declaration.commitment}`,
    );
  },
};
