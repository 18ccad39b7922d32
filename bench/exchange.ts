/**
 * Exchange disclosures on loopback: the power company reading the two consented fields of a
 * real-estate certificate (`POST /disclosures`: session check, consent read on chain, disclosure
 * built, ECIES-encrypted to the department's key, access logged), driven by autocannon against the
 * exchange process (`exchange/src/main.ts`) on a hardhat node, on embedded PGlite and on a
 * PostgreSQL server. Reports disclosures per second and p50 / p95 / p99 latency.
 *
 *   npm run bench -- exchange [--seconds 10] [--connections 10] [--backend pglite --backend postgres]
 *
 * Writes bench/results/exchange.json (or $ONEWINDOW_BENCH_RESULTS/…).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import autocannon from "autocannon";
import { keccak256, toHex, type Hex } from "viem";

import { createExchangeClient, signInToExchange } from "@onewindow/exchange/client";
import { fieldMaskOf, grantConsent } from "@onewindow/sdk";
import { freePort, HOST } from "@onewindow/testkit/local-chain";
import { postgresBin, startPostgres } from "@onewindow/testkit/postgres";
import { newAccounts, testChain, testDistrict } from "../exchange/test/helpers/chain.ts";
import { siweMessage } from "../exchange/test/helpers/exchange.ts";

type Backend = "pglite" | "postgres";
export type ExchangeBenchResult = {
  backend: Backend;
  seconds: number;
  connections: number;
  requests: number;
  non2xx: number;
  disclosuresPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function json(url: string, init: RequestInit & { json?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.json !== undefined || init.body !== undefined) headers["content-type"] = "application/json";
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, {
    ...init,
    headers,
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function signIn(base: string, key: Hex): Promise<string> {
  const session = await signInToExchange(createExchangeClient(base), (nonce) =>
    siweMessage(key, nonce, { domain: "bench.onewindow", uri: "https://bench.onewindow/login" }),
  );
  return session.token;
}

/** Starts the exchange process on `backend`, sets up one consented licence, and loads it. */
export async function measureDisclosures(
  backend: Backend,
  options: { seconds: number; connections: number },
): Promise<ExchangeBenchResult> {
  const chain = await testChain();
  const district = await testDistrict();
  const housing = district.officer("HD-HOUSING");
  const power = district.officer("SGCC-HD");
  const [holder] = await newAccounts(1);
  const work = mkdtempSync(path.join(tmpdir(), "onewindow-bench-exchange-"));
  const issuers = path.join(work, "issuers.json");
  writeFileSync(issuers, JSON.stringify({ keys: [housing.key] }), { mode: 0o600 });
  const postgres = backend === "postgres" ? await startPostgres() : undefined;
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "exchange/src/main.ts"], {
    env: {
      ...process.env,
      EXCHANGE_PORT: String(port),
      EXCHANGE_DATA_DIR: path.join(work, "data"),
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      EXCHANGE_ISSUERS: issuers,
      EXCHANGE_DOMAIN: "bench.onewindow",
      EXCHANGE_RATE_PER_SECOND: "1000000",
      EXCHANGE_RATE_BURST: "1000000",
      EXCHANGE_DAILY_QUOTA: "100000000",
      ONEWINDOW_RPC_URL: chain.rpcUrl,
      ONEWINDOW_DEPLOYMENT: chain.deploymentFile,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(`${base}/openapi.json`)
        .then((r) => r.ok)
        .catch(() => false))
    ) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error("the exchange did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
    const fields = Object.fromEntries(
      district.realEstateFields.filter((f) => f !== "holder").map((f) => [f, `示例-${f}`]),
    );
    const housingToken = await signIn(base, housing.key);
    const { licenceId } = (await json(`${base}/licences`, {
      method: "POST",
      token: housingToken,
      json: { typeCode: district.realEstateCode, holder: holder!.address, fields },
    })) as { licenceId: Hex };
    const purpose = keccak256(toHex("bench power transfer application"));
    const fieldNames = ["address", "owner"];
    await grantConsent(holder!.client, {
      departmentId: district.departmentId("SGCC-HD"),
      licenceId,
      fieldMask: fieldMaskOf(district.realEstateFields, fieldNames),
      purpose,
      expiresAt: Math.floor(Date.now() / 1000) + 7 * 86400,
    });
    const token = await signIn(base, power.key);
    const body = JSON.stringify({ licenceId, fields: fieldNames, purpose });
    await json(`${base}/disclosures`, { method: "POST", token, body }); // warm up, and proves it works

    const latencies: number[] = [];
    const instance = autocannon({
      url: `${base}/disclosures`,
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
      connections: options.connections,
      duration: options.seconds,
    });
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
    const result = await instance;
    latencies.sort((a, b) => a - b);
    return {
      backend,
      seconds: options.seconds,
      connections: options.connections,
      requests: result.requests.total,
      non2xx: result.non2xx,
      disclosuresPerSecond: (result.requests.total - result.non2xx) / options.seconds,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: percentile(latencies, 100),
      },
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await postgres?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      backend: { type: "string", multiple: true },
    },
  });
  const backends = (values.backend ?? (postgresBin() ? ["pglite", "postgres"] : ["pglite"])) as Backend[];
  const results: ExchangeBenchResult[] = [];
  try {
    for (const backend of backends) {
      console.error(`exchange: ${backend}, ${values.connections} connections for ${values.seconds} s …`);
      const result = await measureDisclosures(backend, {
        seconds: Number(values.seconds),
        connections: Number(values.connections),
      });
      console.error(
        `exchange: ${backend}: ${result.disclosuresPerSecond.toFixed(1)} disclosures/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms (${result.non2xx} non-2xx)`,
      );
      results.push(result);
    }
  } finally {
    // The chain this process started (a detached process group) must not outlive it.
    await (await testChain()).stop();
  }
  const directory = process.env.ONEWINDOW_BENCH_RESULTS ?? path.resolve(import.meta.dirname, "results");
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, "exchange.json");
  writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2) + "\n");
  console.error(`exchange: wrote ${file}`);
}
