/**
 * The whole platform as `npm run dev` starts it (scripts/dev.ts: hardhat node, contracts, demo
 * data, exchange, indexer, web) on free loopback ports, in its own process group: for the browser
 * tests (web/e2e/global-setup.ts) and the web benchmark (bench/web.ts).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort, stopProcessGroup } from "./local-chain.ts";

export { stopProcessGroup };

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** What scripts/dev.ts prints once everything answers. */
const READY = "Press Ctrl-C to stop.";

export type StartedPlatform = {
  baseUrl: string;
  rpcUrl: string;
  exchangeUrl: string;
  indexerUrl: string;
  chainId: number;
  /** The process group of scripts/dev.ts (it stops its own children on SIGTERM). */
  pid: number;
  /** The indexer's temporary data folder: remove it after stopping. */
  indexerData: string;
};

/**
 * Starts scripts/dev.ts and resolves once it prints that the platform is up.
 *
 * @param options.output - Where dev.ts's stdout and stderr go (default: stderr to this process's
 *   stderr, stdout only scanned).
 * @param options.label - Names the caller in the temporary folder and the errors.
 * @throws if dev.ts exits first or is not up within `timeoutMs` (it is then stopped).
 */
export async function startPlatform(
  options: { output?: NodeJS.WritableStream; label?: string; timeoutMs?: number } = {},
): Promise<StartedPlatform> {
  const label = options.label ?? "platform";
  const [chainPort, exchangePort, webPort, indexerPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const indexerData = mkdtempSync(path.join(tmpdir(), `onewindow-${label}-indexer-`));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", options.output ? "pipe" : "inherit"],
    env: {
      ...process.env,
      ONEWINDOW_CHAIN_PORT: String(chainPort),
      EXCHANGE_PORT: String(exchangePort),
      WEB_PORT: String(webPort),
      INDEXER_PORT: String(indexerPort),
      INDEXER_DATA_DIR: indexerData,
      // Ponder's `start` needs a database schema.
      DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? "public",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  if (options.output) child.stderr!.pipe(options.output);
  const timeoutMs = options.timeoutMs ?? 400_000;
  try {
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(
        () => reject(new Error(`${label}: the platform did not start within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      child.stdout!.on("data", (chunk: Buffer) => {
        options.output?.write(chunk);
        output += chunk.toString();
        if (output.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${label}: scripts/dev.ts exited (${code}) before the platform was up`));
      });
    });
  } catch (error) {
    await stopProcessGroup(child.pid!);
    rmSync(indexerData, { recursive: true, force: true });
    throw error;
  }
  // Keep draining dev.ts's output so that it never blocks on a full pipe.
  if (!options.output) child.stdout!.resume();
  child.unref();
  return {
    baseUrl: `http://127.0.0.1:${webPort}`,
    rpcUrl: `http://127.0.0.1:${chainPort}`,
    exchangeUrl: `http://127.0.0.1:${exchangePort}`,
    indexerUrl: `http://127.0.0.1:${indexerPort}`,
    chainId: 31337,
    pid: child.pid!,
    indexerData,
  };
}
