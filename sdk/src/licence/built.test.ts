import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { buildLicence } from "./build.ts";
import { isUnchangedBuild } from "./built.ts";
import { parseLicenceFile, type LicenceFile } from "./format.ts";

const build = () =>
  buildLicence({
    typeId: 5,
    typeVersion: 1,
    fieldNames: ["holder", "name", "code"],
    fields: { name: "北京示例科技有限公司", code: "91110108MA00000000" },
    holder: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    issuerDepartment: 3,
  }).file;

describe("isUnchangedBuild", () => {
  it("knows a file buildLicence returned", () => {
    assert.equal(isUnchangedBuild(build()), true);
  });

  it("does not trust it once anything in it changed", () => {
    const value = build();
    value.fields[1]!.value = "另一家公司";
    assert.equal(isUnchangedBuild(value), false);
    const salt = build();
    salt.fields[2]!.salt = build().fields[2]!.salt;
    assert.equal(isUnchangedBuild(salt), false);
    const expiry = build();
    expiry.expiresAt = -1;
    assert.equal(isUnchangedBuild(expiry), false);
  });

  it("does not trust it once a key was added or removed, or a value became something JSON cannot hold", () => {
    const batch = build();
    batch.batch = { root: batch.licenceId, proof: [] };
    assert.equal(isUnchangedBuild(batch), false);
    const removed = build() as Partial<LicenceFile>;
    delete removed.registry;
    delete removed.expiresAt;
    assert.equal(isUnchangedBuild(removed), false);
    const text = build();
    (text as unknown as { expiresAt: string }).expiresAt = "0";
    assert.equal(isUnchangedBuild(text), false);
    const big = build();
    (big as unknown as { typeId: bigint }).typeId = 5n;
    assert.equal(isUnchangedBuild(big), false);
    const notANumber = build();
    notANumber.expiresAt = Number.NaN;
    assert.equal(isUnchangedBuild(notANumber), false);
    const extra = build();
    extra.fields[0] = { ...extra.fields[0]!, note: "x" } as (typeof extra.fields)[0];
    assert.equal(isUnchangedBuild(extra), false);
  });

  it("does not trust copies or anything else", () => {
    const file = build();
    assert.equal(isUnchangedBuild(parseLicenceFile(JSON.parse(JSON.stringify(file)))), false);
    assert.equal(isUnchangedBuild({ ...file }), false);
    assert.equal(isUnchangedBuild(undefined), false);
    assert.equal(isUnchangedBuild("file"), false);
  });
});
