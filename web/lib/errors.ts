/** Turns whatever an action threw into a message for people (never a stack trace). */
import { OneWindowError } from "@onewindow/sdk";

import { format, type Lang, type Messages } from "@/messages/index.ts";

type Causes = { code?: unknown; name?: unknown; cause?: unknown; shortMessage?: unknown };

/** Every error in the `cause` chain, outermost first. */
function chain(error: unknown): Causes[] {
  const seen: Causes[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === "object" && seen.length < 12 && !seen.includes(current as Causes)) {
    seen.push(current as Causes);
    current = (current as Causes).cause;
  }
  return seen;
}

export function isUserRejection(error: unknown): boolean {
  return chain(error).some((e) => e.code === 4001 || e.name === "UserRejectedRequestError");
}

export function humanError(error: unknown, lang: Lang, m: Messages, rpcUrl: string): string {
  if (isUserRejection(error)) return m.errors.signatureRejected;
  const errors = chain(error);
  const chainMismatch = errors.find((e) => e.name === "ChainMismatchError" || e.name === "ChainNotConfiguredError");
  if (chainMismatch) return format(m.errors.wrongNetwork, { actual: "?", expected: "" });
  const oneWindow = errors.find((e): e is OneWindowError & Causes => e instanceof OneWindowError);
  if (oneWindow && oneWindow.code !== "TRANSACTION_FAILED") return oneWindow.messages[lang];
  if (errors.some((e) => e.name === "HttpRequestError" || e.name === "TimeoutError"))
    return format(m.errors.nodeUnreachable, { url: rpcUrl });
  if (oneWindow) return oneWindow.messages[lang];
  const first = errors[0];
  const text =
    typeof first?.shortMessage === "string"
      ? first.shortMessage
      : error instanceof Error
        ? error.message
        : String(error);
  return format(m.errors.unknown, { message: text.split("\n")[0] ?? "" });
}
