import { en } from "./en.ts";
import { zh, type Messages } from "./zh.ts";

export type { Messages };
export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];
export const LANG_COOKIE = "ow-lang";

export function messagesFor(lang: Lang): Messages {
  return lang === "en" ? en : zh;
}

export function parseLang(value: string | undefined): Lang {
  return value === "en" ? "en" : "zh";
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
