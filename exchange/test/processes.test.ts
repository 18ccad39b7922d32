/**
 * Several exchange processes (src/main.ts, real processes) on one PostgreSQL behave as one: a
 * department's rate limit and an account's upload quota hold across them, whether they run on
 * two ports or as `--workers 2` behind one. Runs when a PostgreSQL server is given (test/run.ts
 * starts one when PostgreSQL is installed).
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { freePort } from "@onewindow/testkit/local-chain";

import { newAccounts, testChain, testDistrict, type Account } from "./helpers/chain.ts";
import { freshPostgresDatabase } from "./helpers/exchange.ts";
import { signInOver, startMain } from "./helpers/main-process.ts";

after(async () => (await testChain()).stop());

const server = process.env.ONEWINDOW_TEST_DATABASE_URL;

async function stopMain(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

const post = (url: string, token: string, body: Uint8Array | string, type: string) =>
  fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body: body as RequestInit["body"],
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }));

describe("several exchange processes on one PostgreSQL", { skip: server ? false : "no PostgreSQL server" }, () => {
  let district: Awaited<ReturnType<typeof testDistrict>>;
  let holder: Account;
  before(async () => {
    district = await testDistrict();
    [holder] = (await newAccounts(1)) as [Account];
  });

  /** Env of processes sharing one fresh database and one data folder, limits small. */
  async function sharedEnv(domain: string, dataDir: string): Promise<Record<string, string>> {
    const chain = await testChain();
    return {
      ONEWINDOW_RPC_URL: chain.rpcUrl,
      ONEWINDOW_DEPLOYMENT: chain.deploymentFile,
      EXCHANGE_DATA_DIR: dataDir,
      EXCHANGE_DOMAIN: domain,
      DATABASE_URL: await freshPostgresDatabase(server!),
      EXCHANGE_RATE_BURST: "5",
      EXCHANGE_RATE_PER_SECOND: "0.001",
      EXCHANGE_UPLOAD_QUOTA_COUNT: "3",
    };
  }

  /** 20 disclosures and 6 uploads spread over `urls` in turn: the limits of one process must hold. */
  async function limitsHold(urls: string[], domain: string) {
    const officer = await signInOver(urls[0]!, district.officer("SGCC-HD").key, domain);
    const owner = await signInOver(urls[urls.length - 1]!, holder.key, domain);
    const ask = JSON.stringify({
      licenceId: `0x${randomBytes(32).toString("hex")}`,
      fields: ["address"],
      purpose: `0x${randomBytes(32).toString("hex")}`,
    });
    // All at once (several connections, so behind one port they reach several workers).
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`${urls[i % urls.length]}/disclosures`, officer, ask, "application/json"),
      ),
    );
    const count = (list: { status: number }[], status: number) => list.filter((a) => a.status === status).length;
    // A token taken, then refused as not consented (403); past the burst of 5: 429, whichever process.
    assert.equal(count(statuses, 403), 5, statuses.map((a) => a.status).join(","));
    assert.equal(count(statuses, 429), 15);
    const uploads = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(`${urls[i % urls.length]}/uploads`, owner, randomBytes(1024), "application/octet-stream"),
      ),
    );
    assert.equal(count(uploads, 201), 3, uploads.map((a) => a.status).join(","));
    assert.equal(count(uploads, 429), 3);
    for (const refused of uploads.filter((a) => a.status === 429)) {
      assert.equal(refused.body.error!.code, "UPLOAD_QUOTA_EXCEEDED");
    }
  }

  it("two processes on two ports: one rate limit and one upload quota", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "exchange-processes-"));
    const domain = "processes.onewindow";
    const env = await sharedEnv(domain, dataDir);
    const started: ChildProcess[] = [];
    try {
      const first = await startMain({ ...env, EXCHANGE_PORT: String(await freePort()) }, { timeoutMs: 90_000 });
      started.push(first.child);
      const second = await startMain({ ...env, EXCHANGE_PORT: String(await freePort()) }, { timeoutMs: 90_000 });
      started.push(second.child);
      await limitsHold([first.url, second.url], domain);
      // Nothing of a refused upload is left behind, in either process's folder.
      assert.equal(readdirSync(path.join(dataDir, "uploads", "incoming")).length, 0);
    } finally {
      for (const child of started) await stopMain(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("--workers 2 behind one port: the same limits, and a clean stop", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "exchange-workers-"));
    const domain = "workers.onewindow";
    const env = await sharedEnv(domain, dataDir);
    let child: ChildProcess | undefined;
    try {
      const main = await startMain(
        { ...env, EXCHANGE_PORT: String(await freePort()) },
        { args: ["--workers", "2"], timeoutMs: 90_000 },
      );
      child = main.child;
      await limitsHold([main.url], domain);
      assert.equal(await stopMain(child), 0, "clean stop on SIGTERM");
    } finally {
      if (child) await stopMain(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("--workers without PostgreSQL: a clear refusal", async () => {
    const chain = await testChain();
    const dataDir = mkdtempSync(path.join(tmpdir(), "exchange-workers-"));
    try {
      await assert.rejects(
        startMain(
          {
            ONEWINDOW_RPC_URL: chain.rpcUrl,
            ONEWINDOW_DEPLOYMENT: chain.deploymentFile,
            EXCHANGE_DATA_DIR: dataDir,
            EXCHANGE_PORT: String(await freePort()),
            DATABASE_URL: "",
          },
          { args: ["--workers", "2"], timeoutMs: 90_000 },
        ),
        /needs a PostgreSQL database/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
