/**
 * docs/new-matter.md, run as written: its `sh` blocks, in order, in one bash, in an empty folder,
 * against the test chain and an exchange started here (in process, on a free loopback port), with
 * `onewindow` on the PATH. It must end with the output licence verified.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { startExchange, type ExchangeServer } from "@onewindow/exchange";
import { freePort } from "@onewindow/testkit/local-chain";
import { deployment, devKey, RPC_URL } from "@onewindow/testkit/test-chain";

import { BIN } from "./testing/run.ts";

const DOC = path.resolve(import.meta.dirname, "../../docs/new-matter.md");

/** The `sh` blocks of a Markdown document, in order. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const work = mkdtempSync(path.join(tmpdir(), "onewindow-new-matter-"));
let exchange: ExchangeServer;

describe("docs/new-matter.md", () => {
  before(async () => {
    const deploymentFile = path.join(work, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(deployment));
    exchange = await startExchange({
      env: {
        EXCHANGE_PORT: String(await freePort()),
        EXCHANGE_DATA_DIR: path.join(work, "exchange"),
        ONEWINDOW_RPC_URL: RPC_URL,
        ONEWINDOW_DEPLOYMENT: deploymentFile,
      },
      log: () => {},
    });
  });
  after(async () => {
    await exchange?.stop();
  });

  it("runs from an empty folder to a verified output licence", async () => {
    const blocks = shellBlocks(readFileSync(DOC, "utf8"));
    assert.ok(blocks.length >= 10, `only ${blocks.length} shell blocks found`);
    const bin = path.join(work, "bin");
    mkdirSync(bin);
    const onewindow = path.join(bin, "onewindow");
    writeFileSync(onewindow, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(onewindow, 0o755);
    const folder = path.join(work, "run");
    mkdirSync(folder);
    const script = blocks.join("\n") + '\necho "DOC-RUN-COMPLETE"\n';
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("bash", ["-c", script], {
        cwd: folder,
        env: {
          ...process.env,
          PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH}`,
          LANG: "C",
          ONEWINDOW_RPC_URL: RPC_URL,
          ONEWINDOW_DEPLOYMENT: path.join(work, "deployment.json"),
          ONEWINDOW_EXCHANGE_URL: exchange.url,
          ADMIN_KEY: devKey(0),
          ONEWINDOW_KEY: undefined,
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c));
      child.stderr.on("data", (c: Buffer) => (stderr += c));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(
      run.code,
      0,
      `the document's shell failed (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
    assert.match(run.stdout, /DOC-RUN-COMPLETE/);
    assert.match(run.stdout, /Nothing to change/);
    assert.match(run.stdout, /The exchange holds output licence 0x[0-9a-f]{64}/);
    // The last command is `onewindow verify permit-licence.json`: valid in all three parts.
    assert.match(run.stdout, /verdict: VALID\s+DOC-RUN-COMPLETE/);
  });
});
