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

/** A matter condition's description, or its code when it has none. */
export function conditionLabel(m: Messages, code: string): string {
  return m.tracker.conditions[code] ?? code;
}

/** A date (Beijing time) in the visitor's language. */
export function dateText(lang: Lang, unixSeconds: number, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }
    : { timeZone: "Asia/Shanghai", dateStyle: "medium" };
  return new Date(unixSeconds * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", options);
}
