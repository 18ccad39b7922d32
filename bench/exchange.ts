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
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
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
import { percentile } from "./results.ts";
import { writeReports } from "./summary.ts";

type Backend = "pglite" | "postgres";
export type ExchangeBenchResult = {
  backend: Backend;
  seconds: number;
  connections: number;
  requests: number;
  non2xx: number;
  disclosuresPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /**
   * CPU time the exchange process spent per disclosure (user + system, from /proc; one process
   * only): what the machine's load does not change, unlike the rates on a shared machine.
   */
  cpuMsPerDisclosure?: number | undefined;
};

/** GET /licences of a holder while clients upload large documents (the exchange's other work goes on). */
export type UploadsBenchResult = {
  backend: Backend;
  uploaders: number;
  documentBytes: number;
  uploads: number;
  uploadFailures: number;
  uploadMiBPerSecond: number;
  licenceReads: number;
  licencesMs: { p50: number; p95: number; max: number };
};

/** User + system CPU milliseconds of a process so far (Linux /proc; undefined elsewhere). */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the name), in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

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

/** The exchange process (src/main.ts) on `backend`, ready; `stop` ends it and its database. */
async function startServer(
  backend: Backend,
  options: {
    profileDir?: string | undefined;
    workers?: number | undefined;
    env?: Record<string, string>;
    main?: string | undefined;
  } = {},
) {
  const chain = await testChain();
  const district = await testDistrict();
  const housing = district.officer("HD-HOUSING");
  const work = mkdtempSync(path.join(tmpdir(), "onewindow-bench-exchange-"));
  const issuers = path.join(work, "issuers.json");
  writeFileSync(issuers, JSON.stringify({ keys: [housing.key] }), { mode: 0o600 });
  const postgres = backend === "postgres" ? await startPostgres() : undefined;
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const server = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      // --profile: a CPU profile of the exchange process, written when it stops.
      ...(options.profileDir ? ["--cpu-prof", "--cpu-prof-dir", options.profileDir] : []),
      // --main: another build's exchange/src/main.ts (a checkout of an earlier commit), to compare.
      options.main ?? "exchange/src/main.ts",
      ...(options.workers && options.workers > 1 ? ["--workers", String(options.workers)] : []),
    ],
    {
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
        ...options.env,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const stop = async () => {
    server.kill("SIGTERM");
    if (server.exitCode === null) await new Promise((r) => server.once("exit", r));
    await postgres?.stop();
    rmSync(work, { recursive: true, force: true });
  };
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
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, district, housing, stop, pid: server.pid };
}

/**
 * While `uploaders` clients each upload `documentBytes` documents back to back (streamed), a
 * holder reads GET /licences in a loop: its latency shows whether uploads hold up other requests.
 */
export async function measureUploadsUnderLoad(
  backend: Backend,
  options: { seconds: number; uploaders: number; documentBytes: number },
): Promise<UploadsBenchResult> {
  const { base, district, housing, stop } = await startServer(backend, {
    env: { EXCHANGE_UPLOAD_QUOTA_COUNT: "1000000", EXCHANGE_UPLOAD_QUOTA_BYTES: String(2 ** 50) },
  });
  try {
    const [holder, ...uploaders] = await newAccounts(1 + options.uploaders);
    const fields = Object.fromEntries(
      district.realEstateFields.filter((f) => f !== "holder").map((f) => [f, `示例-${f}`]),
    );
    const housingToken = await signIn(base, housing.key);
    await json(`${base}/licences`, {
      method: "POST",
      token: housingToken,
      json: { typeCode: district.realEstateCode, holder: holder!.address, fields },
    });
    const holderToken = await signIn(base, holder!.key);
    const tokens = await Promise.all(uploaders.map((u) => signIn(base, u.key)));
    const readLicences = async () => {
      const started = performance.now();
      const response = await fetch(`${base}/licences`, { headers: { authorization: `Bearer ${holderToken}` } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /licences: ${response.status}`);
      return performance.now() - started;
    };
    await readLicences(); // warm up
    const until = performance.now() + options.seconds * 1000;
    let uploads = 0;
    let uploadFailures = 0;
    let uploadedBytes = 0;
    const started = performance.now();
    const uploading = tokens.map(async (token) => {
      while (performance.now() < until) {
        const document = randomBytes(options.documentBytes);
        const response = await fetch(`${base}/uploads`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
          body: document,
        });
        await response.arrayBuffer();
        if (response.status === 201) {
          uploads += 1;
          uploadedBytes += document.length;
        } else uploadFailures += 1;
      }
    });
    const latencies: number[] = [];
    // Reads start once the uploads are under way, and pause 20 ms between them (a user, not a flood).
    await new Promise((r) => setTimeout(r, 200));
    // At least one read, however late the uploads let the reader start (a loaded machine).
    do {
      latencies.push(await readLicences());
      await new Promise((r) => setTimeout(r, 20));
    } while (performance.now() < until);
    await Promise.all(uploading);
    const elapsed = (performance.now() - started) / 1000;
    return {
      backend,
      uploaders: options.uploaders,
      documentBytes: options.documentBytes,
      uploads,
      uploadFailures,
      uploadMiBPerSecond: +(uploadedBytes / 1024 / 1024 / elapsed).toFixed(1),
      licenceReads: latencies.length,
      licencesMs: {
        p50: +percentile(latencies, 50).toFixed(1),
        p95: +percentile(latencies, 95).toFixed(1),
        max: +percentile(latencies, 100).toFixed(1),
      },
    };
  } finally {
    await stop();
  }
}

/** Starts the exchange process on `backend`, sets up one consented licence, and loads it. */
export async function measureDisclosures(
  backend: Backend,
  options: {
    seconds: number;
    connections: number;
    profileDir?: string | undefined;
    workers?: number | undefined;
    main?: string | undefined;
  },
): Promise<ExchangeBenchResult> {
  const { base, district, housing, stop, pid } = await startServer(backend, options);
  const power = district.officer("SGCC-HD");
  const [holder] = await newAccounts(1);
  try {
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
    const cpuBefore = cpuMsOf(pid);
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
    const cpuAfter = cpuMsOf(pid);
    const served = result.requests.total - result.non2xx;
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
      cpuMsPerDisclosure:
        cpuBefore === undefined || cpuAfter === undefined || served === 0 || (options.workers ?? 1) > 1
          ? undefined
          : +((cpuAfter - cpuBefore) / served).toFixed(2),
    };
  } finally {
    await stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      backend: { type: "string", multiple: true },
      profile: { type: "string" },
      workers: { type: "string", default: "1" },
      uploaders: { type: "string", default: "8" },
      "document-mib": { type: "string", default: "10" },
      "skip-uploads": { type: "boolean", default: false },
      main: { type: "string" },
    },
  });
  const backends = (values.backend ?? (postgresBin() ? ["pglite", "postgres"] : ["pglite"])) as Backend[];
  const results: ExchangeBenchResult[] = [];
  const uploads: UploadsBenchResult[] = [];
  const load = () => loadavg().map((l) => +l.toFixed(2));
  const loadBefore = load();
  try {
    for (const backend of backends) {
      console.error(`exchange: ${backend}, ${values.connections} connections for ${values.seconds} s …`);
      const result = await measureDisclosures(backend, {
        seconds: Number(values.seconds),
        connections: Number(values.connections),
        profileDir: values.profile,
        workers: Number(values.workers),
        main: values.main,
      });
      console.error(
        `exchange: ${backend}: ${result.disclosuresPerSecond.toFixed(1)} disclosures/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms (${result.non2xx} non-2xx), ${result.cpuMsPerDisclosure ?? "?"} CPU ms each, load ${load().join(" ")}`,
      );
      results.push(result);
    }
    if (!values["skip-uploads"]) {
      for (const backend of backends) {
        console.error(
          `exchange: ${backend}, GET /licences while ${values.uploaders} clients upload ${values["document-mib"]} MiB documents …`,
        );
        const result = await measureUploadsUnderLoad(backend, {
          seconds: Number(values.seconds),
          uploaders: Number(values.uploaders),
          documentBytes: Math.round(Number(values["document-mib"]) * 1024 * 1024),
        });
        console.error(
          `exchange: ${backend}: GET /licences p50 ${result.licencesMs.p50} ms, p95 ${result.licencesMs.p95} ms over ${result.licenceReads} reads; ${result.uploads} uploads (${result.uploadMiBPerSecond} MiB/s, ${result.uploadFailures} failed), load ${load().join(" ")}`,
        );
        uploads.push(result);
      }
    }
  } finally {
    // The chain this process started (a detached process group) must not outlive it.
    await (await testChain()).stop();
  }
  const directory = process.env.ONEWINDOW_BENCH_RESULTS ?? path.resolve(import.meta.dirname, "results");
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, "exchange.json");
  const machine = {
    cores: cpus().length,
    node: process.version,
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
    workers: Number(values.workers),
  };
  writeFileSync(
    file,
    JSON.stringify({ measuredAt: new Date().toISOString(), machine, results, uploads }, null, 2) + "\n",
  );
  writeReports(directory);
  console.error(`exchange: wrote ${file}`);
}
