import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { businessLicence, jsonCopy } from "../test/fixtures.ts";
import { attachBatch, buildBatch } from "./batch.ts";
import { buildLicence } from "./build.ts";
import { checkLicenceFile } from "./check.ts";
import type { LicenceFile } from "./format.ts";
import { fieldLeafHash, newSalt } from "./leaf.ts";

/** A built licence file, deep-copied so a test may tamper with it. */
function sampleFile(): LicenceFile {
  return jsonCopy(buildLicence(businessLicence()).file);
}

describe("checkLicenceFile", () => {
  it("passes an intact file", () => {
    assert.deepEqual(checkLicenceFile(sampleFile()), { ok: true, problems: [], alteredFields: [] });
  });

  it("fails a tampered field value and names that field only", () => {
    const file = sampleFile();
    file.fields[3]!.value = "北京市朝阳区建国路1号";
    const { ok, problems, alteredFields } = checkLicenceFile(file);
    assert.equal(ok, false);
    assert.deepEqual(alteredFields, ["registeredAddress"]);
    assert.match(problems[0]!, /^field "registeredAddress": value or salt does not match its leaf$/);
    assert.equal(problems.filter((problem) => problem.startsWith("field ")).length, 1);
    assert.match(problems[1]!, /is not the root of the fields/);
    // No value, old or new, is echoed.
    assert.doesNotMatch(problems.join("\n"), /北京/);
  });

  it("fails a tampered salt and names the field", () => {
    const file = sampleFile();
    file.fields[4]!.salt = newSalt();
    const { ok, problems } = checkLicenceFile(file);
    assert.equal(ok, false);
    assert.match(problems.join("\n"), /field "establishedOn": value or salt does not match its leaf/);
  });

  it("fails a field changed together with its leaf: the root no longer matches", () => {
    const file = sampleFile();
    const field = file.fields[1]!;
    field.value = "另一家公司";
    field.leaf = fieldLeafHash(file.typeId, field.name, field.value, field.salt);
    const { ok, problems } = checkLicenceFile(file);
    assert.equal(ok, false);
    assert.deepEqual(problems, [
      `licenceId ${file.licenceId} is not the root of the fields (${problems[0]!.match(/\((0x[0-9a-f]{64})\)/)![1]})`,
    ]);
  });

  it("fails a file whose licence id or type id was changed", () => {
    const otherId = sampleFile();
    otherId.licenceId = buildLicence(businessLicence()).licenceId;
    assert.equal(checkLicenceFile(otherId).ok, false);

    const otherType = sampleFile();
    otherType.typeId = 2;
    const { ok, problems } = checkLicenceFile(otherType);
    assert.equal(ok, false);
    // Every leaf commits to the type id.
    assert.equal(problems.filter((problem) => problem.startsWith("field ")).length, otherType.fields.length);
  });

  it("reports a malformed file as a problem instead of throwing", () => {
    const file = sampleFile() as unknown as Record<string, unknown>;
    file.version = 2;
    const result = checkLicenceFile(file as unknown as LicenceFile);
    assert.equal(result.ok, false);
    assert.match(result.problems[0]!, /^\$\.version: unsupported version 2/);
  });

  it("checks the batch proof when there is one", () => {
    const built = [buildLicence(businessLicence()), buildLicence(businessLicence())];
    const batch = buildBatch(built.map(({ licenceId }) => licenceId));
    const file = attachBatch(built[0]!.file, batch.root, batch.proofOf(built[0]!.licenceId));
    assert.deepEqual(checkLicenceFile(file), { ok: true, problems: [], alteredFields: [] });

    const tampered = jsonCopy(file);
    tampered.batch!.proof = [built[0]!.licenceId];
    const { ok, problems } = checkLicenceFile(tampered);
    assert.equal(ok, false);
    assert.match(problems[0]!, /^batch: the proof does not put licenceId/);
  });
});
