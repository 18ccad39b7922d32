/**
 * What every part of the exchange shares: the database, the chain client, the issuing keys, the
 * data key and the limits. `createExchange` (app.ts) builds it once from the configuration and
 * passes it to the sub-apps, the access helpers and the jobs.
 */
import type { OneWindowClient } from "@onewindow/sdk";
import type { Hex } from "viem";

import type { ChainView } from "./chain-view.ts";
import type { Db } from "./db/index.ts";
import type { RateLimiter, UploadQuota } from "./limits.ts";

export type ExchangeContext = {
  db: Db;
  /** A read-only client of the deployment. */
  client: OneWindowClient;
  /** Chain reads at the request's block, reused within that block only (chain-view.ts). */
  chain: ChainView;
  /** Department id → a client signing with an officer key of that department (its issuing key). */
  issuers: ReadonlyMap<number, OneWindowClient>;
  /**
   * Department id → its SM2 seal private key (docs/seal.md), for departments whose national seal
   * this node applies to the licences it issues for them and to their output licences.
   */
  sealKeys: ReadonlyMap<number, Hex>;
  /** The RFC 3986 authority SIWE messages must name. */
  domain: string;
  /** 32-byte AES-256-GCM key sealing licence files and documents at rest. */
  dataKey: Uint8Array;
  /** Seconds a SIWE nonce stays usable. */
  nonceTtlSeconds: number;
  /** Most sign-in nonces live at once. */
  maxLiveNonces: number;
  /** Longest session in seconds. */
  sessionTtlSeconds: number;
  /** Disclosures and predicate answers per department per UTC day. */
  dailyQuota: number;
  /** Largest document in bytes. */
  maxUploadBytes: number;
  /** Largest JSON body in bytes. */
  maxJsonBytes: number;
  /** A pending issue not on chain after this many seconds is dropped by `reconcile`. */
  pendingTimeoutSeconds: number;
  /** Per-department rate limit of disclosures and predicate queries (in PostgreSQL when on it). */
  buckets: RateLimiter;
  /** Per-account upload quota: documents and bytes stored. */
  uploadQuota: UploadQuota;
  /** Folder of the sealed uploaded documents (one file per keccak256), and of uploads under way. */
  uploadDir: string;
  /** The public URL verifiers reach the exchange at (no trailing slash); `undefined`: the request's origin. */
  publicUrl: string | undefined;
  /** Structured log of events (ids, codes, counts; never a value, salt or document). */
  log: (event: Record<string, unknown>) => void;
};
