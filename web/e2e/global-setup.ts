/**
 * Starts the platform as `npm run dev` does (scripts/dev.ts: hardhat node, contracts, demo data,
 * exchange, web) on free loopback ports, unless E2E_BASE_URL names a running one.
 */
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { startPlatform } from "@onewindow/testkit/platform";
import { PLATFORM_FILE, SCREENSHOTS, WEB_DIR, type PlatformInfo } from "./platform.ts";

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
  const log = createWriteStream(path.join(WEB_DIR, "test-results", "platform.log"));
  const started = await startPlatform({ output: log, label: "e2e" }).catch((error: Error) => {
    throw new Error(`${error.message}; see test-results/platform.log`);
  });
  const info: PlatformInfo = {
    baseUrl: started.baseUrl,
    rpcUrl: started.rpcUrl,
    exchangeUrl: started.exchangeUrl,
    chainId: started.chainId,
    pid: started.pid,
    tempDirs: [started.indexerData],
  };
  writeFileSync(PLATFORM_FILE, JSON.stringify(info));
}
