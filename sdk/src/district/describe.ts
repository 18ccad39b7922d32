/**
 * A district plan in words, Chinese and English: what `onewindow district plan` prints and what the
 * web console shows before the wallet signs (one wording for both).
 */
import type { DistrictChange, DistrictPlan, DistrictProgress, DistrictRefusal } from "./types.ts";

export const CHANGE_KIND: Record<DistrictChange["kind"], { zh: string; en: string }> = {
  department: { zh: "部门", en: "department" },
  officers: { zh: "审批人", en: "officers" },
  sealKey: { zh: "印章公钥", en: "seal key" },
  licenceType: { zh: "证照类型", en: "licence type" },
  lister: { zh: "限制名单登记权", en: "restriction lister" },
  calendar: { zh: "工作日历", en: "calendar year" },
  rule: { zh: "审批规则", en: "rule" },
  matter: { zh: "事项", en: "matter" },
};

export const CHANGE_ACTION: Record<DistrictChange["action"], { zh: string; en: string; sign: string }> = {
  add: { zh: "新增", en: "add", sign: "+" },
  newVersion: { zh: "发布新版本", en: "new version", sign: "~" },
  update: { zh: "修改", en: "update", sign: "~" },
  setOfficers: { zh: "更换审批人", en: "set officers", sign: "~" },
  deactivate: { zh: "停用", en: "deactivate", sign: "-" },
  reactivate: { zh: "重新启用", en: "reactivate", sign: "+" },
  execute: { zh: "执行已安排的变更", en: "execute scheduled change", sign: "!" },
};

export const PROGRESS_ACTION: Record<DistrictProgress["action"], { zh: string; en: string }> = {
  created: { zh: "已创建", en: "created" },
  updated: { zh: "已更改", en: "updated" },
  scheduled: { zh: "已安排", en: "scheduled" },
  skipped: { zh: "无变化", en: "unchanged" },
};

/** A Unix time as UTC text. */
export function utcText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** How a Unix time is written (default {@link utcText}; the web console writes local time with its zone). */
export type TimeText = (seconds: number) => string;

/** One change as a line for people. */
export function describeChange(c: DistrictChange, lang: "zh" | "en", time: TimeText = utcText): string {
  const action = CHANGE_ACTION[c.action];
  const parts = [`${action.sign} ${CHANGE_KIND[c.kind][lang]} ${c.code}: ${action[lang]}`];
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
  if (c.sealKey) {
    const short = (key: string) => `${key.slice(0, 10)}…${key.slice(-8)}`;
    const to = short(c.sealKey.to);
    parts.push(
      c.sealKey.from === undefined
        ? lang === "zh"
          ? `登记 ${to}`
          : `register ${to}`
        : lang === "zh"
          ? `轮换 ${short(c.sealKey.from)} → ${to}（旧公钥仍可验证轮换前盖章的证照）`
          : `rotate ${short(c.sealKey.from)} → ${to} (the old key still verifies what it sealed)`,
    );
  }
  if (c.delay > 0 && c.executableAt !== undefined) {
    parts.push(
      c.action === "execute"
        ? lang === "zh"
          ? `（已于 ${time(c.executableAt)} 起可执行）`
          : `(executable since ${time(c.executableAt)})`
        : lang === "zh"
          ? `（执行延迟 ${c.delay} 秒：将被安排，最早 ${time(c.executableAt)} 可执行）`
          : `(execution delay ${c.delay} s: scheduled, executable from ${time(c.executableAt)})`,
    );
  }
  return parts.join(" ");
}

/** The plan for people. */
export function describePlan(plan: DistrictPlan, lang: "zh" | "en", time: TimeText = utcText): string {
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
    for (const c of plan.changes) lines.push("  " + describeChange(c, lang, time));
  }
  for (const p of plan.pending) lines.push("  " + describePending(p, lang, time));
  for (const r of plan.refused) lines.push("  " + describeRefusal(r, lang));
  return lines.join("\n");
}

/** A change scheduled earlier and not yet executable, as a line for people. */
export function describePending(
  p: DistrictChange & { executableAt: number },
  lang: "zh" | "en",
  time: TimeText = utcText,
): string {
  return lang === "zh"
    ? `… ${CHANGE_KIND[p.kind].zh} ${p.code}：已安排，${time(p.executableAt)} 起可执行`
    : `… ${CHANGE_KIND[p.kind].en} ${p.code}: scheduled, executable from ${time(p.executableAt)}`;
}

/** A refused change and why, as a line for people. */
export function describeRefusal(r: DistrictRefusal, lang: "zh" | "en"): string {
  return `✗ ${CHANGE_KIND[r.kind][lang]} ${r.code}: ${r.reason[lang]}`;
}
