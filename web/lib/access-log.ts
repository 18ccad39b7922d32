"use client";
/**
 * The holder's access log from the exchange (GET /access-log through /api/exchange, Hono's typed
 * client): who read their data, when, for what, granted or refused; pages by cursor (`before`).
 */
import { createExchangeClient } from "@onewindow/exchange/client";
import type { Hex } from "viem";

import { ExchangeError } from "@/lib/exchange.ts";

/** One entry of the holder's access log; `kind` may be one this page does not know yet (shown generically). */
export type AccessLogEntry = {
  id: string;
  at: string;
  kind: "disclosure" | "predicate" | "upload" | "presentation-opened" | (string & {});
  outcome: "granted" | "denied";
  departmentId: number | null;
  officer: Hex | null;
  licenceId: Hex | null;
  uploadHash: Hex | null;
  fields: string[];
  unknownFields: number;
  predicateOp: string | null;
  answer: boolean | null;
  purpose: Hex | null;
  consentId: Hex | null;
  evidence: { blockNumber: string; blockHash: Hex } | null;
};

export type AccessLogPage = { entries: AccessLogEntry[]; next: string | null };

const exchange = createExchangeClient("/api/exchange");

/** One page of the caller's access log, newest first: `limit` entries with ids below `before`. */
export async function accessLogPage(token: string, limit: number, before?: string): Promise<AccessLogPage> {
  const response = await exchange["access-log"].$get(
    { query: { limit: String(limit), ...(before ? { before } : {}) } },
    { headers: { authorization: `Bearer ${token}` } },
  );
  const body = (await response.json().catch(() => ({}))) as Partial<AccessLogPage> & {
    error?: { code: string; message: { zh: string; en: string } };
  };
  if (!response.ok || body.error || !body.entries)
    throw new ExchangeError(
      body.error?.code ?? `HTTP_${response.status}`,
      body.error?.message ?? { zh: `交换平台返回 ${response.status}`, en: `The exchange answered ${response.status}` },
    );
  return { entries: body.entries, next: body.next ?? null };
}
