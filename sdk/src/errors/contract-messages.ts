import type { OneWindowErrorMessages } from "./base.ts";

/**
 * User-facing text (zh, en) of every custom error of the OneWindow contracts, by error name; the
 * function gets the error's arguments in ABI order.
 */
export const contractErrorMessages: Record<string, (args: readonly unknown[]) => OneWindowErrorMessages> = {
  AccessManagedUnauthorized: ([caller]) => ({
    zh: `账户 ${String(caller)} 无权执行此操作。`,
    en: `Account ${String(caller)} is not allowed to do this.`,
  }),
};
