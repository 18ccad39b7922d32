/**
 * `onewindow licence export` and `licence verify-credential`, run for real against the test chain:
 * an officer exports a licence as an SD-JWT VC and a W3C VC, the holder presents one field, a
 * verifier checks each; a malformed credential ends in a clear message and exit 3, never a stack.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex } from "viem";

import {
  buildLicence,
  issueLicence,
  Level,
  registerDepartment,
  registerLicenceType,
  serializeLicenceFile,
} from "@onewindow/sdk";

import { admin, newAccounts, uniqueCode } from "@onewindow/testkit/test-chain";

import { assertNoStack, cliIn } from "./testing/run.ts";

const work = mkdtempSync(path.join(tmpdir(), "onewindow-cli-vc-"));
const cli = cliIn(work);
const licenceFile = path.join(work, "licence.json");
let officerKey: string;

describe("onewindow licence export / verify-credential", () => {
  before(async () => {
    const [officer, holder] = await newAccounts(2);
    officerKey = officer!.key;
    const { departmentId } = await registerDepartment(admin, {
      code: uniqueCode("CLI-VC"),
      name: "海淀区市场监督管理局",
      level: Level.District,
      encryptionKey: bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true)),
      officers: [officer!.address],
      threshold: 1,
    });
    const fieldNames = ["holder", "name", "creditCode", "registeredAddress"];
    const { typeId } = await registerLicenceType(admin, {
      code: uniqueCode("CLI-VC-BL"),
      name: "营业执照 Business licence",
      level: Level.District,
      defaultValidity: 0,
      fieldNames,
      issuers: [departmentId],
    });
    const { file } = buildLicence({
      typeId,
      typeVersion: 1,
      fieldNames,
      fields: {
        name: "北京示例科技有限公司",
        creditCode: "91110108MA01CLIVC1",
        registeredAddress: "海淀区中关村大街1号",
      },
      holder: holder!.address,
      issuerDepartment: departmentId,
    });
    await issueLicence(officer!.client, { file });
    writeFileSync(licenceFile, serializeLicenceFile(file));
  });

  it("exports both formats, presents one field, and verifies each", async () => {
    for (const format of ["sd-jwt", "vc"]) {
      const out = path.join(work, `licence.${format}`);
      const exported = await cli([
        "licence",
        "export",
        licenceFile,
        "--format",
        format,
        "--out",
        out,
        "--key",
        officerKey,
      ]);
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stdout, /Exported as/);
      const verified = await cli(["licence", "verify-credential", out]);
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /VALID/);
      assert.match(verified.stdout, /creditCode: 91110108MA01CLIVC1/);
    }
    const shown = path.join(work, "shown.sd-jwt");
    const presented = await cli([
      "licence",
      "verify-credential",
      path.join(work, "licence.sd-jwt"),
      "--disclose",
      "name",
      "--out",
      shown,
    ]);
    assert.equal(presented.code, 0, presented.stderr);
    const verified = await cli(["licence", "verify-credential", shown, "--lang", "zh"]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /name: 北京示例科技有限公司/);
    assert.doesNotMatch(verified.stdout, /creditCode/);
    assert.match(verified.stdout, /结论：有效/);
  });

  it("a malformed or altered credential exits 3 naming what is wrong; a missing --format exits 2", async () => {
    const garbage = path.join(work, "garbage.jwt");
    writeFileSync(garbage, "not-a-credential");
    const bad = await cli(["licence", "verify-credential", garbage]);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /expected a compact JWS of 3 dot-separated parts/);
    assertNoStack(bad);

    const [h, p, s] = readFileSync(path.join(work, "licence.vc"), "utf8").trim().split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    payload.credentialSubject.fields.name = "另一家公司";
    writeFileSync(garbage, `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`);
    const altered = await cli(["licence", "verify-credential", garbage, "--lang", "zh"]);
    assert.equal(altered.code, 3);
    assert.match(altered.stderr, /签名|signature/);
    assertNoStack(altered);

    const noFormat = await cli(["licence", "export", licenceFile, "--out", garbage, "--key", officerKey]);
    assert.equal(noFormat.code, 2);
    assert.match(noFormat.stderr, /--format vc/);
  });
});
