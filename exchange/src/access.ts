/**
 * Who is calling and what they may read, shared by the sub-apps: the session and officer behind a
 * request, the rate limit and daily quota of consented reads, the on-chain consent check, and the
 * one refusal (logged for the holder to see).
 */
import { consentIdOf, fieldMaskOf } from "@onewindow/sdk";
import type { Context } from "hono";
import { getAddress, type Address, type Hex } from "viem";

import type { Head } from "./chain-view.ts";
import type { ExchangeContext } from "./context.ts";
import { Errors, rateLimited } from "./errors.ts";
import { loadLicence } from "./licence-files.ts";
import { recordAccess, recordAccessWithinQuota, type LogEntry } from "./store/access-log.ts";
import { issuedLicenceForCheck, setFieldNames } from "./store/licences.ts";
import { sessionAddress } from "./store/sessions.ts";

/** Stands for the holder of a licence this node does not know (never a real holder). */
const NO_HOLDER: Address = "0x000000000000000000000000000000000000dEaD";

/** The bearer token of the request (its form only, not whether a session has it), or 401. */
export function bearerToken(c: Context): string {
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(c.req.header("authorization") ?? "");
  if (!match) throw Errors.unauthenticated();
  return match[1]!;
}

/** The signed-in caller (bearer session token), or 401. */
export async function sessionOf(ctx: ExchangeContext, c: Context): Promise<Address> {
  const address = await sessionAddress(ctx.db, bearerToken(c));
  if (!address) throw Errors.unauthenticated();
  return address as Address;
}

/**
 * The caller as an officer of an active department, read from DepartmentRegistry at the chain's
 * head as of this request (`head`: the block the request's other chain reads are made at).
 */
export async function officerOf(
  ctx: ExchangeContext,
  c: Context,
): Promise<{ address: Address; departmentId: number; head: Head }> {
  const [address, head] = await Promise.all([sessionOf(ctx, c), ctx.chain.head()]);
  const department = await ctx.chain.departmentOf(head, address);
  if (!department || !department.active) throw Errors.notOfficer();
  return { address, departmentId: department.departmentId, head };
}

/** Rate limit now; the daily quota is taken in the transaction that records a granted read. */
export async function limitRate(ctx: ExchangeContext, departmentId: number): Promise<void> {
  const wait = await ctx.buckets.take(String(departmentId));
  if (wait > 0) throw rateLimited(wait);
}

/**
 * Records a consented read in the holder's log and takes the department's daily quota, in one
 * statement; when the quota refuses it (429), the attempt is still the holder's to see: it is
 * recorded as refused, then the 429 goes out.
 */
export async function recordConsentedRead(
  ctx: ExchangeContext,
  departmentId: number,
  entry: LogEntry & { outcome: "granted" },
): Promise<void> {
  if (await recordAccessWithinQuota(ctx.db, entry, departmentId, ctx.dailyQuota)) return;
  const { answer: _answer, valid: _valid, ...asked } = entry;
  await recordAccess(ctx.db, { ...asked, outcome: "denied" });
  ctx.log({ event: "refused", kind: entry.kind, departmentId, reason: "quota" });
  throw Errors.quotaExceeded();
}

/**
 * The consent check, on chain, at block `head` (the request's, see {@link officerOf}): whether the
 * licence's holder grants the department these fields of this licence for this purpose now. A
 * held licence and an unknown one take the same path: one row read, the same chain call (for a
 * placeholder holder when the licence is unknown), and, when refused, one row written by
 * {@link refuse}. The sealed file is handed out only once the consent is granted.
 */
export async function consented(
  ctx: ExchangeContext,
  head: Head,
  departmentId: number,
  licenceId: Hex,
  fields: readonly string[],
  purpose: Hex,
) {
  const id = licenceId.toLowerCase();
  const row = await issuedLicenceForCheck(ctx.db, id);
  const fieldNames = row ? (row.field_names ?? (await backfillFieldNames(ctx, id))) : [];
  const holder = row ? getAddress(row.holder) : NO_HOLDER;
  const inSchema = fields.filter((f) => fieldNames.includes(f));
  const known = row !== undefined && inSchema.length === fields.length;
  const mask = known ? fieldMaskOf(fieldNames, fields) : 1n;
  const granted = await ctx.chain.isGranted(head, [holder, departmentId, licenceId, mask, purpose]);
  return {
    /** The licence when the consent is granted: its sealed file (opened by the caller, or a worker) and holder. */
    licence: known && granted ? { id, sealed: row.sealed_file, holder: row.holder as Address } : undefined,
    holder: row?.holder ?? null,
    /** What the holder's log may keep of the names asked for: those of the schema, and a count of the rest. */
    asked: { fields: inSchema, unknownFields: fields.length - inSchema.length },
    consentId: consentIdOf({ holder, departmentId, licenceId, purpose }),
    evidence: { blockNumber: head.number.toString(), blockHash: head.hash },
  };
}

/** The field names of a row written before they were kept (migration 004), from its sealed file, kept now. */
async function backfillFieldNames(ctx: ExchangeContext, licenceId: string): Promise<readonly string[]> {
  const licence = await loadLicence(ctx, licenceId);
  if (!licence) return [];
  await setFieldNames(ctx.db, licenceId, licence.file.fieldNames);
  return licence.file.fieldNames;
}

/**
 * Records a refusal (for the holder to see when this node holds the licence; with no holder
 * otherwise, so that both cost the same), then refuses with the one answer.
 */
export async function refuse(
  ctx: ExchangeContext,
  entry: Omit<LogEntry, "holder" | "outcome">,
  holder: string | null,
): Promise<never> {
  await recordAccess(ctx.db, { ...entry, holder, outcome: "denied" });
  ctx.log({ event: "refused", kind: entry.kind, departmentId: entry.departmentId });
  throw Errors.notPermitted();
}
