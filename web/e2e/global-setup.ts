/**
 * Starts the platform as `npm run dev` does (scripts/dev.ts: hardhat node, contracts, demo data,
 * exchange, web) on free loopback ports, unless E2E_BASE_URL names a running one.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { PLATFORM_FILE, ROOT, SCREENSHOTS, WEB_DIR, type PlatformInfo } from "./platform.ts";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export default async function globalSetup(): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (process.env.E2E_BASE_URL) {
    const info: PlatformInfo = {
      baseUrl: process.env.E2E_BASE_URL,
      rpcUrl: process.env.E2E_RPC_URL ?? "http://127.0.0.1:8545",
      exchangeUrl: process.env.E2E_EXCHANGE_URL ?? "http://127.0.0.1:8787",
      chainId: Number(process.env.E2E_CHAIN_ID ?? 31337),
    };
    writeFileSync(PLATFORM_FILE, JSON.stringify(info));
    return;
  }
  const [chainPort, exchangePort, webPort, indexerPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const indexerData = mkdtempSync(path.join(tmpdir(), "onewindow-e2e-indexer-"));
  const log = createWriteStream(path.join(WEB_DIR, "test-results", "platform.log"));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ONEWINDOW_CHAIN_PORT: String(chainPort),
      EXCHANGE_PORT: String(exchangePort),
      WEB_PORT: String(webPort),
      INDEXER_PORT: String(indexerPort),
      INDEXER_DATA_DIR: indexerData,
      // Ponder's `start` needs a database schema (until scripts/dev.ts names one itself).
      DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? "public",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  child.stderr!.pipe(log);
  const info: PlatformInfo = {
    baseUrl: `http://127.0.0.1:${webPort}`,
    rpcUrl: `http://127.0.0.1:${chainPort}`,
    exchangeUrl: `http://127.0.0.1:${exchangePort}`,
    chainId: 31337,
    pid: child.pid!,
    tempDirs: [indexerData],
  };
  writeFileSync(PLATFORM_FILE, JSON.stringify(info));
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error("the platform did not start within 400 s; see test-results/platform.log")),
      400_000,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      log.write(chunk);
      output += chunk.toString();
      if (output.includes("Press Ctrl-C to stop.")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`scripts/dev.ts exited (${code}) before the platform was up; see test-results/platform.log`));
    });
  });
}
