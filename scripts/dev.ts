/**
 * `npm run dev`: starts the whole platform on the embedded default and keeps it running until
 * Ctrl-C: a `hardhat node` on 127.0.0.1:8545, the contracts deployed with Ignition
 * (deployments/31337.json), the Haidian demo data, and the exchange on 127.0.0.1:8787 (every
 * department's data node, holding the seeded licence files its departments issued), and the web on 127.0.0.1:3000. Logs per service in logs/.
 *
 *   npm run dev                         start everything; Ctrl-C stops every process it started
 *   npm run dev -- --chain <rpc-url>    use an existing chain instead of starting one
 *   npm run dev -- --once               start, deploy, load, print, then stop (used by the tests)
 *
 * Environment: ONEWINDOW_CHAIN_PORT (default 8545), EXCHANGE_PORT (default 8787), WEB_PORT (default 3000), and the exchange's
 * own settings (docs/exchange.md).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { parseArgs } from "node:util";

import { catalogueMetadataOf, signCatalogueMetadata } from "@onewindow/sdk";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { demoKey, readHaidian } from "@onewindow/testkit/demo";
import { exchangePost, exchangeSignIn } from "@onewindow/testkit/exchange-client";
import { waitForRpc } from "@onewindow/testkit/local-chain";

const { values: options } = parseArgs({
  options: {
    chain: { type: "string" },
    once: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (options.help) {
  console.log("usage: npm run dev [-- --chain <rpc-url>] [-- --once]");
  process.exit(0);
}

const HOST = "127.0.0.1";
const chainPort = Number(process.env.ONEWINDOW_CHAIN_PORT ?? 8545);
const rpcUrl = options.chain ?? `http://${HOST}:${chainPort}`;
const LOGS = "logs";
mkdirSync(LOGS, { recursive: true });

const children: ChildProcess[] = [];
let stopping = false;

/** Stops every process group it started (npx and what it runs), then exits. */
async function stopAll(code: number): Promise<never> {
  stopping = true;
  const groups = children.filter((child) => child.pid !== undefined).map((child) => child.pid!);
  const signal = (name: NodeJS.Signals | 0) =>
    groups.filter((pid) => {
      try {
        process.kill(-pid, name);
        return true;
      } catch {
        return false; // no process left in that group
      }
    });
  signal("SIGTERM");
  // Wait until every process of every group (npx and what it started) is gone, then force.
  const deadline = Date.now() + 5000;
  while (signal(0).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signal("SIGKILL");
  process.exit(code);
}
process.on("SIGINT", () => {
  console.log("\ndev: stopping …");
  void stopAll(0);
});
process.on("SIGTERM", () => void stopAll(0));

async function fail(message: string): Promise<never> {
  console.error(`dev: ${message}`);
  return stopAll(1);
}

/** Starts a long-running service (`command args`) with its output in logs/<name>.log. */
function startService(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd = process.cwd(),
): ChildProcess {
  const log = createWriteStream(`${LOGS}/${name}.log`);
  const child = spawn(command, args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
    detached: true,
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  child.on("exit", (code) => {
    if (stopping) return;
    const why = explainedFailure(readFileSync(`${LOGS}/${name}.log`, "utf8"));
    void fail(`${name} stopped unexpectedly (exit ${code}); see ${LOGS}/${name}.log${why ? `\n${why}` : ""}`);
  });
  children.push(child);
  return child;
}

/**
 * What a service's log says it stopped for, when that is something the user must act on: the
 * indexer's own message about a database built for another deployment (indexer/database.ts), or
 * Ponder's refusal of a PostgreSQL schema another deployment built.
 */
function explainedFailure(log: string): string | undefined {
  const own = log.split("\n").find((line) => line.includes("indexer database:"));
  if (own) return own.slice(own.indexOf("indexer database:"));
  if (/previously used by a different Ponder app/.test(log)) {
    const schema = process.env.DATABASE_SCHEMA ?? "onewindow";
    return (
      `indexer database: schema "${schema}" holds another deployment's data (the platform was deployed again, or ` +
      `another chain): drop it (DROP SCHEMA "${schema}" CASCADE) or set DATABASE_SCHEMA to a new name. / ` +
      `索引数据库的 schema "${schema}" 属于另一部署：请删除该 schema（DROP SCHEMA "${schema}" CASCADE）或将 DATABASE_SCHEMA 设为新名称。`
    );
  }
  return undefined;
}

/** Runs a one-off step (`command args`) to completion with its output in logs/<name>.log. */
function runStep(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(`${LOGS}/${name}.log`);
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
      detached: true,
    });
    children.push(child);
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk;
      log.write(chunk);
    });
    child.stderr!.pipe(log);
    child.on("exit", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${name} failed (exit ${code}); see ${LOGS}/${name}.log`)),
    );
  });
}

/** Waits until `url` answers 200. */
async function waitForHttp(url: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/**
 * A department's data node holds the licences it issued: the seed issued the demo licences on
 * chain, so each file goes to the exchange as its issuing department's first officer (SIWE
 * sign-in, one per department; POST /licences/deposit). A restart on the same chain and data
 * folder finds them held (200 alreadyHeld) and changes nothing.
 */
async function depositDemoLicences(
  url: string,
  chainId: number,
): Promise<{ total: number; created: number; alreadyHeld: number }> {
  const demo = JSON.parse(readFileSync(".data/demo/accounts.json", "utf8")) as {
    accounts: { department?: string; privateKey: Hex }[];
    departments: { code: string; id: number }[];
    licences: { licenceId: Hex; file: string }[];
  };
  const tokens = new Map<number, Promise<string>>();
  const signIn = (departmentId: number): Promise<string> => {
    const known = tokens.get(departmentId);
    if (known) return known;
    const code = demo.departments.find((d) => d.id === departmentId)?.code;
    const key = demo.accounts.find((a) => code !== undefined && a.department === code)?.privateKey;
    if (!key) throw new Error(`no demo officer of department ${departmentId} in .data/demo/accounts.json`);
    const token = exchangeSignIn(url, chainId, key, "Deposit the demo licence files (npm run dev).");
    tokens.set(departmentId, token);
    return token;
  };
  const answers = await Promise.all(
    demo.licences.map(async (licence) => {
      const file = JSON.parse(readFileSync(licence.file, "utf8")) as { issuerDepartment: number };
      const token = await signIn(file.issuerDepartment);
      return exchangePost<{ alreadyHeld: boolean }>(url, "/licences/deposit", { file }, { token });
    }),
  );
  const alreadyHeld = answers.filter((a) => a.alreadyHeld).length;
  return { total: answers.length, created: answers.length - alreadyHeld, alreadyHeld };
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const started = Date.now();
if (options.chain === undefined) {
  if (await portInUse(chainPort)) {
    await fail(
      `port ${chainPort} on ${HOST} is in use: stop the other process, or set ONEWINDOW_CHAIN_PORT, or use --chain <rpc-url>`,
    );
  }
  console.log(`dev: starting hardhat node on ${rpcUrl} (log: ${LOGS}/chain.log)`);
  startService("chain", "npx", ["hardhat", "node", "--hostname", HOST, "--port", String(chainPort)]);
}
let chainId = 0;
try {
  chainId = await waitForRpc(rpcUrl, 120);
} catch (error) {
  await fail((error as Error).message);
}

const stepEnv = { ONEWINDOW_RPC_URL: rpcUrl };
try {
  console.log("dev: deploying contracts (Ignition) …");
  await runStep("deploy", "npx", ["hardhat", "run", "--network", "localhost", "scripts/deploy.ts"], stepEnv);
  console.log("dev: loading the Haidian demo data (SDK) …");
  await runStep("seed", process.execPath, ["--import", "tsx", "scripts/seed.ts"], stepEnv);
} catch (error) {
  await fail((error as Error).message);
}

// The exchange: every department's data node, with the first officer of each department as its
// issuing key (demo keys). A fresh embedded chain gets a fresh exchange database.
const exchangePort = Number(process.env.EXCHANGE_PORT ?? 8787);
const exchangeUrl = `http://${HOST}:${exchangePort}`;
if (await portInUse(exchangePort)) {
  await fail(`port ${exchangePort} on ${HOST} is in use: stop the other process, or set EXCHANGE_PORT`);
}
const exchangeData = process.env.EXCHANGE_DATA_DIR ?? ".data/exchange";
if (
  options.chain === undefined &&
  process.env.EXCHANGE_DATA_DIR === undefined &&
  process.env.DATABASE_URL === undefined
) {
  rmSync(exchangeData, { recursive: true, force: true });
}
const issuersFile = ".data/demo/exchange-issuers.json";
{
  const { accounts, departments } = JSON.parse(readFileSync(".data/demo/accounts.json", "utf8")) as {
    accounts: { department?: string; privateKey: string }[];
    departments?: { id: number; sealPrivateKey?: string }[];
  };
  // The departments' national-seal keys (docs/seal.md): the exchange seals what it issues for them.
  const sealKeys = Object.fromEntries(
    (departments ?? []).filter((d) => d.sealPrivateKey).map((d) => [String(d.id), d.sealPrivateKey]),
  );
  const firstOfEach = new Map<string, string>();
  for (const account of accounts) {
    if (account.department && !firstOfEach.has(account.department))
      firstOfEach.set(account.department, account.privateKey);
  }
  writeFileSync(issuersFile, JSON.stringify({ keys: [...firstOfEach.values()], sealKeys }, null, 2) + "\n", {
    mode: 0o600,
  });
}
console.log(`dev: starting the exchange on ${exchangeUrl} (log: ${LOGS}/exchange.log)`);
startService("exchange", process.execPath, ["--import", "tsx", "exchange/src/main.ts"], {
  ...stepEnv,
  EXCHANGE_PORT: String(exchangePort),
  EXCHANGE_DATA_DIR: exchangeData,
  EXCHANGE_ISSUERS: issuersFile,
  ONEWINDOW_DEPLOYMENT: `deployments/${chainId}.json`,
});
try {
  await waitForHttp(`${exchangeUrl}/openapi.json`, 120);
} catch (error) {
  await fail(`${(error as Error).message}; see ${LOGS}/exchange.log`);
}
try {
  const deposited = await depositDemoLicences(exchangeUrl, chainId);
  console.log(
    `dev: deposited the ${deposited.total} seeded licence files in the exchange (${deposited.created} new, ${deposited.alreadyHeld} already held)`,
  );
} catch (error) {
  await fail(`depositing the seeded licence files: ${(error as Error).message}; see ${LOGS}/exchange.log`);
}

// The catalogue's metadata (English names, figures' sources, step notes, condition names): derived
// from the Haidian data, signed by the deployer (the demo deployment's catalogue editor) and
// published on the exchange, where the web reads it. On a chain of --chain whose catalogue editor
// is another account, the exchange refuses it and the pages show the chain's names.
try {
  const key = demoKey(0);
  const token = await exchangeSignIn(exchangeUrl, chainId, key, "Publish the catalogue's metadata (npm run dev).");
  const signed = await signCatalogueMetadata(privateKeyToAccount(key), catalogueMetadataOf(readHaidian().data));
  const published = await exchangePost<{ hash: string }>(exchangeUrl, "/catalogue/metadata", signed, { token });
  console.log(`dev: published the catalogue's metadata on the exchange (${published.hash})`);
} catch (error) {
  console.warn(`dev: the catalogue's metadata was not published: ${(error as Error).message}`);
}

// The indexer (indexer/, Ponder): auditors' GraphQL, waited for until it has indexed the seeded
// chain; a fresh embedded chain gets a fresh database, and so does an existing chain (--chain) when
// the default database was built for an earlier deployment. Not with --once unless INDEXER_PORT is set.
const withIndexer = !options.once || process.env.INDEXER_PORT !== undefined;
const indexerUrl = `http://${HOST}:${process.env.INDEXER_PORT ?? 42069}/graphql`;
const indexerData = process.env.INDEXER_DATA_DIR ?? `${process.cwd()}/.data/indexer`;
if (withIndexer) {
  if (await portInUse(Number(new URL(indexerUrl).port)))
    await fail(`${indexerUrl} is in use: stop the other process, or set INDEXER_PORT`);
  if (options.chain === undefined && !process.env.INDEXER_DATA_DIR && !process.env.DATABASE_URL)
    rmSync(indexerData, { recursive: true, force: true });
  console.log(`dev: starting the indexer on ${indexerUrl} (log: ${LOGS}/indexer.log)`);
  // Run from indexer/: Ponder writes generated/schema.graphql into its working directory.
  const ponderArgs = ["start", "--root", ".", "--hostname", HOST, "--port", new URL(indexerUrl).port];
  const ponderBin = `${process.cwd()}/node_modules/ponder/dist/esm/bin/ponder.js`;
  startService(
    "indexer",
    process.execPath,
    [ponderBin, ...ponderArgs, "--schema", process.env.DATABASE_SCHEMA ?? "onewindow"],
    {
      ...stepEnv,
      ONEWINDOW_CHAIN_ID: String(chainId),
      INDEXER_DATA_DIR: indexerData,
      // The embedded default follows the deployment: one built for an earlier deployment is removed.
      ...(process.env.INDEXER_DATA_DIR || process.env.DATABASE_URL ? {} : { INDEXER_RESET_ON_NEW_DEPLOYMENT: "1" }),
      PONDER_TELEMETRY_DISABLED: "true",
    },
    `${process.cwd()}/indexer`,
  );
  const post = (url: string, body: unknown) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then((r) => r.json() as Promise<Record<string, never>>)
      .catch(() => undefined);
  type Status = { data?: { _meta: { status: Record<string, { ready: boolean; block: { number: number } | null }> } } };
  const head = Number((await post(rpcUrl, { jsonrpc: "2.0", id: 1, method: "eth_blockNumber" }))?.["result"]);
  for (const deadline = Date.now() + 600_000; ; await new Promise((r) => setTimeout(r, 500))) {
    const status = (await post(indexerUrl, { query: "{ _meta { status } }" })) as Status | undefined;
    const networks = Object.values(status?.data?._meta.status ?? {});
    if (networks.length > 0 && networks.every((n) => n.ready && (n.block?.number ?? -1) >= head)) break;
    if (Date.now() > deadline) await fail(`the indexer did not catch up in 10 minutes; see ${LOGS}/indexer.log`);
  }
}

// The web (web/): `next start` when it was built (npm run build --workspace web), else `next dev`;
// not with --once unless WEB_PORT is set (the dev test stays quick).
const withWeb = !options.once || process.env.WEB_PORT !== undefined;
const webPort = Number(process.env.WEB_PORT ?? 3000);
const webUrl = `http://${HOST}:${webPort}`;
if (withWeb && (await portInUse(webPort)))
  await fail(`port ${webPort} on ${HOST} is in use: stop the other process, or set WEB_PORT`);
const webMode = existsSync("web/.next/BUILD_ID") ? "start" : "dev";
if (withWeb) console.log(`dev: starting the web (next ${webMode}) on ${webUrl} (log: ${LOGS}/web.log)`);
if (withWeb)
  startService("web", "npx", ["next", webMode, "web", "--hostname", HOST, "--port", String(webPort)], {
    ...stepEnv,
    EXCHANGE_URL: exchangeUrl,
    ...(withIndexer ? { INDEXER_URL: indexerUrl.replace(/\/graphql$/, "") } : {}),
    ONEWINDOW_ROOT: process.cwd(),
    NEXT_TELEMETRY_DISABLED: "1",
  });
try {
  if (withWeb) await waitForHttp(`${webUrl}/api/health`, 180);
} catch (error) {
  await fail(`${(error as Error).message}; see ${LOGS}/web.log`);
}

const deployment = JSON.parse(readFileSync(`deployments/${chainId}.json`, "utf8")) as {
  contracts: Record<string, { address: string }>;
};
const demo = JSON.parse(readFileSync(".data/demo/accounts.json", "utf8")) as {
  accounts: { role: string; address: string; canDo: string; department?: string }[];
};

/** Everyone but officers one per line; officers one line per department (all keys in accounts.json). */
function describeAccounts(accounts: typeof demo.accounts): string {
  const lines: string[] = [];
  const departments = new Map<string, typeof demo.accounts>();
  for (const account of accounts) {
    if (account.department === undefined) {
      lines.push(`  ${account.address}  ${account.role}
    ${"".padEnd(42)}can: ${account.canDo}`);
    } else {
      departments.set(account.department, [...(departments.get(account.department) ?? []), account]);
    }
  }
  lines.push(
    `  officers of ${departments.size} departments (first officer shown; can: ${accounts
      .find((a) => a.department)
      ?.canDo.replace(/department \d+/, "their department")
      .replace(/ \(\d+ of \d+\)/, "")})`,
  );
  for (const [code, officers] of departments) {
    const threshold = /threshold (\d+)/.exec(officers[0]!.role)?.[1] ?? "?";
    lines.push(`    ${code.padEnd(16)} ${threshold} of ${officers.length}  ${officers[0]!.address}`);
  }
  return lines.join("\n");
}

console.log(`
OneWindow is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  chain      ${rpcUrl}  (chain id ${chainId})
  contracts  deployments/${chainId}.json
${Object.entries(deployment.contracts)
  .map(([name, c]) => `             ${name.padEnd(20)} ${c.address}`)
  .join("\n")}
  exchange   ${exchangeUrl}  (OpenAPI: ${exchangeUrl}/openapi.json; docs/exchange.md)
${withIndexer ? `  indexer    ${indexerUrl}  (GraphQL for auditors; docs/audit.md)\n` : ""}${withWeb ? `  web        ${webUrl}\n` : ""}  logs       ${LOGS}/

Demo accounts (keys: .data/demo/accounts.json; development keys only):
${describeAccounts(demo.accounts)}
`);

if (options.once) await stopAll(0);
console.log("Press Ctrl-C to stop.");
