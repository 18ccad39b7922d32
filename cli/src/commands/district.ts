import {
  applyDistrictPlan,
  CHANGE_KIND as KIND,
  describePlan,
  planDistrict,
  PROGRESS_ACTION as PROGRESS,
  utcText as when,
  type DistrictPlan,
  type OneWindowClient,
} from "@onewindow/sdk";

import type { Command } from "../command.ts";
import { ExitCode, UsageError } from "../exit-codes.ts";
import { readDistrictFolder } from "../district/folder.ts";

/** The plan as JSON (the data and options left out: they are the folder's). */
function planJson(plan: DistrictPlan) {
  return {
    changes: plan.changes,
    pending: plan.pending,
    refused: plan.refused,
    unchanged: plan.unchanged,
    at: plan.at,
  };
}

export const districtCommand: Command = {
  name: "district",
  summary: {
    zh: "辖区即代码：比较文件夹中的辖区数据与链上状态（plan），并应用变更（apply）",
    en: "District as code: compare a district folder with the chain (plan) and apply the changes (apply)",
  },
  usage: [
    "plan <folder> [--deactivate-absent]     what apply would change (nothing is sent)",
    "apply <folder> [--deactivate-absent]    make those changes",
    "",
    "<folder>: departments.json, licence-types.json, matters.json, officers.json, calendars/*.json",
    "(format: cli/schemas/district.schema.json; see docs/new-matter.md)",
  ].join("\n"),
  options: {
    "deactivate-absent": { type: "boolean", default: false },
  },
  async run(context, values, positionals) {
    const [action, folder] = positionals;
    const { out } = context;
    const zh = out.lang === "zh";
    if ((action !== "plan" && action !== "apply") || !folder) {
      throw new UsageError(
        "Say what to do and on which folder: district plan <folder> | district apply <folder>.",
        "请指定操作与文件夹：district plan <文件夹> | district apply <文件夹>。",
      );
    }
    const district = readDistrictFolder(folder);
    // Planning reads the applying account's AccessManager delays when a key is given.
    const hasKey =
      context.options.key !== undefined ||
      context.options.keystore !== undefined ||
      process.env.ONEWINDOW_KEY !== undefined ||
      process.env.ONEWINDOW_KEYSTORE !== undefined;
    const client: OneWindowClient = action === "apply" || hasKey ? await context.signer() : await context.reader();
    const plan = await planDistrict(client, district.data, {
      officersOf: (code) => district.officers.get(code),
      encryptionKeyOf: (code) => district.encryptionKeys.get(code),
      deactivateAbsent: values["deactivate-absent"] === true,
    });
    if (action === "plan" || plan.refused.length > 0 || plan.changes.length === 0) {
      out.result(planJson(plan), () => describePlan(plan, out.lang));
      return plan.refused.length > 0 ? ExitCode.Checked : ExitCode.Ok;
    }
    out.info(describePlan(plan, out.lang));
    const result = await applyDistrictPlan(client, plan, {
      onProgress: (e) => {
        if (e.action === "skipped") return;
        const at =
          e.executableAt === undefined
            ? ""
            : zh
              ? `，${when(e.executableAt)} 起可执行`
              : `, executable from ${when(e.executableAt)}`;
        out.info(`  ${KIND[e.kind][out.lang]} ${e.code}: ${PROGRESS[e.action][out.lang]}${at} (${e.hash})`);
      },
    });
    out.result({ ...planJson(plan), result }, () =>
      zh
        ? `完成：新增 ${result.created} 项，更改 ${result.updated} 项，${plan.unchanged} 项不变。`
        : `Done: ${result.created} created, ${result.updated} changed, ${plan.unchanged} unchanged.`,
    );
  },
};
