/**
 * The exchange under test: in-process on PGlite in a temporary folder, and again on PostgreSQL
 * when ONEWINDOW_TEST_DATABASE_URL names a server (each suite gets a fresh database there).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { OneWindowClient } from "@onewindow/sdk";
import pg from "pg";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";

import { createExchange, type ExchangeApp, type ExchangeConfig } from "../../src/app.ts";
import { createExchangeClient, signInToExchange, type ExchangeClient } from "../../src/client.ts";
import { openDatabase, type Db } from "../../src/db/index.ts";
import { clientFor, testChain } from "./chain.ts";

export const DOMAIN = "exchange.test";

/** A storage backend to run a suite on. */
export type Backend = {
  name: "pglite" | "postgres";
  open(): Promise<{ db: Db; url?: string; dataDir?: string; cleanup(): Promise<void> }>;
};

/** A fresh database on the test PostgreSQL server; its URL. */
export async function freshPostgresDatabase(serverUrl: string): Promise<string> {
  const name = `exchange_test_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** PGlite always; PostgreSQL too when ONEWINDOW_TEST_DATABASE_URL is set. */
export function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: "pglite",
      async open() {
        const dataDir = mkdtempSync(path.join(tmpdir(), "exchange-test-"));
        const db = await openDatabase({ dataDir: path.join(dataDir, "pgdata") });
        return { db, dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
      },
    },
  ];
  const server = process.env.ONEWINDOW_TEST_DATABASE_URL;
  if (server) {
    list.push({
      name: "postgres",
      async open() {
        const url = await freshPostgresDatabase(server);
        const db = await openDatabase({ databaseUrl: url });
        return { db, url, cleanup: async () => {} };
      },
    });
  }
  return list;
}

/** An exchange on `db` with a fresh data key; `issuers` are department id → signing client. */
const dataKeys = new WeakMap<Db, Uint8Array>();

export async function testExchange(
  db: Db,
  issuers: Record<number, OneWindowClient> = {},
  config: Partial<ExchangeConfig> = {},
): Promise<ExchangeApp> {
  return createExchange({
    db,
    client: await clientFor(),
    issuers,
    config: {
      domain: DOMAIN,
      // One data key per database, so several exchanges can share one.
      dataKey: dataKeys.get(db) ?? (dataKeys.set(db, randomBytes(32)), dataKeys.get(db)!),
      rateLimit: { perSecond: 1000, burst: 1000 },
      dailyQuota: 1_000_000,
      ...config,
    },
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of many shapes
export type Answer = { status: number; body: any; headers: Headers };

/** One request to the app in-process (JSON in and out unless raw). */
export async function call(
  app: { request: ExchangeApp["request"] },
  method: string,
  url: string,
  options: {
    token?: string | undefined;
    json?: unknown;
    body?: RequestInit["body"];
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(options.json);
  }
  const response = await app.request(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const type = response.headers.get("content-type") ?? "";
  const parsed = type.includes("application/json")
    ? await response.json()
    : new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A SIWE message for `key` (overrides for the negative tests). */
export async function siweMessage(
  key: Hex,
  nonce: string,
  overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {},
): Promise<{ message: string; signature: Hex }> {
  const { admin } = await testChain();
  const account = privateKeyToAccount(key);
  const message = createSiweMessage({
    address: account.address,
    chainId: admin.chain.id,
    domain: DOMAIN,
    nonce,
    uri: `https://${DOMAIN}/login`,
    version: "1",
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 10 * 60_000),
    ...overrides,
  });
  return { message, signature: await account.signMessage({ message }) };
}

/** The exchange's typed client (`hc`) answered in-process by `app`. */
export function clientOf(app: { request: ExchangeApp["request"] }): ExchangeClient {
  return createExchangeClient(`https://${DOMAIN}`, {
    fetch: (input: string | URL | Request, init?: RequestInit) => app.request(input, init),
  });
}

/** Signs in as `key`; the bearer token. */
export async function signIn(app: { request: ExchangeApp["request"] }, key: Hex): Promise<string> {
  const { token } = await signInToExchange(clientOf(app), (nonce) => siweMessage(key, nonce));
  return token;
}

/** Row counts of every table (for "nothing written"). */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    "auth_nonces",
    "sessions",
    "licences",
    "upload_blobs",
    "upload_owners",
    "upload_shares",
    "access_log",
    "quota_usage",
    "presentations",
    "catalogue_metadata",
    "schema_migrations",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = Number((await db.query<{ n: string | number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
  }
  return counts;
}
