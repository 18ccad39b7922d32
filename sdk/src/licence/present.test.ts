import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { LicenceIntegrityError } from "../errors/licence.ts";
import { businessLicence, HOLDER, jsonCopy } from "../test/fixtures.ts";
import { attachBatch, buildBatch } from "./batch.ts";
import { buildLicence } from "./build.ts";
import { fieldLeafHash, licenceTree } from "./leaf.ts";
import { processProof } from "./merkle.ts";
import { heldLicence } from "./present.ts";

describe("heldLicence", () => {
  it("proves the holder field against the licence id and reveals only the holder's salt", () => {
    const { file } = buildLicence(businessLicence());
    const held = heldLicence(file);
    const holder = file.fields.find((f) => f.name === "holder")!;
    assert.equal(held.holderSalt, holder.salt);
    const leaf = fieldLeafHash(file.typeId, "holder", HOLDER.toLowerCase(), held.holderSalt);
    assert.equal(processProof(leaf, held.holderProof), file.licenceId);
    assert.equal(held.batchRoot, `0x${"00".repeat(32)}`);
    assert.deepEqual(held.batchProof, []);
    const json = JSON.stringify(held);
    for (const f of file.fields.filter((f) => f.name !== "holder")) {
      assert.ok(!json.includes(f.value), `${f.name} value leaked`);
      assert.ok(!json.includes(f.salt.slice(2)), `${f.name} salt leaked`);
    }
  });

  it("gives the holder proof OpenZeppelin's StandardMerkleTree gives, however many fields", () => {
    for (const extra of [0, 1, 2, 5, 12]) {
      const fields = Array.from({ length: extra }, (_, i) => `field${i}`);
      const { file } = buildLicence({
        typeId: 7,
        typeVersion: 1,
        fieldNames: [...fields.slice(0, extra >> 1), "holder", ...fields.slice(extra >> 1)],
        fields: Object.fromEntries(fields.map((name) => [name, `value of ${name}`])),
        holder: HOLDER,
        issuerDepartment: 1,
      });
      const index = file.fieldNames.indexOf("holder");
      const independent = licenceTree(file.typeId, file.fields);
      assert.equal(independent.root, file.licenceId);
      assert.deepEqual(heldLicence(file).holderProof, independent.getProof(index), `${extra} other fields`);
    }
  });

  it("carries the batch proof of a batch member", () => {
    const a = buildLicence(businessLicence());
    const b = buildLicence(businessLicence());
    const batch = buildBatch([a.licenceId, b.licenceId]);
    const held = heldLicence(attachBatch(a.file, batch.root, batch.proofOf(a.licenceId)));
    assert.equal(held.batchRoot, batch.root);
    assert.deepEqual(held.batchProof, batch.proofOf(a.licenceId));
  });

  it("refuses a tampered file", () => {
    const { file } = buildLicence(businessLicence());
    const tampered = jsonCopy(file);
    tampered.fields[1]!.value = "tampered";
    assert.throws(() => heldLicence(tampered), LicenceIntegrityError);
  });
});
