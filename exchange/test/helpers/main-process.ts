/** The exchange's `src/main.ts` started as its own process, as an operator starts it. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import type { Hex } from "viem";

import { createExchangeClient, signInToExchange } from "../../src/client.ts";
import { siweMessage } from "./exchange.ts";

const MAIN = path.resolve(import.meta.dirname, "../../src/main.ts");

/** main.ts with `env` and `args`, once it says where it listens (rejects after `timeoutMs` or on exit). */
export async function startMain(
  env: Record<string, string>,
  { args = [], timeoutMs = 60_000 }: { args?: string[]; timeoutMs?: number } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    cwd: path.resolve(import.meta.dirname, "../.."),
  });
  let output = "";
  child.stderr!.on("data", (c: Buffer) => (output += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`main.ts did not start:\n${output}`)), timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`main.ts exited (${code}):\n${output}`)));
  });
  return { child, url };
}

/** Signs in as `key` to the process at `url`, whose SIWE domain is `domain`; the bearer token. */
export async function signInOver(url: string, key: Hex, domain: string): Promise<string> {
  const { token } = await signInToExchange(createExchangeClient(url), (nonce) =>
    siweMessage(key, nonce, { domain, uri: `http://${domain}/` }),
  );
  return token;
}
