/** Words for schema names: a licence field's label, a matter condition's description (never the code). */
import type { Lang, Messages } from "@/messages/index.ts";

/** A field's label in the visitor's language, or its schema name when it has none. */
export function fieldLabel(m: Messages, name: string): string {
  return m.tracker.fieldLabels[name] ?? m.consent.fieldLabels[name] ?? name;
}

/** Field labels joined as a list. */
export function fieldList(m: Messages, lang: Lang, names: readonly string[]): string {
  return names.map((n) => fieldLabel(m, n)).join(lang === "en" ? ", " : "、");
}

/** A condition flag as the catalogue's metadata names it (its bit, code and names). */
export type ConditionName = { bit: number; code: string; zh?: string | undefined; en?: string | undefined };

/**
 * The conditions of a mask in the visitor's language, as the catalogue's published metadata names
 * them (its code when it has no name there; "C<n>" for a bit it does not name).
 */
export function conditionLabel(lang: Lang, names: readonly ConditionName[], mask: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 32; i++) {
    const bit = 2 ** i;
    if ((mask & bit) === 0) continue;
    const named = names.find((n) => n.bit === bit);
    out.push(named ? (named[lang] ?? named.code) : `C${i + 1}`);
  }
  return out;
}

/** A date (Beijing time) in the visitor's language. */
export function dateText(lang: Lang, unixSeconds: number, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }
    : { timeZone: "Asia/Shanghai", dateStyle: "medium" };
  return new Date(unixSeconds * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", options);
}
