import { OneWindowError } from "../errors/base.ts";

/** Which GraphQL server answers: the Ponder indexer, or a graph-node running the subgraph. */
export type AuditDialect = "ponder" | "graph-node";

export type CreateAuditClientParameters = {
  /** GraphQL endpoint, e.g. `http://127.0.0.1:42069/graphql` or a graph-node subgraph URL. */
  url: string;
  /** Default "ponder". */
  dialect?: AuditDialect;
  /** Page size of list queries (1..1000, default 500). */
  pageSize?: number;
  /** Fetch implementation (default: the global `fetch`). */
  fetch?: typeof fetch;
};

/** A client of the auditors' GraphQL API (either backend). */
export type AuditClient = {
  url: string;
  dialect: AuditDialect;
  pageSize: number;
  /** Sends one GraphQL document; returns `data`, throws {@link AuditQueryError} on any error. */
  request<T>(document: string): Promise<T>;
};

/** A query to the audit API failed, or its input was invalid. */
export class AuditQueryError extends OneWindowError {
  override name = "AuditQueryError";
  constructor(shortMessage: string, zh: string, options: { details?: string; cause?: unknown } = {}) {
    super(shortMessage, {
      code: "AUDIT_QUERY_FAILED",
      messages: { zh, en: shortMessage },
      details: options.details,
      cause: options.cause,
    });
  }
}

/**
 * Creates an audit client for the Ponder indexer's GraphQL (default) or a graph-node subgraph.
 *
 * @example
 * const audit = createAuditClient({ url: "http://127.0.0.1:42069/graphql" });
 * const trail = await getApplicationTrail(audit, { applicationId });
 */
export function createAuditClient(parameters: CreateAuditClientParameters): AuditClient {
  let url: URL;
  try {
    url = new URL(parameters.url);
  } catch (cause) {
    throw new AuditQueryError(
      `Invalid audit API URL "${parameters.url}": give the GraphQL endpoint, e.g. http://127.0.0.1:42069/graphql.`,
      `审计接口地址 "${parameters.url}" 无效：请填写 GraphQL 地址，例如 http://127.0.0.1:42069/graphql。`,
      { cause },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AuditQueryError(
      `Audit API URL must be http(s), got ${url.protocol}.`,
      `审计接口地址必须是 http(s)，而不是 ${url.protocol}。`,
    );
  }
  const dialect = parameters.dialect ?? "ponder";
  if (dialect !== "ponder" && dialect !== "graph-node") {
    throw new AuditQueryError(
      `Unknown audit dialect "${String(dialect)}": use "ponder" or "graph-node".`,
      `未知的审计接口类型 "${String(dialect)}"：请使用 "ponder" 或 "graph-node"。`,
    );
  }
  const pageSize = parameters.pageSize ?? 500;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new AuditQueryError(
      `Page size must be a whole number from 1 to 1000, got ${pageSize}.`,
      `每页条数必须是 1 到 1000 的整数，而不是 ${pageSize}。`,
    );
  }
  const fetchFn = parameters.fetch ?? fetch;
  const endpoint = url.toString();
  return {
    url: endpoint,
    dialect,
    pageSize,
    async request<T>(document: string): Promise<T> {
      let response: Response;
      try {
        response = await fetchFn(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ query: document }),
        });
      } catch (cause) {
        throw new AuditQueryError(
          `Cannot reach the audit API at ${endpoint}: is the indexer running (npm run dev)?`,
          `无法连接审计接口 ${endpoint}：索引器是否已启动（npm run dev）？`,
          { cause },
        );
      }
      const text = await response.text();
      let body: { data?: T; errors?: { message: string }[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch (cause) {
        throw new AuditQueryError(
          `The audit API answered ${response.status} with something that is not JSON.`,
          `审计接口返回了 ${response.status}，内容不是 JSON。`,
          { details: text.slice(0, 300), cause },
        );
      }
      if (body.errors?.length || body.data === undefined || body.data === null) {
        const messages = (body.errors ?? []).map((e) => e.message).join("; ");
        throw new AuditQueryError(
          `The audit API rejected the query: ${messages || `HTTP ${response.status}`}.`,
          `审计接口拒绝了查询：${messages || `HTTP ${response.status}`}。`,
          { details: document },
        );
      }
      return body.data;
    },
  };
}
