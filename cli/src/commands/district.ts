import {
  applyDistrictPlan,
  planDistrict,
  type DistrictChange,
  type DistrictPlan,
  type DistrictProgress,
  type OneWindowClient,
} from "@onewindow/sdk";

import type { Command } from "../command.ts";
import { ExitCode, UsageError } from "../exit-codes.ts";
import { readDistrictFolder } from "../district/folder.ts";

const KIND: Record<DistrictChange["kind"], { zh: string; en: string }> = {
  department: { zh: "部门", en: "department" },
  officers: { zh: "审批人", en: "officers" },
  licenceType: { zh: "证照类型", en: "licence type" },
  lister: { zh: "限制名单登记权", en: "restriction lister" },
  calendar: { zh: "工作日历", en: "calendar year" },
  rule: { zh: "审批规则", en: "rule" },
  matter: { zh: "事项", en: "matter" },
};

const ACTION: Record<DistrictChange["action"], { zh: string; en: string; sign: string }> = {
  add: { zh: "新增", en: "add", sign: "+" },
  newVersion: { zh: "发布新版本", en: "new version", sign: "~" },
  update: { zh: "修改", en: "update", sign: "~" },
  setOfficers: { zh: "更换审批人", en: "set officers", sign: "~" },
  deactivate: { zh: "停用", en: "deactivate", sign: "-" },
  reactivate: { zh: "重新启用", en: "reactivate", sign: "+" },
  execute: { zh: "执行已安排的变更", en: "execute scheduled change", sign: "!" },
};

const PROGRESS: Record<DistrictProgress["action"], { zh: string; en: string }> = {
  created: { zh: "已创建", en: "created" },
  updated: { zh: "已更改", en: "updated" },
  scheduled: { zh: "已安排", en: "scheduled" },
  skipped: { zh: "无变化", en: "unchanged" },
};

/** A Unix time as UTC text. */
function when(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** One change as a line for people. */
export function describeChange(c: DistrictChange, lang: "zh" | "en"): string {
  const action = ACTION[c.action];
  const parts = [`${action.sign} ${KIND[c.kind][lang]} ${c.code}: ${action[lang]}`];
  if (c.fields.length > 0 && c.kind !== "officers") parts.push(`(${c.fields.join(", ")})`);
  if (c.officers) {
    const { added, removed, threshold } = c.officers;
    if (added.length) parts.push(lang === "zh" ? `增加 ${added.join(", ")}` : `add ${added.join(", ")}`);
    if (removed.length) parts.push(lang === "zh" ? `移除 ${removed.join(", ")}` : `remove ${removed.join(", ")}`);
    if (threshold.from !== threshold.to) {
      parts.push(
        lang === "zh" ? `门槛 ${threshold.from} → ${threshold.to}` : `threshold ${threshold.from} → ${threshold.to}`,
      );
    }
  }
  if (c.delay > 0 && c.executableAt !== undefined) {
    parts.push(
      c.action === "execute"
        ? lang === "zh"
          ? `（已于 ${when(c.executableAt)} 起可执行）`
          : `(executable since ${when(c.executableAt)})`
        : lang === "zh"
          ? `（执行延迟 ${c.delay} 秒：将被安排，最早 ${when(c.executableAt)} 可执行）`
          : `(execution delay ${c.delay} s: scheduled, executable from ${when(c.executableAt)})`,
    );
  }
  return parts.join(" ");
}

/** The plan for people. */
export function describePlan(plan: DistrictPlan, lang: "zh" | "en"): string {
  const zh = lang === "zh";
  const lines: string[] = [];
  if (plan.changes.length === 0 && plan.refused.length === 0) {
    lines.push(
      zh ? `无需变更（${plan.unchanged} 项与链上一致）。` : `Nothing to change (${plan.unchanged} things as on chain).`,
    );
  } else {
    lines.push(
      zh
        ? `计划：${plan.changes.length} 项变更，${plan.unchanged} 项不变，${plan.refused.length} 项被拒绝。`
        : `Plan: ${plan.changes.length} change(s), ${plan.unchanged} unchanged, ${plan.refused.length} refused.`,
    );
    for (const c of plan.changes) lines.push("  " + describeChange(c, lang));
  }
  for (const p of plan.pending) {
    lines.push(
      zh
        ? `  … ${KIND[p.kind].zh} ${p.code}：已安排，${when(p.executableAt)} 起可执行`
        : `  … ${KIND[p.kind].en} ${p.code}: scheduled, executable from ${when(p.executableAt)}`,
    );
  }
  for (const r of plan.refused) lines.push(`  ✗ ${KIND[r.kind][lang]} ${r.code}: ${r.reason[lang]}`);
  return lines.join("\n");
}

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
