/** Runs the `onewindow` binary for real against the test chain (for the CLI's chain tests). */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

import { deployment, RPC_URL } from "@onewindow/testkit/test-chain";

export const BIN = path.resolve(import.meta.dirname, "../../bin/onewindow.js");

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the binary with exactly `args` in `cwd` (no key from the environment, English messages). */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ONEWINDOW_KEY: undefined, LANG: "C", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A runner in `work` with the test chain's --rpc and --deployment (written to `work`). */
export function cliIn(work: string) {
  const deploymentFile = path.join(work, "deployment.json");
  writeFileSync(deploymentFile, JSON.stringify(deployment));
  return (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
    runCli([...args, "--rpc", RPC_URL, "--deployment", deploymentFile], work, env);
}

/** No stack trace and no "internal error" in what a run printed. */
export function assertNoStack(run: Run): void {
  assert.doesNotMatch(run.stderr, /\n\s+at /, `a stack trace was printed:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /internal error/i);
}
