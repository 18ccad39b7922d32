import { AuditQueryError, type AuditClient } from "./client.ts";

/** The Ponder indexer's `/integrity` answer (indexer/src/api/integrity.ts). */
export type IndexerIntegrity = {
  /** False once a block's indexed log count differs from the node's: audit data is incomplete. */
  ok: boolean;
  /** Every block up to this one was compared with the node and agrees. */
  checkedThrough: number;
  /** Latest indexed block (null before indexing started). */
  indexedThrough: number | null;
  gap: { block: number; nodeLogs: number; indexedLogs: number; fromBlock: number; toBlock: number } | null;
  /** Why the last check could not run, or null. */
  lastError: string | null;
  /** What happened and what to do, when not ok. */
  message?: { en: string; zh: string };
};

/**
 * Asks the Ponder indexer behind an audit client whether its index is complete: every indexed block
 * holds as many OneWindow logs as the node reports. Answers (does not throw) when a gap is found;
 * throws {@link AuditQueryError} when the indexer cannot be reached or is a graph-node.
 *
 * @example
 * const integrity = await checkIndexerIntegrity(audit);
 * if (!integrity.ok) console.error(integrity.message?.en);
 */
export async function checkIndexerIntegrity(
  client: AuditClient,
  options: { fetch?: typeof fetch } = {},
): Promise<IndexerIntegrity> {
  if (client.dialect !== "ponder") {
    throw new AuditQueryError(
      "The integrity check is a route of the Ponder indexer; a graph-node reports its own indexing status.",
      "完整性检查是 Ponder 索引器的接口；graph-node 请查看其自身的索引状态。",
    );
  }
  const url = new URL("/integrity", client.url).toString();
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers: { accept: "application/json" } });
  } catch (cause) {
    throw new AuditQueryError(
      `Cannot reach the indexer's integrity check at ${url}: is the indexer running (npm run dev)?`,
      `无法连接索引器的完整性检查 ${url}：索引器是否已启动（npm run dev）？`,
      { cause },
    );
  }
  const text = await response.text();
  try {
    const body = JSON.parse(text) as IndexerIntegrity;
    if (typeof body.ok !== "boolean") throw new Error("no ok field");
    return body;
  } catch (cause) {
    throw new AuditQueryError(
      `The indexer's integrity check answered ${response.status} with something unexpected: is ${url} a OneWindow indexer?`,
      `索引器的完整性检查返回了 ${response.status}，内容不符：${url} 是 OneWindow 索引器吗？`,
      { details: text.slice(0, 300), cause },
    );
  }
}
