/**
 * The `onewindow` binary, run for real (node cli/bin/onewindow.js) against the test chain: the happy
 * path from registering a department to a decided application, and the user mistakes a clerk or
 * an officer makes (bad file, wrong key, unknown licence), which must end in a clear message and a
 * meaningful exit code, never a stack trace.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, parseEther, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import {
  applicationNumberOf,
  buildLicence,
  inOrder,
  Level,
  newSm2PrivateKey,
  registerDepartment,
  registerMatter,
  serializeLicenceFile,
  sm2PublicKeyOf,
} from "@onewindow/sdk";

import { admin, devKey, newAccount, uniqueCode } from "@onewindow/testkit/test-chain";

import { assertNoStack, cliIn, runCli, type Run } from "./testing/run.ts";

const work = mkdtempSync(path.join(tmpdir(), "onewindow-cli-"));
const cli = cliIn(work);
const PASSWORD = "测试密码-correct horse";

const json = <T>(run: Run): T => {
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};

const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));
const adminKey = devKey(0);
const deptCode = uniqueCode("CLI");
const typeCode = uniqueCode("CLI-LIC");
let officerKeystore: string;
let officer: Address;
let applicant: Awaited<ReturnType<typeof newAccount>>;
let typeId: number;
let departmentId: number;

describe("onewindow CLI", () => {
  before(async () => {
    applicant = await newAccount();
    officerKeystore = path.join(work, "officer.json");
    const created = json<{ address: Address }>(
      await cli(["account", "new", "--out", officerKeystore, "--json"], { ONEWINDOW_KEYSTORE_PASSWORD: PASSWORD }),
    );
    officer = created.address;
    const hash = await inOrder(admin, async (nonce) =>
      admin.wallet!.sendTransaction({ to: officer, value: parseEther("5"), nonce: await nonce() }),
    );
    await admin.public.waitForTransactionReceipt({ hash, pollingInterval: admin.pollingInterval });
  });

  it("registers a department and a licence type with the registrar's key", async () => {
    const department = json<{ departmentId: number }>(
      await cli([
        "departments",
        "register",
        "--code",
        deptCode,
        "--name",
        "海淀区测试局",
        "--level",
        "district",
        "--officers",
        officer,
        "--threshold",
        "1",
        "--encryption-key",
        encryptionKey,
        "--key",
        adminKey,
        "--json",
      ]),
    );
    departmentId = department.departmentId;
    const shown = json<{ code: string; officers: string[] }>(await cli(["departments", "show", deptCode, "--json"]));
    assert.equal(shown.code, deptCode);
    assert.deepEqual(shown.officers, [officer]);

    const type = json<{ typeId: number }>(
      await cli([
        "licence-types",
        "register",
        "--code",
        typeCode,
        "--name",
        "测试许可证",
        "--level",
        "district",
        "--fields",
        "holder,name,address",
        "--issuers",
        deptCode,
        "--key",
        adminKey,
        "--json",
      ]),
    );
    typeId = type.typeId;
    const list = await cli(["licence-types", "list"]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, new RegExp(typeCode));
  });

  it("issues from a JSON file of fields with an encrypted keystore and verifies the licence file", async () => {
    const fields = path.join(work, "fields.json");
    writeFileSync(
      fields,
      JSON.stringify({ holder: applicant.address, name: "北京示例文化有限公司", address: "海淀区中关村大街1号" }),
    );
    const licenceFile = path.join(work, "licence.json");
    const issued = await cli(
      ["issue", "--type", typeCode, "--fields", fields, "--out", licenceFile, "--keystore", officerKeystore],
      { ONEWINDOW_KEYSTORE_PASSWORD: PASSWORD },
    );
    assert.equal(issued.code, 0, issued.stderr);
    assert.match(issued.stdout, /Issued licence 0x[0-9a-f]{64}/);

    const verified = await cli(["verify", licenceFile]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /✔ integrity/);
    assert.match(verified.stdout, /✔ status/);
    assert.match(verified.stdout, /✔ issuer/);
    assert.match(verified.stdout, /– national seal \(SM2\/SM3, no seal\): the file carries no seal/);
    assert.match(verified.stdout, /VALID/);

    const zh = await cli(["verify", licenceFile, "--lang", "zh"]);
    assert.match(zh.stdout, /结论：有效/);

    // The clerk records the check as evidence; the audit trail shows issue and verification.
    const recorded = await cli(
      ["verify", licenceFile, "--record", "--purpose", "窗口核验", "--keystore", officerKeystore],
      {
        ONEWINDOW_KEYSTORE_PASSWORD: PASSWORD,
      },
    );
    assert.equal(recorded.code, 0, recorded.stderr);
    const licenceId = (JSON.parse(readFileSync(licenceFile, "utf8")) as { licenceId: Hex }).licenceId;
    const trail = json<{ event: string }[]>(await cli(["audit", "--licence", licenceId, "--json"]));
    const events = trail.map((e) => e.event);
    assert.ok(events.includes("LicenceIssued"), events.join());
    assert.ok(events.includes("LicenceVerified"), events.join());
  });

  it("a write from an account with no funds exits 8, saying the account, its balance and what is needed", async () => {
    const brokeKey = generatePrivateKey();
    const broke = privateKeyToAccount(brokeKey).address;
    await registerDepartment(admin, {
      code: uniqueCode("CLI-BROKE"),
      name: "无余额测试部门",
      level: Level.District,
      encryptionKey,
      officers: [broke],
      threshold: 1,
    });
    const licenceFile = path.join(work, "licence.json");
    const run = await cli(["verify", licenceFile, "--record", "--key", brokeKey]);
    assert.equal(run.code, 8, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^error: The account ${broke} has 0 ETH, but the transaction needs [0-9.]+ ETH`),
    );
    assert.match(run.stderr, /Fund the account/);
    assertNoStack(run);
    const zh = await cli(["verify", licenceFile, "--record", "--key", brokeKey, "--lang", "zh"]);
    assert.equal(zh.code, 8);
    assert.match(zh.stderr, new RegExp(`账户 ${broke} 余额不足`));
    const asJson = await cli(["verify", licenceFile, "--record", "--key", brokeKey, "--json"]);
    assert.equal(asJson.code, 8);
    const body = JSON.parse(asJson.stderr) as { error: { code: string; exitCode: number } };
    assert.equal(body.error.code, "INSUFFICIENT_FUNDS");
    assert.equal(body.error.exitCode, 8);
  });

  it("a licence file tampered in one field fails integrity and exits 1", async () => {
    const licenceFile = path.join(work, "licence.json");
    const file = JSON.parse(readFileSync(licenceFile, "utf8")) as { fields: { name: string; value: string }[] };
    file.fields.find((f) => f.name === "address")!.value = "朝阳区建国路1号";
    const tampered = path.join(work, "tampered.json");
    writeFileSync(tampered, JSON.stringify(file));
    const run = await cli(["verify", tampered]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /✘ integrity/);
    assert.match(run.stdout, /NOT VALID/);
  });

  it("issues with --seal-key a sealed file that verifies its seal; a malformed seal is named and exits 1", async () => {
    const sealKey = newSm2PrivateKey();
    // A bad key is named before anything is sent; the history is unchanged.
    const bad = await cli([
      "departments",
      "seal-key",
      deptCode,
      "--seal-public-key",
      `0x04${"11".repeat(64)}`,
      "--key",
      adminKey,
    ]);
    assert.notEqual(bad.code, 0);
    assertNoStack(bad);
    assert.match(bad.stderr, /--seal-public-key is not a point of the SM2 curve/);
    const both = await cli(["departments", "seal-key", deptCode, "--key", adminKey]);
    assert.equal(both.code, 2);
    assert.deepEqual(json<unknown[]>(await cli(["departments", "seal-keys", deptCode, "--json"])), []);
    // Registered from the CLI (the registrar's key), then rotated: the history has both.
    const first = json<{ index: number }>(
      await cli(["departments", "seal-key", deptCode, "--seal-key", newSm2PrivateKey(), "--key", adminKey, "--json"]),
    );
    assert.equal(first.index, 0);
    const rotated = await cli([
      "departments",
      "seal-key",
      deptCode,
      "--seal-public-key",
      sm2PublicKeyOf(sealKey),
      "--key",
      adminKey,
    ]);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /Registered seal key #1 of 海淀区测试局/);
    const history = json<{ index: number; publicKey: string }[]>(
      await cli(["departments", "seal-keys", deptCode, "--json"]),
    );
    assert.deepEqual(
      history.map((k) => [k.index, k.publicKey]),
      [
        [0, history[0]!.publicKey],
        [1, sm2PublicKeyOf(sealKey)],
      ],
    );
    const fields = path.join(work, "fields-sealed.json");
    writeFileSync(fields, JSON.stringify({ holder: applicant.address, name: "北京盖章有限公司", address: "海淀区" }));
    const sealedFile = path.join(work, "sealed.json");
    const issued = await cli(
      [
        "issue",
        "--type",
        typeCode,
        "--fields",
        fields,
        "--out",
        sealedFile,
        "--seal-key",
        sealKey,
        "--keystore",
        officerKeystore,
      ],
      { ONEWINDOW_KEYSTORE_PASSWORD: PASSWORD },
    );
    assert.equal(issued.code, 0, issued.stderr);
    const verified = await cli(["verify", sealedFile]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /✔ national seal \(SM2\/SM3, valid\): key #1, registered at issue time/);
    const zh = await cli(["verify", sealedFile, "--lang", "zh"]);
    assert.match(zh.stdout, /✔ 电子印章（SM2\/SM3，有效）：签发时登记的公钥 #1/);

    const file = JSON.parse(readFileSync(sealedFile, "utf8")) as { seal: { signature: string } };
    file.seal.signature = "0x1234";
    const broken = path.join(work, "broken-seal.json");
    writeFileSync(broken, JSON.stringify(file));
    const run = await cli(["verify", broken]);
    assert.equal(run.code, 1);
    assertNoStack(run);
    assert.match(run.stdout, /✔ integrity/);
    assert.match(
      run.stdout,
      /✘ national seal \(SM2\/SM3, malformed\): the seal is malformed: \$\.seal\.signature: expected 64 bytes/,
    );
  });

  it("an unknown (never issued) licence fails status and exits 1", async () => {
    const { file } = buildLicence({
      typeId,
      typeVersion: 1,
      fieldNames: ["holder", "name", "address"],
      fields: { name: "伪造公司", address: "海淀区" },
      holder: applicant.address,
      issuerDepartment: departmentId,
    });
    const forged = path.join(work, "forged.json");
    writeFileSync(forged, serializeLicenceFile(file));
    const run = await cli(["verify", forged, "--json"]);
    assert.equal(run.code, 1);
    const verdict = JSON.parse(run.stdout) as { valid: boolean; integrity: { ok: boolean }; status: { ok: boolean } };
    assert.equal(verdict.valid, false);
    assert.equal(verdict.integrity.ok, true);
    assert.equal(verdict.status.ok, false);
  });

  it("a bad file exits 3 with a clear message", async () => {
    const missing = await cli(["verify", path.join(work, "nope.json")]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /cannot be read/);
    assertNoStack(missing);

    const garbage = path.join(work, "garbage.json");
    writeFileSync(garbage, "{ not json");
    const notJson = await cli(["verify", garbage]);
    assert.equal(notJson.code, 3);
    assert.match(notJson.stderr, /not valid JSON/);
    assertNoStack(notJson);

    writeFileSync(garbage, JSON.stringify({ format: "onewindow.licence", version: 99 }));
    const wrongFormat = await cli(["verify", garbage, "--lang", "zh"]);
    assert.equal(wrongFormat.code, 3);
    assert.match(wrongFormat.stderr, /错误/);
    assertNoStack(wrongFormat);

    const fields = path.join(work, "bad-fields.json");
    writeFileSync(fields, JSON.stringify([{ holder: applicant.address, name: 42 }]));
    const badFields = await cli(["issue", "--type", typeCode, "--fields", fields, "--key", adminKey]);
    assert.equal(badFields.code, 3);
    assert.match(badFields.stderr, /must be a string/);
  });

  it("a wrong key exits 4 (refused by the contract) or 6 (keystore), with a clear message", async () => {
    const fields = path.join(work, "fields.json");
    const stranger = await newAccount();
    const before = await admin.public.getTransactionCount({ address: stranger.address });
    const run = await cli(["issue", "--type", typeCode, "--fields", fields, "--key", stranger.key]);
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /^error: Account 0x[0-9a-fA-F]{40} is not an officer/);
    assertNoStack(run);
    assert.equal(await admin.public.getTransactionCount({ address: stranger.address }), before);

    const wrongPassword = await cli(["account", "address", "--keystore", officerKeystore], {
      ONEWINDOW_KEYSTORE_PASSWORD: "wrong password",
    });
    assert.equal(wrongPassword.code, 6);
    assert.match(wrongPassword.stderr, /Wrong keystore password/);

    const noKey = await cli(["issue", "--type", typeCode, "--fields", fields]);
    assert.equal(noKey.code, 6);
    assert.match(noKey.stderr, /--keystore/);
  });

  it("usage mistakes exit 2; an unreachable node exits 5", async () => {
    const unknown = await cli(["frobnicate"]);
    assert.equal(unknown.code, 2);
    const badOption = await cli(["verify", "x.json", "--no-such-option"]);
    assert.equal(badOption.code, 2);
    assertNoStack(badOption);
    const help = await cli(["help", "issue"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /onewindow issue --type/);

    const down = await runCli(["departments", "list", "--rpc", "http://127.0.0.1:1"], work);
    assert.equal(down.code, 5, down.stderr);
    assert.match(down.stderr, /Cannot reach the chain node/);
  });

  it("issues a batch with a progress line and one file per licence", async () => {
    const fields = path.join(work, "batch.json");
    writeFileSync(
      fields,
      JSON.stringify(
        Array.from({ length: 5 }, (_, i) => ({ holder: applicant.address, name: `企业${i}`, address: `海淀区${i}号` })),
      ),
    );
    const outDir = path.join(work, "batch");
    const run = await cli(
      ["issue", "--type", typeCode, "--fields", fields, "--out-dir", outDir, "--keystore", officerKeystore],
      { ONEWINDOW_KEYSTORE_PASSWORD: PASSWORD },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /issue: 5\/5/);
    const files = readdirSync(outDir);
    assert.equal(files.length, 5);
    const verified = await cli(["verify", path.join(outDir, files[0]!)]);
    assert.equal(verified.code, 0, verified.stdout);
  });

  it("applies, decides and shows the status of an application", async () => {
    const { matterId } = await registerMatter(admin, {
      code: uniqueCode("CLI-MATTER"),
      name: "测试事项",
      steps: [{ departmentId, timeLimit: 5 }],
      materials: [{ kind: "licence", licenceTypeId: typeId, name: "测试许可证" }],
    });
    const applied = json<{ applicationId: Hex; activatedSteps: number[] }>(
      await cli([
        "apply",
        "--matter",
        String(matterId),
        "--licences",
        path.join(work, "licence.json"),
        "--key",
        applicant.key,
        "--json",
      ]),
    );
    assert.deepEqual(applied.activatedSteps, [0]);

    const before = await cli(["status", applied.applicationId]);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /under review/);
    // The 受理号 a person reads out, beside the id.
    assert.ok(before.stdout.includes(`application no. ${applicationNumberOf(applied.applicationId)}`), before.stdout);

    const stranger = await newAccount();
    const refused = await cli(["decide", applied.applicationId, "--step", "0", "--approve", "--key", stranger.key]);
    assert.equal(refused.code, 4);
    assertNoStack(refused);

    const decided = await cli(
      ["decide", applied.applicationId, "--step", "0", "--approve", "--keystore", officerKeystore],
      {
        ONEWINDOW_KEYSTORE_PASSWORD: PASSWORD,
      },
    );
    assert.equal(decided.code, 0, decided.stderr);
    assert.match(decided.stdout, /Step 0 decided/);
    const after = json<{ application: { status: number } }>(await cli(["status", applied.applicationId, "--json"]));
    assert.equal(after.application.status, 3); // Completed
  });
});
