/**
 * GraphQL documents for both audit backends, built from one description: Ponder's dialect
 * (`items`, `where`, `orderBy`, `limit`/`after` cursor pagination) and graph-node's (`first`/`skip`,
 * enum `orderBy`, relation fields selected as `{ id }`).
 */
import { AuditQueryError, type AuditClient, type AuditDialect } from "./client.ts";

/**
 * How a field is read: s string/bytes, i Int, b BigInt, t Boolean, r relation (its id),
 * S string list, I Int list.
 */
export type FieldKind = "s" | "i" | "b" | "t" | "r" | "S" | "I";
export type FieldSpec = Readonly<Record<string, FieldKind>>;

/** A where value: strings (ids, hex), numbers (Int), bigints (BigInt), booleans, string lists (`_in`). */
export type WhereValue = string | number | bigint | boolean | readonly string[];

export type ListQuery = {
  /** Plural query field, the same in both dialects (e.g. "decisions"). */
  plural: string;
  fields: FieldSpec;
  where?: Readonly<Record<string, WhereValue>>;
  orderBy: string;
  orderDirection?: "asc" | "desc";
};

type Converted<F extends FieldSpec> = { [K in keyof F]: unknown };

function literal(value: WhereValue): string {
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function selection(dialect: AuditDialect, fields: FieldSpec): string {
  return Object.entries(fields)
    .map(([name, kind]) => (kind === "r" && dialect === "graph-node" ? `${name} { id }` : name))
    .join(" ");
}

function whereArgument(where: Readonly<Record<string, WhereValue>> | undefined): string {
  if (!where || Object.keys(where).length === 0) return "";
  return `where: { ${Object.entries(where)
    .map(([key, value]) => `${key}: ${literal(value)}`)
    .join(", ")} }`;
}

/** The document of one page of a list query. */
export function listDocument(
  dialect: AuditDialect,
  query: ListQuery,
  page: { size: number; after?: string | undefined; skip?: number | undefined },
): string {
  const direction = query.orderDirection ?? "asc";
  const args = [whereArgument(query.where)];
  if (dialect === "ponder") {
    args.push(`orderBy: ${JSON.stringify(query.orderBy)}`, `orderDirection: ${JSON.stringify(direction)}`);
    args.push(`limit: ${page.size}`);
    if (page.after !== undefined) args.push(`after: ${JSON.stringify(page.after)}`);
    const argText = args.filter(Boolean).join(", ");
    return `query { page: ${query.plural}(${argText}) { items { ${selection(dialect, query.fields)} } pageInfo { hasNextPage endCursor } } }`;
  }
  args.push(
    `orderBy: ${query.orderBy}`,
    `orderDirection: ${direction}`,
    `first: ${page.size}`,
    `skip: ${page.skip ?? 0}`,
  );
  const argText = args.filter(Boolean).join(", ");
  return `query { page: ${query.plural}(${argText}) { ${selection(dialect, query.fields)} } }`;
}

/** The document of one entity by id. */
export function entityDocument(dialect: AuditDialect, singular: string, id: string, fields: FieldSpec): string {
  return `query { entity: ${singular}(id: ${JSON.stringify(id)}) { ${selection(dialect, fields)} } }`;
}

/** Converts one raw row: BigInt strings to bigint, relation objects to their id; nulls stay null. */
export function convertRow<F extends FieldSpec>(fields: F, raw: Record<string, unknown>): Converted<F> {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const value = raw[name];
    if (value === null || value === undefined) {
      out[name] = null;
    } else if (kind === "b") {
      out[name] = BigInt(value as string);
    } else if (kind === "r") {
      out[name] = typeof value === "object" ? (value as { id: string }).id : value;
    } else if (kind === "i") {
      out[name] = Number(value);
    } else {
      out[name] = value;
    }
  }
  return out as Converted<F>;
}

/** Every row of a list query, page by page (cursor for Ponder, skip for graph-node). */
export async function fetchAll<F extends FieldSpec>(client: AuditClient, query: ListQuery & { fields: F }) {
  const rows: Converted<F>[] = [];
  const size = client.pageSize;
  if (client.dialect === "ponder") {
    let after: string | undefined;
    for (;;) {
      const data = await client.request<{
        page: { items: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      }>(listDocument("ponder", query, { size, after }));
      rows.push(...data.page.items.map((raw) => convertRow(query.fields, raw)));
      if (!data.page.pageInfo.hasNextPage || data.page.pageInfo.endCursor === null) return rows;
      after = data.page.pageInfo.endCursor;
    }
  }
  for (let skip = 0; ; skip += size) {
    const data = await client.request<{ page: Record<string, unknown>[] }>(
      listDocument("graph-node", query, { size, skip }),
    );
    rows.push(...data.page.map((raw) => convertRow(query.fields, raw)));
    if (data.page.length < size) return rows;
  }
}

/** One entity by id, or null. */
export async function fetchEntity<F extends FieldSpec>(
  client: AuditClient,
  singular: string,
  id: string,
  fields: F,
): Promise<Converted<F> | null> {
  const data = await client.request<{ entity: Record<string, unknown> | null }>(
    entityDocument(client.dialect, singular, id, fields),
  );
  return data.entity === null ? null : convertRow(fields, data.entity);
}

/** Checks a bytes32 id (0x + 64 hex) and lowercases it. */
export function checkBytes32(what: string, value: string): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new AuditQueryError(
      `${what} must be 0x followed by 64 hex digits, got ${JSON.stringify(value)}.`,
      `${what} 必须是 0x 加 64 位十六进制数字，而不是 ${JSON.stringify(value)}。`,
    );
  }
  return value.toLowerCase();
}

/** Checks a Unix time in seconds. */
export function checkSeconds(what: string, value: bigint): bigint {
  if (typeof value !== "bigint" || value < 0n || value >= 1n << 40n) {
    throw new AuditQueryError(
      `${what} must be Unix seconds as a bigint (0 .. 2^40 - 1), got ${String(value)}.`,
      `${what} 必须是以秒计的 Unix 时间（bigint，0 到 2^40 - 1），而不是 ${String(value)}。`,
    );
  }
  return value;
}

/** Sorts event records chronologically (block, then log index). */
export function chronological<T extends { blockNumber: unknown; logIndex: unknown }>(rows: T[]): T[] {
  return rows.sort((a, b) => {
    const block = (a.blockNumber as bigint) - (b.blockNumber as bigint);
    return block !== 0n ? (block < 0n ? -1 : 1) : (a.logIndex as number) - (b.logIndex as number);
  });
}
