/** Language helpers shared by server pages and client components. */
import type { Lang } from "@/messages/index.ts";

/** Something with a Chinese name and, usually, an English one (departments, matters, licence issuers). */
export type Named = { name: string; nameEn?: string | undefined };

/** The entity's name in the visitor's language: English where there is one, else the Chinese name. */
export function localName(x: Named, lang: Lang): string {
  return lang === "en" ? (x.nameEn ?? x.name) : x.name;
}
