import { readFileSync } from "node:fs";
import path from "node:path";

import { isHex, type Hex } from "viem";

import { createOneWindowClient, type Deployment, NodeUnreachableError, type OneWindowClient } from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";

import { InputError, KeyError } from "./exit-codes.ts";
import { decryptKeystore } from "./keystore.ts";
import type { Output } from "./output.ts";

/** Options every command takes. */
export type GlobalOptions = {
  rpc?: string | undefined;
  deployment?: string | undefined;
  key?: string | undefined;
  keystore?: string | undefined;
  "password-file"?: string | undefined;
};

/** What a command runs with. */
export type CommandContext = {
  out: Output;
  options: GlobalOptions;
  /** A client for reading (no key needed). */
  reader: () => Promise<OneWindowClient>;
  /** A client that signs with the given key or keystore. */
  signer: () => Promise<OneWindowClient>;
};

const DEFAULT_RPC = "http://127.0.0.1:8545";

/** Builds a command's context from the global options and the environment. */
export function createContext(options: GlobalOptions, out: Output, env = process.env): CommandContext {
  const rpcUrl = options.rpc ?? env.ONEWINDOW_RPC_URL ?? DEFAULT_RPC;
  let deployment: Promise<Deployment> | undefined;
  const loadDeployment = () =>
    (deployment ??= (async () => {
      const file = options.deployment ?? env.ONEWINDOW_DEPLOYMENT;
      if (file) return readDeployment({ file });
      const chainId = await chainIdOf(rpcUrl);
      return readDeployment({ chainId, directory: path.resolve("deployments") });
    })());
  return {
    out,
    options,
    reader: async () => createOneWindowClient({ rpcUrl, deployment: await loadDeployment() }),
    signer: async () =>
      createOneWindowClient({ rpcUrl, deployment: await loadDeployment(), account: await loadKey(options, env) }),
  };
}

async function chainIdOf(rpcUrl: string): Promise<number> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { result?: string };
    if (!body.result) throw new Error("no chain id in the answer");
    return Number(body.result);
  } catch (error) {
    throw new NodeUnreachableError(rpcUrl, error);
  }
}

/** The private key from `--key` / ONEWINDOW_KEY, or `--keystore` with its password. */
async function loadKey(options: GlobalOptions, env: NodeJS.ProcessEnv): Promise<Hex> {
  const key = options.key ?? env.ONEWINDOW_KEY;
  if (key !== undefined) {
    const hex = (key.startsWith("0x") ? key : `0x${key}`) as Hex;
    if (!isHex(hex) || hex.length !== 66) {
      throw new KeyError(
        "--key must be a 32-byte private key in hex (0x + 64 hex digits).",
        "--key 必须是 32 字节的十六进制私钥（0x 加 64 位十六进制数字）。",
      );
    }
    return hex;
  }
  const keystore = options.keystore ?? env.ONEWINDOW_KEYSTORE;
  if (keystore === undefined) {
    throw new KeyError(
      "This command signs a transaction: give --keystore <file> (or --key, or ONEWINDOW_KEY).",
      "此命令需要签名交易：请提供 --keystore <文件>（或 --key，或环境变量 ONEWINDOW_KEY）。",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(keystore, "utf8"));
  } catch (cause) {
    throw new InputError(keystore, "cannot be read as a JSON keystore.", "无法作为 JSON 密钥库读取。", cause);
  }
  return decryptKeystore(json, await password(options, env));
}

/** The keystore password: --password-file, ONEWINDOW_KEYSTORE_PASSWORD, or a prompt on a terminal. */
export async function password(options: GlobalOptions, env: NodeJS.ProcessEnv): Promise<string> {
  const file = options["password-file"];
  if (file !== undefined) {
    try {
      return readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (cause) {
      throw new InputError(file, "cannot be read.", "无法读取。", cause);
    }
  }
  if (env.ONEWINDOW_KEYSTORE_PASSWORD !== undefined) return env.ONEWINDOW_KEYSTORE_PASSWORD;
  if (process.stdin.isTTY) return promptHidden("Keystore password / 密钥库密码: ");
  throw new KeyError(
    "The keystore needs a password: give --password-file or set ONEWINDOW_KEYSTORE_PASSWORD.",
    "密钥库需要密码：请提供 --password-file 或设置环境变量 ONEWINDOW_KEYSTORE_PASSWORD。",
  );
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    process.stderr.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let answer = "";
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(answer);
          return;
        }
        if (char === "\u0003") process.exit(130);
        answer = char === "\u007f" ? answer.slice(0, -1) : answer + char;
      }
    };
    stdin.on("data", onData);
  });
}
