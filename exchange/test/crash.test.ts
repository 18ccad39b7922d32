/**
 * Crash safety: the exchange (src/main.ts, a real process) is killed with SIGKILL in the middle
 * of a stream of uploads, then started again on the same data folder (or database): every upload
 * it acknowledged is there, intact, and no record is partial.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";

import { keccak256 } from "viem";
import { generatePrivateKey } from "viem/accounts";

import { freePort } from "@onewindow/testkit/local-chain";

import { openDatabase } from "../src/db/index.ts";
import { open } from "../src/sealed.ts";
import { readUploadFile } from "../src/upload-files.ts";
import { testChain } from "./helpers/chain.ts";
import { freshPostgresDatabase } from "./helpers/exchange.ts";
import { signInOver, startMain } from "./helpers/main-process.ts";

after(async () => (await testChain()).stop());

const kinds: Array<"pglite" | "postgres"> = process.env.ONEWINDOW_TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

for (const kind of kinds) {
  describe(`crash safety of main.ts on ${kind}`, () => {
    it("keeps every acknowledged upload across a SIGKILL, with no partial record", async () => {
      const chain = await testChain();
      const dataDir = mkdtempSync(path.join(tmpdir(), "exchange-crash-"));
      const port = await freePort();
      const domain = `127.0.0.1:${port}`;
      const env: Record<string, string> = {
        ONEWINDOW_RPC_URL: chain.rpcUrl,
        ONEWINDOW_DEPLOYMENT: chain.deploymentFile,
        EXCHANGE_DATA_DIR: dataDir,
        EXCHANGE_PORT: String(port),
        DATABASE_URL: kind === "postgres" ? await freshPostgresDatabase(process.env.ONEWINDOW_TEST_DATABASE_URL!) : "",
      };
      const key = generatePrivateKey();
      try {
        const first = await startMain(env);
        const token = await signInOver(first.url, key, domain);

        // A stream of uploads, 8 in flight, until the kill.
        const acknowledged = new Map<string, Buffer>();
        let killed = false;
        let failedAfterKill = 0;
        const writer = async () => {
          while (!killed) {
            const document = randomBytes(1024 + Math.floor(Math.random() * 8192));
            try {
              const response = await fetch(`${first.url}/uploads`, {
                method: "POST",
                headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
                body: document,
              });
              if (response.status === 201) {
                const { hash } = (await response.json()) as { hash: string };
                assert.equal(hash, keccak256(document));
                acknowledged.set(hash, document);
              }
            } catch {
              failedAfterKill += 1;
            }
          }
        };
        const writers = Array.from({ length: 8 }, writer);
        await new Promise<void>((resolve) => {
          const check = setInterval(() => {
            if (acknowledged.size >= 150) {
              clearInterval(check);
              resolve();
            }
          }, 5);
        });
        first.child.kill("SIGKILL");
        await new Promise((resolve) => first.child.once("exit", resolve));
        killed = true;
        await Promise.all(writers);
        assert.ok(acknowledged.size >= 150);

        const second = await startMain(env);
        const token2 = await signInOver(second.url, key, domain);
        for (const [hash, document] of acknowledged) {
          const response = await fetch(`${second.url}/uploads/${hash}`, {
            headers: { authorization: `Bearer ${token2}` },
          });
          assert.equal(response.status, 200, `acknowledged upload ${hash} is there`);
          assert.deepEqual(Buffer.from(await response.arrayBuffer()), document);
        }
        second.child.kill("SIGTERM");
        const code = await new Promise((resolve) => second.child.once("exit", resolve));
        assert.equal(code, 0, "clean shutdown on SIGTERM");

        // No partial record: every blob opens and matches its hash, and has an owner.
        const db = await openDatabase(
          kind === "postgres" ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.join(dataDir, "pgdata") },
        );
        const dataKey = Buffer.from(readFileSync(path.join(dataDir, "data.key"), "utf8").trim(), "hex");
        const blobs = await db.query<{
          hash: string;
          size: number;
          sealed: Uint8Array | null;
          file: string | null;
          owners: number;
        }>(
          "SELECT b.hash, b.size, b.sealed, b.file, (SELECT count(*)::int FROM upload_owners o WHERE o.hash = b.hash) AS owners FROM upload_blobs b",
        );
        assert.ok(blobs.length >= acknowledged.size);
        for (const blob of blobs) {
          // Streamed uploads are files of the upload folder (migration 019), older ones sealed in the row.
          const bytes = blob.file
            ? (await readUploadFile(path.join(dataDir, "uploads"), dataKey, blob.file)).bytes
            : open(dataKey, blob.sealed!, `upload:${blob.hash}`);
          assert.equal(keccak256(bytes), blob.hash);
          assert.equal(bytes.length, blob.size);
          assert.ok(Number(blob.owners) >= 1, "every blob has its owner");
        }
        await db.close();
        process.stdout.write(
          `# ${kind}: ${acknowledged.size} acknowledged, ${blobs.length} stored, ${failedAfterKill} cut off by the kill\n`,
        );
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
