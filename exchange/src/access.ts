/**
 * Who is calling and what they may read, shared by the sub-apps: the session and officer behind a
 * request, the rate limit and daily quota of consented reads, the on-chain consent check, and the
 * one refusal (logged for the holder to see).
 */
import { consentIdOf, departmentOf, fieldMaskOf, readContract } from "@onewindow/sdk";
import type { Context } from "hono";
import { getAddress, type Address, type Hex } from "viem";

import type { ExchangeContext } from "./context.ts";
import type { Queryable } from "./db/index.ts";
import { Errors, rateLimited } from "./errors.ts";
import { loadLicence } from "./licence-files.ts";
import { recordAccess, type LogEntry } from "./store/access-log.ts";
import { takeDailyQuota } from "./store/quotas.ts";
import { sessionAddress } from "./store/sessions.ts";

/** Stands for the holder of a licence this node does not know (never a real holder). */
const NO_HOLDER: Address = "0x000000000000000000000000000000000000dEaD";

/** The signed-in caller (bearer session token), or 401. */
export async function sessionOf(ctx: ExchangeContext, c: Context): Promise<Address> {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header);
  if (!match) throw Errors.unauthenticated();
  const address = await sessionAddress(ctx.db, match[1]!);
  if (!address) throw Errors.unauthenticated();
  return address as Address;
}

/** The caller as an officer of an active department (read from DepartmentRegistry now). */
export async function officerOf(ctx: ExchangeContext, c: Context): Promise<{ address: Address; departmentId: number }> {
  const address = await sessionOf(ctx, c);
  const department = await departmentOf(ctx.client, { account: address });
  if (!department || !department.active) throw Errors.notOfficer();
  return { address, departmentId: department.departmentId };
}

/** Rate limit now; the daily quota is taken in the transaction that records a granted read. */
export function limitRate(ctx: ExchangeContext, departmentId: number): void {
  const wait = ctx.buckets.take(String(departmentId));
  if (wait > 0) throw rateLimited(wait);
}

/** Counts one granted read against the department's daily quota, or 429. */
export async function takeQuota(ctx: ExchangeContext, tx: Queryable, departmentId: number): Promise<void> {
  if (!(await takeDailyQuota(tx, departmentId, ctx.dailyQuota))) throw Errors.quotaExceeded();
}

/**
 * The consent check, on chain, at the latest block: whether the licence's holder grants the
 * department these fields of this licence for this purpose now. The same chain call is made
 * whether or not this node knows the licence, and every refusal is the same answer.
 */
export async function consented(
  ctx: ExchangeContext,
  departmentId: number,
  licenceId: Hex,
  fields: readonly string[],
  purpose: Hex,
) {
  const { client } = ctx;
  const [licence, block] = await Promise.all([
    loadLicence(ctx, licenceId),
    client.public.getBlock({ blockTag: "latest" }),
  ]);
  // An unknown licence is asked about for a placeholder holder: the same chain call either way.
  const holder = licence ? getAddress(licence.holder) : NO_HOLDER;
  const known = licence !== undefined && fields.every((f) => licence.file.fieldNames.includes(f));
  const mask = known ? fieldMaskOf(licence.file.fieldNames, fields) : 1n;
  const granted = await readContract(client, {
    contract: "ConsentRegistry",
    functionName: "isGranted",
    args: [holder, departmentId, licenceId, mask, purpose],
    blockNumber: block.number!,
  });
  return {
    licence: known && granted ? licence : undefined,
    holder: licence?.holder,
    consentId: consentIdOf({ holder, departmentId, licenceId, purpose }),
    evidence: { blockNumber: block.number!.toString(), blockHash: block.hash! },
  };
}

/** Records a refusal for the holder to see (only when the licence is known here), then refuses. */
export async function refuse(
  ctx: ExchangeContext,
  entry: Omit<LogEntry, "holder" | "outcome">,
  holder: string | undefined,
): Promise<never> {
  if (holder !== undefined) await recordAccess(ctx.db, { ...entry, holder, outcome: "denied" });
  ctx.log({ event: "refused", kind: entry.kind, departmentId: entry.departmentId });
  throw Errors.notPermitted();
}
