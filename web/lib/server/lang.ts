import { cookies } from "next/headers";

import { LANG_COOKIE, messagesFor, parseLang, type Lang, type Messages } from "@/messages/index.ts";

/** The visitor's language (cookie; Chinese by default) and its messages. */
export async function getLang(): Promise<{ lang: Lang; m: Messages }> {
  const lang = parseLang((await cookies()).get(LANG_COOKIE)?.value);
  return { lang, m: messagesFor(lang) };
}
