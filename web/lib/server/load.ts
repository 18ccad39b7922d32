/** Loads a page's chain data, or the human error to show instead (never a stack trace). */
import { OneWindowError } from "@onewindow/sdk";

import { format, type Lang, type Messages } from "@/messages/index.ts";
import { rpcUrl } from "./platform.ts";

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

export async function load<T>(lang: Lang, m: Messages, run: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof OneWindowError && error.code !== "NODE_UNREACHABLE" && error.code !== "TRANSACTION_FAILED")
      return { ok: false, message: error.messages[lang] };
    return { ok: false, message: format(m.errors.nodeUnreachable, { url: rpcUrl() }) };
  }
}
