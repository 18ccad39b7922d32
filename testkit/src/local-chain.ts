/**
 * Local chains for tests and benchmarks: a `hardhat node` (automine) or an `anvil` (interval
 * mining) on a free loopback port, and OneWindow deployed to it with the Ignition module
 * (scripts/deploy.ts) into a private deployments folder.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const HOST = "127.0.0.1";
const ROOT = path.resolve(import.meta.dirname, "../..");

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until a JSON-RPC node answers `eth_chainId`; returns the chain id. */
export async function waitForRpc(url: string, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      const body = (await response.json()) as { result?: string };
      if (body.result) return Number(body.result);
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no chain answered at ${url} within ${seconds} s`);
}

/** Which chain client to start. */
export type ChainClient = "hardhat" | "anvil";

/** A running local chain. */
export type LocalChain = {
  client: ChainClient;
  rpcUrl: string;
  chainId: number;
  /** Stops the node (its whole process group) and waits until it is gone. */
  stop: () => Promise<void>;
};

/**
 * Starts `hardhat node` (automine) or `anvil --block-time <s>` on a free loopback port.
 *
 * @param options.blockTime anvil's block period in seconds (default 1; 0 = automine); ignored by hardhat.
 * @param options.pruneHistory anvil only: keep no past states (`--prune-history`), so that each new
 *   block does not store a snapshot of the whole state; calls at past blocks then fail. For long
 *   benchmark runs, where otherwise every block costs more as the state grows.
 */
export async function startChain(
  client: ChainClient,
  options: { blockTime?: number; pruneHistory?: boolean } = {},
): Promise<LocalChain> {
  const port = await freePort();
  const args =
    client === "hardhat"
      ? ["hardhat", "node", "--hostname", HOST, "--port", String(port)]
      : [
          "anvil",
          "--host",
          HOST,
          "--port",
          String(port),
          ...["--accounts", "20", "--silent"],
          // 0 = automine (no --block-time).
          ...(options.blockTime === 0 ? [] : ["--block-time", String(options.blockTime ?? 1)]),
          ...(options.pruneHistory ? ["--prune-history", "256"] : []),
        ];
  const child = spawn("npx", args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
  const rpcUrl = `http://${HOST}:${port}`;
  let chainId: number;
  try {
    chainId = await waitForRpc(rpcUrl, 120);
  } catch (error) {
    await stopGroup(child);
    throw new Error(`${client} did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { client, rpcUrl, chainId, stop: () => stopGroup(child) };
}

function stopGroup(child: ChildProcess): Promise<void> {
  return child.pid === undefined ? Promise.resolve() : stopProcessGroup(child.pid, 5000);
}

/** SIGTERM to a process group, SIGKILL after `graceMs` if it is still there. */
export async function stopProcessGroup(pid: number, graceMs = 15_000): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(-pid, "SIGKILL");
}

/**
 * Deploys OneWindow to a chain with the Ignition module (as `npm run deploy` does) into a fresh
 * temporary deployments folder; returns the path of `<chainId>.json`.
 */
export function deployOneWindow(chain: LocalChain): string {
  const directory = mkdtempSync(path.join(tmpdir(), "onewindow-deployments-"));
  const deploymentId = `test-${path.basename(directory)}`;
  const run = spawnSync("npx", ["hardhat", "run", "--network", "localhost", "scripts/deploy.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ONEWINDOW_RPC_URL: chain.rpcUrl,
      ONEWINDOW_DEPLOYMENTS_DIR: directory,
      ONEWINDOW_IGNITION_ID: deploymentId,
    },
    encoding: "utf8",
    timeout: 600_000,
  });
  spawnSync("rm", ["-rf", path.join(ROOT, "ignition/deployments", deploymentId)]);
  if (run.status !== 0) throw new Error(`deploy to ${chain.client} failed (exit ${run.status})\n${run.stderr}`);
  const file = path.join(directory, `${chain.chainId}.json`);
  JSON.parse(readFileSync(file, "utf8"));
  return file;
}
