/** The access log (`access_log`): every read of a holder's data by a department, granted or refused. */
import type { Queryable } from "../db/index.ts";

/** What was read; `presentation-opened`: someone opened one of the holder's presentations (no account). */
export type AccessKind = "disclosure" | "predicate" | "upload" | "presentation-opened";

export type LogEntry = {
  kind: AccessKind;
  outcome: "granted" | "denied";
  /** null: a refused read of a licence this node does not hold. */
  holder: string | null;
  /** null for a presentation opened: whoever opened it has no department. */
  departmentId: number | null;
  /** null for a presentation opened: whoever opened it has no account. */
  officer: string | null;
  licenceId?: string | undefined;
  uploadHash?: string | undefined;
  /** Field names in the licence's schema only: never text an officer made up. */
  fields?: readonly string[] | undefined;
  /** How many of the requested names are not in the licence's schema (not kept). */
  unknownFields?: number | undefined;
  predicateOp?: string | undefined;
  answer?: boolean | undefined;
  valid?: boolean | undefined;
  purpose?: string | undefined;
  consentId?: string | undefined;
  evidence?: { blockNumber: string; blockHash: string } | undefined;
  presentationId?: string | undefined;
};

/** One entry as the holder reads it (GET /access-log). */
export type AccessLogEntry = {
  id: string;
  at: string;
  kind: AccessKind;
  outcome: "granted" | "denied";
  departmentId: number | null;
  officer: string | null;
  licenceId: string | null;
  uploadHash: string | null;
  fields: string[];
  unknownFields: number;
  predicateOp: string | null;
  answer: boolean | null;
  purpose: string | null;
  consentId: string | null;
  evidence: { blockNumber: string; blockHash: string } | null;
  presentationId: string | null;
};

const COLUMNS = `kind, outcome, holder, department_id, officer, licence_id, upload_hash, fields,
  predicate_op, answer, valid, purpose, consent_id, block_number, block_hash, unknown_fields, presentation_id`;
const VALUES = "$1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17";

const paramsOf = (e: LogEntry) => [
  e.kind,
  e.outcome,
  e.holder?.toLowerCase() ?? null,
  e.departmentId,
  e.officer?.toLowerCase() ?? null,
  e.licenceId?.toLowerCase() ?? null,
  e.uploadHash ?? null,
  JSON.stringify(e.fields ?? []),
  e.predicateOp ?? null,
  e.answer ?? null,
  e.valid ?? null,
  e.purpose?.toLowerCase() ?? null,
  e.consentId ?? null,
  e.evidence?.blockNumber ?? null,
  e.evidence?.blockHash ?? null,
  e.unknownFields ?? 0,
  e.presentationId ?? null,
];

export async function recordAccess(tx: Queryable, e: LogEntry) {
  return tx.query(`INSERT INTO access_log (${COLUMNS}) VALUES (${VALUES})`, paramsOf(e));
}

/**
 * Counts one use of the department's daily quota (`quota_usage`, UTC day) and records the entry,
 * in one statement (all or nothing, no transaction to hold a connection for): `false` when the
 * department has used `dailyQuota` already (nothing written).
 */
export async function recordAccessWithinQuota(
  db: Queryable,
  e: LogEntry,
  departmentId: number,
  dailyQuota: number,
): Promise<boolean> {
  if (dailyQuota < 1) return false;
  const rows = await db.query(
    `WITH quota AS (
       INSERT INTO quota_usage (department_id, day, used) VALUES ($18, (now() AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (department_id, day) DO UPDATE SET used = quota_usage.used + 1 WHERE quota_usage.used < $19
       RETURNING used)
     INSERT INTO access_log (${COLUMNS}) SELECT ${VALUES} WHERE EXISTS (SELECT 1 FROM quota) RETURNING id`,
    [...paramsOf(e), departmentId, dailyQuota],
  );
  return rows.length > 0;
}

/**
 * Up to `count` of the holder's entries, newest first (by the numeric id: `id` alone would name the
 * text column of the select list), with ids below `before` (if given).
 */
export async function accessLogOf(
  db: Queryable,
  holder: string,
  before: string | undefined,
  count: number,
): Promise<AccessLogEntry[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id::text AS id, at, kind, outcome, department_id, officer, licence_id, upload_hash, fields, unknown_fields,
            predicate_op, answer, purpose, consent_id, block_number::text AS block_number, block_hash, presentation_id
     FROM access_log WHERE holder = $1 AND ($2::bigint IS NULL OR access_log.id < $2::bigint)
     ORDER BY access_log.id DESC LIMIT $3`,
    [holder, before ?? null, count],
  );
  return rows.map((r) => ({
    id: r.id as string,
    at: new Date(r.at as Date).toISOString(),
    kind: r.kind as AccessKind,
    outcome: r.outcome as "granted" | "denied",
    departmentId: r.department_id === null ? null : Number(r.department_id),
    officer: (r.officer as string | null) ?? null,
    licenceId: (r.licence_id as string | null) ?? null,
    uploadHash: (r.upload_hash as string | null) ?? null,
    fields: (typeof r.fields === "string" ? JSON.parse(r.fields) : r.fields) as string[],
    unknownFields: Number(r.unknown_fields),
    predicateOp: (r.predicate_op as string | null) ?? null,
    answer: (r.answer as boolean | null) ?? null,
    purpose: (r.purpose as string | null) ?? null,
    consentId: (r.consent_id as string | null) ?? null,
    evidence: r.block_hash ? { blockNumber: r.block_number as string, blockHash: r.block_hash as string } : null,
    presentationId: (r.presentation_id as string | null) ?? null,
  }));
}
