/**
 * `onewindow district plan|apply <folder>` run for real against the test chain: a plan sends
 * nothing, apply makes exactly the plan, a second apply has nothing to change, a change in the
 * folder plans a new version; bad files exit 3 naming the file and JSON path; what the SDK refuses
 * before sending exits 7 (not 4, which is for a contract's refusal).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex } from "viem";

import { startExchange } from "@onewindow/exchange";
import { freePort } from "@onewindow/testkit/local-chain";
import { admin, deployment, devKey, newAccount, RPC_URL, uniqueCode } from "@onewindow/testkit/test-chain";

import { assertNoStack, cliIn } from "./testing/run.ts";

const work = mkdtempSync(path.join(tmpdir(), "onewindow-district-"));
const cli = cliIn(work);
const adminKey = devKey(0);
const folder = path.join(work, "district");
const s = uniqueCode("D").slice(-6);
const key = () => bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));
const write = (file: string, value: unknown) => writeFileSync(path.join(folder, file), JSON.stringify(value, null, 2));
const adminNonce = () =>
  admin.public.getTransactionCount({ address: admin.wallet!.account.address, blockTag: "pending" });

const matter = (timeLimit: number) => ({
  code: `DM-${s}`,
  name: `测试事项 ${s}`,
  steps: [
    { department: `DA-${s}`, timeLimit: 5 },
    { department: `DB-${s}`, timeLimit, issues: `DT-${s}` },
  ],
  materials: [{ kind: "upload", name: "申请书" }],
});

describe("onewindow district", () => {
  before(async () => {
    const [a, b] = await Promise.all([newAccount(), newAccount()]);
    mkdirSync(folder);
    write("departments.json", {
      departments: [
        { code: `DA-${s}`, name: `甲局 ${s}`, level: "district", threshold: 1 },
        { code: `DB-${s}`, name: `乙局 ${s}`, level: "district", threshold: 1 },
      ],
    });
    write("licence-types.json", {
      licenceTypes: [
        {
          code: `DT-${s}`,
          name: `测试证 ${s}`,
          level: "district",
          defaultValidityDays: 0,
          issuers: [`DB-${s}`],
          fieldNames: ["holder", "name"],
        },
      ],
    });
    write("matters.json", { matters: [matter(5)] });
    write("officers.json", {
      departments: {
        [`DA-${s}`]: { officers: [a.address], encryptionKey: key() },
        [`DB-${s}`]: { officers: [b.address], encryptionKey: key() },
      },
    });
  });

  it("plan sends nothing; apply makes the plan; a second apply has nothing to change", async () => {
    const nonce = await adminNonce();
    const plan = await cli(["district", "plan", folder, "--json"]);
    assert.equal(plan.code, 0, plan.stderr);
    const body = JSON.parse(plan.stdout) as { changes: { kind: string; action: string }[] };
    assert.deepEqual(body.changes.map((c) => `${c.kind}:${c.action}`).sort(), [
      "department:add",
      "department:add",
      "licenceType:add",
      "matter:add",
    ]);
    assert.equal(await adminNonce(), nonce, "plan sent a transaction");

    const human = await cli(["district", "plan", folder, "--lang", "zh"]);
    assert.match(human.stdout, /计划：4 项变更/);
    assert.match(human.stdout, /\+ 事项 DM-/);

    const apply = await cli(["district", "apply", folder, "--key", adminKey]);
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stderr, /matter DM-\S+: created \(0x[0-9a-f]{64}\)/);
    assert.match(apply.stdout, /Done: 4 created, 0 changed/);

    const again = await cli(["district", "apply", folder, "--key", adminKey]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to change/);
  });

  it("a changed time limit plans a new version of the matter", async () => {
    write("matters.json", { matters: [matter(9)] });
    const plan = await cli(["district", "plan", folder]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /~ matter DM-\S+: new version \(steps\)/);
    const apply = await cli(["district", "apply", folder, "--key", adminKey, "--json"]);
    assert.equal(apply.code, 0, apply.stderr);
    assert.equal((JSON.parse(apply.stdout) as { result: { updated: number } }).result.updated, 1);
  });

  it("with an exchange, apply publishes the folder's catalogue metadata; a non-editor is refused in words", async () => {
    const deploymentFile = path.join(work, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(deployment));
    const exchange = await startExchange({
      env: {
        EXCHANGE_PORT: String(await freePort()),
        EXCHANGE_DATA_DIR: path.join(work, "exchange"),
        ONEWINDOW_RPC_URL: RPC_URL,
        ONEWINDOW_DEPLOYMENT: deploymentFile,
      },
      log: () => {},
    });
    try {
      write("matters.json", {
        conditions: { HandledByAgent: 2 },
        conditionNames: { HandledByAgent: { zh: "由代理人办理", en: "an agent applies" } },
        matters: [{ ...matter(9), nameEn: `Test matter ${s}` }],
      });
      // Nothing to change on chain (the English name is not on chain), yet the metadata is published.
      const apply = await cli(["district", "apply", folder, "--key", adminKey, "--exchange", exchange.url]);
      assert.equal(apply.code, 0, apply.stderr);
      assert.match(apply.stderr, /Catalogue metadata published on .*: 0x[0-9a-f]{64}/);
      const published = (await (await fetch(`${exchange.url}/catalogue/metadata`)).json()) as {
        publisher: string;
        document: { matters: Record<string, { nameEn?: string }>; conditions: { code: string; en?: string }[] };
      };
      assert.equal(published.document.matters[`DM-${s}`]?.nameEn, `Test matter ${s}`);
      assert.deepEqual(published.document.conditions, [
        { bit: 2, code: "HandledByAgent", zh: "由代理人办理", en: "an agent applies" },
      ]);
      assert.equal(published.publisher, admin.wallet!.account.address.toLowerCase());

      const stranger = await newAccount();
      const refused = await cli(["district", "apply", folder, "--key", stranger.key, "--exchange", exchange.url]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /catalogue editor/);
      assertNoStack(refused);
    } finally {
      await exchange.stop();
    }
  });

  it("a file out of the format exits 3 naming the file and the JSON path", async () => {
    const bad = path.join(work, "bad");
    mkdirSync(bad);
    writeFileSync(path.join(bad, "departments.json"), JSON.stringify({ departments: [{ code: "X", level: "city" }] }));
    const run = await cli(["district", "plan", bad]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /departments\.json/);
    assert.match(run.stderr, /\$\.departments\[0\]\.level/);
    assertNoStack(run);
  });

  it("what the SDK refuses before sending exits 7 and says nothing was sent (not 4, a contract's refusal)", async () => {
    const unknown = path.join(work, "unknown");
    mkdirSync(unknown);
    writeFileSync(
      path.join(unknown, "matters.json"),
      JSON.stringify({
        matters: [{ ...matter(5), code: `DX-${s}`, steps: [{ department: "NO-SUCH-DEPT", timeLimit: 5 }] }],
      }),
    );
    const nonce = await adminNonce();
    const run = await cli(["district", "apply", unknown, "--key", adminKey]);
    assert.equal(run.code, 7, run.stderr);
    assert.match(run.stderr, /unknown department code "NO-SUCH-DEPT"/);
    assert.match(run.stderr, /nothing was sent/);
    assertNoStack(run);
    assert.equal(await adminNonce(), nonce);

    const longCode = await cli([
      "departments",
      "register",
      "--code",
      "X".repeat(40),
      "--name",
      "名称",
      "--level",
      "district",
      "--officers",
      admin.wallet!.account.address,
      "--threshold",
      "1",
      "--encryption-key",
      key(),
      "--key",
      adminKey,
    ]);
    assert.equal(longCode.code, 7, longCode.stderr);
    assert.match(longCode.stderr, /nothing was sent/);
  });
});
