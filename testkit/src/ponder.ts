/**
 * Starts the OneWindow Ponder indexer (`ponder start`) as a child process for tests and benchmarks:
 * on a given chain and deployment file, embedded PGlite in a (temporary) directory or PostgreSQL,
 * GraphQL on 127.0.0.1. `waitSynced` polls `_meta { status }` (not /ready) until the chain's latest
 * block is indexed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort } from "./local-chain.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const INDEXER = path.join(ROOT, "indexer");
const PONDER_BIN = path.join(ROOT, "node_modules/ponder/dist/esm/bin/ponder.js");

export type StartPonderParameters = {
  /** JSON-RPC URL of the chain. */
  rpcUrl: string;
  /** Path of the deployment file (`<chainId>.json`, as `deployOneWindow` returns). */
  deployment: string;
  chainId: number;
  /** PGlite directory (kept); default: a new temporary directory, deleted by `stop`. */
  dataDir?: string;
  /** PostgreSQL connection string: used instead of PGlite. */
  databaseUrl?: string;
  /** HTTP port; default: a free one. */
  port?: number;
  /** Database schema (default "onewindow"). */
  schema?: string;
  /** Where to write Ponder's output too (default: kept in memory only, shown when start fails). */
  logFile?: string;
  /** More environment variables for the indexer (e.g. ONEWINDOW_INTEGRITY_MS). */
  env?: Record<string, string>;
  /** Ponder's log level (default "warn"). */
  logLevel?: "error" | "warn" | "info" | "debug" | "trace";
};

export type RunningPonder = {
  /** Base URL, e.g. http://127.0.0.1:42069 (GraphQL at `${url}/graphql`). */
  url: string;
  /** Runs a GraphQL query; throws on GraphQL errors. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Waits until every block up to the chain's latest (at the time of the call) is indexed. */
  waitSynced(timeoutMs?: number): Promise<number>;
  /** Output so far (for failure messages). */
  output(): string;
  /** The process's exit code, or null while it runs. */
  exitCode(): number | null;
  /** The Ponder process's id (for CPU accounting in benchmarks). */
  pid: number | undefined;
  /** Stops the process group (and deletes a temporary data directory). */
  stop(): Promise<void>;
};

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

type MetaStatus = Record<string, { block: { number: number; timestamp: number } | null; ready: boolean }> | null;

export async function startPonder(parameters: StartPonderParameters): Promise<RunningPonder> {
  const port = parameters.port ?? (await freePort());
  const temporary = parameters.dataDir === undefined && parameters.databaseUrl === undefined;
  const dataDir = parameters.dataDir ?? mkdtempSync(path.join(tmpdir(), "onewindow-indexer-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ONEWINDOW_CHAIN_ID: String(parameters.chainId),
    [`PONDER_RPC_URL_${parameters.chainId}`]: parameters.rpcUrl,
    ONEWINDOW_DEPLOYMENT_FILE: path.resolve(parameters.deployment),
    INDEXER_DATA_DIR: dataDir,
    PONDER_TELEMETRY_DISABLED: "true",
    NODE_ENV: "production",
    ...parameters.env,
  };
  if (parameters.databaseUrl) env.DATABASE_URL = parameters.databaseUrl;
  else delete env.DATABASE_URL;
  const args = [
    PONDER_BIN,
    "start",
    "--root",
    INDEXER,
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
    "--schema",
    parameters.schema ?? "onewindow",
    "--log-format",
    "json",
    "--log-level",
    parameters.logLevel ?? "warn",
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: INDEXER,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const log = parameters.logFile ? createWriteStream(parameters.logFile, { flags: "a" }) : undefined;
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? -1));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const pid = child.pid;
    if (pid !== undefined && exited === null) {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        // already gone
      }
      const deadline = Date.now() + 10_000;
      while (exited === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (exited === null) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    log?.end();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };

  const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: T; errors?: { message: string }[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`GraphQL answered ${response.status} with non-JSON: ${text.slice(0, 300)}`);
    }
    if (body.errors?.length) throw new Error(`GraphQL errors: ${body.errors.map((e) => e.message).join("; ")}`);
    return body.data as T;
  };

  const waitSynced = async (timeoutMs = 120_000): Promise<number> => {
    const target = Number(BigInt(await rpc<string>(parameters.rpcUrl, "eth_blockNumber")));
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      if (exited !== null) throw new Error(`ponder exited with ${exited} / 索引器已退出\n${output.slice(-4000)}`);
      try {
        const data = await graphql<{ _meta: { status: MetaStatus } }>("{ _meta { status } }");
        const networks = Object.values(data._meta.status ?? {});
        last = JSON.stringify(data._meta.status);
        if (networks.length > 0 && networks.every((n) => n.ready && n.block !== null && n.block.number >= target)) {
          return target;
        }
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `indexer not synced to block ${target} within ${timeoutMs} ms (last: ${last}) / 索引器未在时限内同步\n${output.slice(-4000)}`,
    );
  };

  return { url, graphql, waitSynced, output: () => output, exitCode: () => exited, pid: child.pid, stop };
}
