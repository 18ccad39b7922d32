/** Language helpers shared by server pages and client components. */
import { splitBilingualName } from "@onewindow/sdk";

import type { Lang } from "@/messages/index.ts";

/** Something with a Chinese name and, usually, an English one (departments, matters, licence issuers). */
export type Named = { name: string; nameEn?: string | undefined };

/** The entity's name in the visitor's language: English where there is one, else the Chinese name. */
export function localName(x: Named, lang: Lang): string {
  return lang === "en" ? (x.nameEn ?? x.name) : x.name;
}

/**
 * A licence type's name in the visitor's language. The chain keeps one name, which in the demo
 * district is bilingual ("营业执照 Business licence"): the catalogue's published metadata names it in
 * each language when given (`published`), else the chain's name is split into its Chinese and
 * English parts (all of it when it has no English part).
 */
export function licenceTypeName(
  lang: Lang,
  chainName: string,
  published?: { name: string; nameEn?: string | undefined } | undefined,
): string {
  return localName(published ?? splitBilingualName(chainName), lang);
}
