/**
 * The test runner (tools/test-host/run.ts) starts the node:test suites while `graph build` still runs, so
 * that the parity chain is set up meanwhile; it names a marker file in SUBGRAPH_BUILD_MARKER and
 * writes "ok" (or the failure) there when the build is done. Run alone, the suites use build/ as is.
 */
import { existsSync, readFileSync } from "node:fs";

export async function buildReady(timeoutMs = 300_000): Promise<void> {
  const marker = process.env.SUBGRAPH_BUILD_MARKER;
  if (!marker) return;
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(marker)) {
    if (Date.now() > deadline) throw new Error(`graph build did not finish within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const status = readFileSync(marker, "utf8").trim();
  if (status !== "ok") throw new Error(`graph build failed, nothing to test: ${status}`);
}
