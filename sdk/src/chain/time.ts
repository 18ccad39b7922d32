import type { OneWindowClient } from "./client.ts";

/**
 * The chain's time: the latest block's timestamp, in Unix seconds. Deadlines of signatures are
 * counted from it, not from this computer's clock, so they hold on a development chain whose clock
 * was moved and on a computer whose clock is wrong.
 *
 * @example
 * const deadline = (await chainTime(client)) + 3_600n;
 */
export async function chainTime(client: OneWindowClient): Promise<bigint> {
  return (await client.public.getBlock({ blockTag: "latest" })).timestamp;
}
