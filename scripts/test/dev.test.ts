/**
 * The README's start command, run for real: `npm run dev -- --once` starts a hardhat node on a free
 * loopback port, deploys, loads the demo data, prints what is running, and stops everything.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { test } from "node:test";

import { CONTRACT_NAMES } from "@onewindow/sdk";

import { freePort } from "@onewindow/testkit/local-chain";

test("npm run dev -- --once starts the chain, deploys, loads demo data and stops", { timeout: 240_000 }, async () => {
  const port = await freePort();
  const exchangePort = await freePort();
  const run = spawnSync("npm", ["run", "--silent", "dev", "--", "--once"], {
    env: { ...process.env, ONEWINDOW_CHAIN_PORT: String(port), EXCHANGE_PORT: String(exchangePort) },
    encoding: "utf8",
    timeout: 230_000,
  });
  assert.equal(run.status, 0, `dev exited ${run.status}\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, new RegExp(`chain +http://127\\.0\\.0\\.1:${port} +\\(chain id 31337\\)`));
  // dev prints the exchange only once it answered its OpenAPI document.
  assert.match(run.stdout, new RegExp(`exchange +http://127\\.0\\.0\\.1:${exchangePort} +\\(OpenAPI`));
  // …and holds the seeded licence files, deposited by their issuing departments.
  assert.match(
    run.stdout,
    /deposited the [1-9]\d* seeded licence files in the exchange \([1-9]\d* new, 0 already held\)/,
  );
  const deployment = JSON.parse(readFileSync("deployments/31337.json", "utf8")) as {
    contracts: Record<string, { address: string }>;
  };
  for (const name of CONTRACT_NAMES) {
    assert.match(deployment.contracts[name]?.address ?? "", /^0x[0-9a-fA-F]{40}$/, `${name} deployed`);
    assert.ok(run.stdout.includes(deployment.contracts[name]!.address), `${name} printed`);
  }
  assert.match(run.stdout, /HD-SAMR +2 of 3 +0x[0-9a-fA-F]{40}/);
  assert.match(run.stdout, /applicant: /);

  // Everything it started is stopped: the port is free again.
  const again = createServer();
  await new Promise<void>((resolve, reject) => {
    again.once("error", reject);
    again.listen(port, "127.0.0.1", () => again.close(() => resolve()));
  });
});

test("npm run dev refuses a busy port with a clear message", { timeout: 60_000 }, async () => {
  const busy = createServer();
  const port = await new Promise<number>((resolve) =>
    busy.listen(0, "127.0.0.1", () => resolve((busy.address() as { port: number }).port)),
  );
  try {
    const run = spawnSync("npm", ["run", "--silent", "dev", "--", "--once"], {
      env: { ...process.env, ONEWINDOW_CHAIN_PORT: String(port) },
      encoding: "utf8",
      timeout: 50_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
  } finally {
    busy.close();
  }
});
