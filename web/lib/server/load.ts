/**
 * Loads a page's chain data. A refusal the chain explains (a OneWindowError: not found, not
 * allowed…) comes back as the human message for the page to show; anything else (the node or the
 * indexer not answering) is thrown, for the route segment's error.tsx (components/LoadError.tsx).
 */
import { OneWindowError } from "@onewindow/sdk";

import type { Lang } from "@/messages/index.ts";

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

export async function load<T>(lang: Lang, run: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof OneWindowError && error.code !== "NODE_UNREACHABLE" && error.code !== "TRANSACTION_FAILED")
      return { ok: false, message: error.messages[lang] };
    throw error;
  }
}
