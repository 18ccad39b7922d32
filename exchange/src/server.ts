/**
 * The exchange as a process: configuration from the environment, the database, the issuing
 * keys, the HTTP server on 127.0.0.1, and the periodic reconciliation.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { serve, type ServerType } from "@hono/node-server";
import {
  createOneWindowClient,
  departmentOf,
  parseSm2PrivateKey,
  type Deployment,
  type OneWindowClient,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import type { Hex } from "viem";

import { createExchange, type ExchangeApp, type ExchangeConfig } from "./app.ts";
import { openDatabase, type Db } from "./db/index.ts";
import { loadDataKey } from "./sealed.ts";

export const HOST = "127.0.0.1";
/** The repository root: defaults are relative to it, whichever folder the process starts in. */
const ROOT = path.resolve(import.meta.dirname, "../..");

export type StartExchangeOptions = {
  /** Environment to read (default `process.env`). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Structured log lines (default: JSON to stderr). */
  log?: ((event: Record<string, unknown>) => void) | undefined;
};

export type ExchangeServer = {
  url: string;
  port: number;
  app: ExchangeApp;
  db: Db;
  /** Stops accepting requests, waits for those in flight, closes the database. */
  stop(): Promise<void>;
};

const number = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return value;
};

/** The exchange's settings from the environment (see docs/exchange.md). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const port = number(env, "EXCHANGE_PORT", 8787);
  const dataDir = env.EXCHANGE_DATA_DIR ? path.resolve(env.EXCHANGE_DATA_DIR) : path.join(ROOT, ".data/exchange");
  return {
    port,
    rpcUrl: env.ONEWINDOW_RPC_URL || "http://127.0.0.1:8545",
    deploymentFile: env.ONEWINDOW_DEPLOYMENT || undefined,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    issuersFile: env.EXCHANGE_ISSUERS || undefined,
    config: {
      domain: env.EXCHANGE_DOMAIN || `${HOST}:${port}`,
      nonceTtlSeconds: number(env, "EXCHANGE_NONCE_TTL", 300),
      maxLiveNonces: number(env, "EXCHANGE_MAX_LIVE_NONCES", 10_000),
      sessionTtlSeconds: number(env, "EXCHANGE_SESSION_TTL", 3600),
      rateLimit: {
        perSecond: number(env, "EXCHANGE_RATE_PER_SECOND", 20),
        burst: number(env, "EXCHANGE_RATE_BURST", 40),
      },
      dailyQuota: number(env, "EXCHANGE_DAILY_QUOTA", 10_000),
      maxUploadBytes: number(env, "EXCHANGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
      uploadQuota: {
        count: number(env, "EXCHANGE_UPLOAD_QUOTA_COUNT", 1000),
        bytes: number(env, "EXCHANGE_UPLOAD_QUOTA_BYTES", 1024 ** 3),
      },
      uploadDir: path.join(dataDir, "uploads"),
      pendingTimeoutSeconds: number(env, "EXCHANGE_PENDING_TIMEOUT", 600),
      publicUrl: env.EXCHANGE_PUBLIC_URL || undefined,
    } satisfies Omit<ExchangeConfig, "dataKey">,
    dataKeyHex: env.EXCHANGE_DATA_KEY || undefined,
  };
}

async function chainIdOf(rpcUrl: string): Promise<number> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  const body = (await response.json()) as { result?: string };
  if (!body.result) throw new Error(`${rpcUrl} did not answer eth_chainId`);
  return Number(body.result);
}

/**
 * The issuing keys: a JSON file holding an array of private keys, or `{ "keys": [...] }`, or an
 * object whose values are private keys. Each key's department is read from DepartmentRegistry.
 */
/**
 * The departments' national-seal keys (docs/seal.md) from the issuers file's optional `sealKeys`
 * object: department id → SM2 private key (0x + 64 hex). None when the file has none.
 */
export function loadSealKeys(file: string | undefined): Map<number, Hex> {
  const keys = new Map<number, Hex>();
  if (!file) return keys;
  const json = JSON.parse(readFileSync(file, "utf8")) as { sealKeys?: unknown };
  if (json.sealKeys === undefined || Array.isArray(json)) return keys;
  if (typeof json.sealKeys !== "object" || json.sealKeys === null)
    throw new Error(`${file}: sealKeys is not an object`);
  for (const [id, key] of Object.entries(json.sealKeys)) {
    if (!/^[1-9][0-9]*$/.test(id)) throw new Error(`${file}: sealKeys.${id} is not a department id`);
    keys.set(Number(id), parseSm2PrivateKey(key, `${file}: sealKeys.${id}`));
  }
  return keys;
}

export async function loadIssuers(
  file: string | undefined,
  rpcUrl: string,
  deployment: Deployment,
): Promise<Map<number, OneWindowClient>> {
  const issuers = new Map<number, OneWindowClient>();
  if (!file) return issuers;
  const json = JSON.parse(readFileSync(file, "utf8")) as unknown;
  const keys: readonly unknown[] = Array.isArray(json)
    ? json
    : typeof json === "object" && json !== null && Array.isArray((json as { keys?: unknown }).keys)
      ? (json as { keys: unknown[] }).keys
      : Object.entries(json as object)
          .filter(([name]) => name !== "sealKeys")
          .map(([, value]) => value as unknown);
  for (const key of keys) {
    if (typeof key !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(key))
      throw new Error(`${file}: not a private key entry`);
    const client = createOneWindowClient({ rpcUrl, deployment, account: key as Hex });
    const department = await departmentOf(client, { account: client.wallet!.account.address });
    if (!department) throw new Error(`${file}: ${client.wallet!.account.address} is no officer of any department`);
    issuers.set(department.departmentId, client);
  }
  return issuers;
}

/** Starts the exchange as configured by the environment. */
export async function startExchange(options: StartExchangeOptions = {}): Promise<ExchangeServer> {
  const env = options.env ?? process.env;
  const log =
    options.log ?? ((event) => process.stderr.write(JSON.stringify({ at: new Date().toISOString(), ...event }) + "\n"));
  const settings = configFromEnv(env);
  const deployment = settings.deploymentFile
    ? readDeployment({ file: settings.deploymentFile })
    : readDeployment({ chainId: await chainIdOf(settings.rpcUrl), directory: path.join(ROOT, "deployments") });
  const client = createOneWindowClient({ rpcUrl: settings.rpcUrl, deployment });
  const issuers = await loadIssuers(settings.issuersFile, settings.rpcUrl, deployment);
  const dataKey = loadDataKey(settings.dataDir, settings.dataKeyHex);
  const db = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: path.join(settings.dataDir, "pgdata") });
  const sealKeys = loadSealKeys(settings.issuersFile);
  const app = createExchange({ db, client, issuers, sealKeys, config: { ...settings.config, dataKey, log } });

  const reconcile = () =>
    app.exchange.reconcile().catch((error: Error) => log({ event: "reconcileFailed", error: error.name }));
  await reconcile();
  const timer = setInterval(reconcile, 60_000);
  timer.unref();

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: HOST, port: settings.port }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : settings.port;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}`,
    port,
    app,
    db,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      })()),
  };
}
