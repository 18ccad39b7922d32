import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import { LicenceFieldError, LicenceFormatError, LicenceIntegrityError } from "../errors/licence.ts";
import { businessLicence, FIELD_NAMES, FIELDS, jsonCopy } from "../test/fixtures.ts";
import { attachBatch, buildBatch } from "./batch.ts";
import { buildLicence } from "./build.ts";
import { checkDisclosure } from "./check.ts";
import { discloseFields, fieldMaskOf, fieldNamesOfMask } from "./disclose.ts";
import { parseDisclosure, serializeDisclosure, type Disclosure } from "./disclosure-format.ts";
import { FIELD_LEAF_ENCODING, fieldLeafHash, newSalt, type FieldLeafValue } from "./leaf.ts";
import { sortLeafHashes } from "./merkle.ts";

describe("fieldMaskOf / fieldNamesOfMask", () => {
  it("sets bit i for fieldNames[i]", () => {
    assert.equal(fieldMaskOf(FIELD_NAMES, ["name", "registeredAddress"]), 0b1010n);
    assert.equal(fieldMaskOf(FIELD_NAMES, ["holder"]), 1n);
    assert.equal(fieldMaskOf(FIELD_NAMES, [...FIELD_NAMES]), 0b111111n);
    assert.equal(fieldMaskOf(FIELD_NAMES, []), 0n);
    const many = Array.from({ length: 128 }, (_, index) => `f${index}`);
    assert.equal(fieldMaskOf(many, ["f127"]), 1n << 127n);
  });

  it("inverts", () => {
    assert.deepEqual(fieldNamesOfMask(FIELD_NAMES, 0b101010n), ["name", "registeredAddress", "legalRepresentative"]);
    assert.throws(() => fieldNamesOfMask(FIELD_NAMES, 1n << 6n), LicenceFieldError);
  });

  it("errors naming an unknown or repeated field", () => {
    assert.throws(
      () => fieldMaskOf(FIELD_NAMES, ["nickname"]),
      (error: unknown) => error instanceof LicenceFieldError && error.field === "nickname",
    );
    assert.throws(
      () => fieldMaskOf(FIELD_NAMES, ["name", "name"]),
      (error: unknown) => error instanceof LicenceFieldError && error.field === "name",
    );
  });
});

describe("discloseFields", () => {
  it("discloses 2 of 6 fields with a multiproof that verifies", () => {
    const { file } = buildLicence(businessLicence());
    const disclosure = discloseFields(file, ["registeredAddress", "name"]);
    assert.equal(disclosure.format, "onewindow.disclosure");
    assert.equal(disclosure.version, 1);
    assert.equal(disclosure.licenceId, file.licenceId);
    assert.equal(disclosure.fieldMask, "10");
    assert.deepEqual(
      disclosure.fields.map(({ name }) => name),
      ["name", "registeredAddress"],
    );
    assert.deepEqual(checkDisclosure(disclosure), { ok: true, problems: [], alteredFields: [] });
    assert.deepEqual(checkDisclosure(disclosure, { fieldNames: FIELD_NAMES }), {
      ok: true,
      problems: [],
      alteredFields: [],
    });

    // OpenZeppelin's own verifier agrees (leaves given as values, in the disclosure's leaf order).
    const byLeaf = new Map(
      disclosure.fields.map((field) => [fieldLeafHash(file.typeId, field.name, field.value, field.salt), field]),
    );
    const leaves = disclosure.leaves.map((leaf): FieldLeafValue => {
      const field = byLeaf.get(leaf)!;
      return [file.typeId, field.name, field.value, field.salt];
    });
    assert.ok(
      StandardMerkleTree.verifyMultiProof(file.licenceId, [...FIELD_LEAF_ENCODING], {
        leaves,
        proof: disclosure.proof,
        proofFlags: disclosure.proofFlags,
      }),
    );
  });

  it("reveals only the chosen fields: no other value or salt is in the JSON", () => {
    const { file } = buildLicence(businessLicence());
    const text = serializeDisclosure(discloseFields(file, ["name", "registeredAddress"]));
    assert.ok(text.includes(FIELDS.name));
    assert.ok(text.includes(FIELDS.registeredAddress));
    for (const field of file.fields) {
      if (field.name === "name" || field.name === "registeredAddress") continue;
      assert.ok(!text.includes(field.value), `value of ${field.name} leaked`);
      assert.ok(!text.includes(field.salt.slice(2)), `salt of ${field.name} leaked`);
      assert.ok(!text.includes(`"${field.name}"`), `name of ${field.name} leaked`);
    }
  });

  it("lists leaves in multiproof order: ascending as uint256", () => {
    const { file } = buildLicence(businessLicence());
    for (const names of [
      ["holder", "legalRepresentative"],
      ["creditCode", "establishedOn", "name"],
      [...FIELD_NAMES],
    ]) {
      const disclosure = discloseFields(file, names);
      assert.deepEqual(disclosure.leaves, sortLeafHashes(disclosure.leaves));
      assert.equal(checkDisclosure(disclosure).ok, true);
    }
  });

  it("fails a wrong leaf", () => {
    const { file } = buildLicence(businessLicence());
    const disclosure = jsonCopy(discloseFields(file, ["name", "creditCode"]));
    disclosure.leaves[0] = fieldLeafHash(file.typeId, "name", "假公司", newSalt());
    const { ok, problems } = checkDisclosure(disclosure);
    assert.equal(ok, false);
    assert.ok(
      problems.some((problem) =>
        /^field "(name|creditCode)": value or salt does not match any disclosed leaf$/.test(problem),
      ),
    );
    assert.ok(problems.some((problem) => /^leaves\[0\] 0x[0-9a-f]{64} belongs to no disclosed field$/.test(problem)));
    assert.ok(problems.some((problem) => /field proof does not lead to licenceId/.test(problem)));
  });

  it("fails a tampered disclosed value or salt and names the field", () => {
    const { file } = buildLicence(businessLicence());
    const value = jsonCopy(discloseFields(file, ["name", "registeredAddress"]));
    const original = fieldLeafHash(file.typeId, "registeredAddress", FIELDS.registeredAddress, value.fields[1]!.salt);
    value.fields[1]!.value = "北京市朝阳区建国路1号";
    assert.deepEqual(checkDisclosure(value), {
      ok: false,
      problems: [
        'field "registeredAddress": value or salt does not match any disclosed leaf',
        `leaves[${value.leaves.indexOf(original)}] ${original} belongs to no disclosed field`,
      ],
      alteredFields: ["registeredAddress"],
    });

    const salt = jsonCopy(discloseFields(file, ["name", "registeredAddress"]));
    salt.fields[0]!.salt = newSalt();
    assert.match(checkDisclosure(salt).problems[0]!, /^field "name"/);
  });

  it("fails a proof against another licence, and a changed proof or flag", () => {
    const { file } = buildLicence(businessLicence());
    const other = buildLicence(businessLicence());
    const swapped = { ...discloseFields(file, ["name", "holder"]), licenceId: other.licenceId };
    assert.match(checkDisclosure(swapped).problems.join("\n"), /field proof does not lead to licenceId/);

    const badProof = jsonCopy(discloseFields(file, ["name", "holder"]));
    badProof.proof[0] = other.file.fields[2]!.leaf;
    assert.equal(checkDisclosure(badProof).ok, false);

    const badFlags = jsonCopy(discloseFields(file, ["name", "holder"]));
    badFlags.proofFlags = badFlags.proofFlags.map((flag) => !flag);
    assert.equal(checkDisclosure(badFlags).ok, false);
  });

  it("checks the field mask against the schema when given", () => {
    const { file } = buildLicence(businessLicence());
    const disclosure = { ...discloseFields(file, ["name", "creditCode"]), fieldMask: String(0b1001n) };
    assert.equal(checkDisclosure(disclosure).ok, true);
    const { ok, problems } = checkDisclosure(disclosure, { fieldNames: FIELD_NAMES });
    assert.equal(ok, false);
    assert.deepEqual(problems, ["fieldMask 9 does not select the disclosed fields (expected 6)"]);
  });

  it("discloses every field, and a single field", () => {
    const { file } = buildLicence(businessLicence());
    const all = discloseFields(file, [...FIELD_NAMES]);
    assert.deepEqual(all.proof, []);
    assert.equal(checkDisclosure(all).ok, true);
    const one = discloseFields(file, ["holder"]);
    assert.equal(one.fieldMask, "1");
    assert.equal(checkDisclosure(one).ok, true);
  });

  it("carries and checks the batch proof", () => {
    const built = [buildLicence(businessLicence()), buildLicence(businessLicence()), buildLicence(businessLicence())];
    const batch = buildBatch(built.map(({ licenceId }) => licenceId));
    const file = attachBatch(built[2]!.file, batch.root, batch.proofOf(built[2]!.licenceId));
    const disclosure = discloseFields(file, ["name"]);
    assert.deepEqual(disclosure.batch, file.batch);
    assert.equal(checkDisclosure(disclosure).ok, true);
    const wrong = { ...disclosure, batch: { root: batch.root, proof: batch.proofOf(built[0]!.licenceId) } };
    assert.match(checkDisclosure(wrong).problems.join("\n"), /^batch: the proof does not put licenceId/m);
  });

  it("errors on no field, an unknown field, or a tampered file", () => {
    const { file } = buildLicence(businessLicence());
    assert.throws(() => discloseFields(file, []), LicenceFieldError);
    assert.throws(
      () => discloseFields(file, ["nickname"]),
      (error: unknown) => error instanceof LicenceFieldError && error.field === "nickname",
    );
    const tampered = jsonCopy(file);
    tampered.fields[5]!.value = "李四";
    assert.throws(
      () => discloseFields(tampered, ["name"]),
      (error: unknown) => error instanceof LicenceIntegrityError && /legalRepresentative/.test(error.problems.join()),
    );
  });
});

describe("parseDisclosure / serializeDisclosure", () => {
  it("round-trips", () => {
    const { file } = buildLicence(
      businessLicence({ chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }),
    );
    const disclosure = discloseFields(file, ["name", "holder"]);
    const text = serializeDisclosure(disclosure);
    assert.deepEqual(parseDisclosure(text), disclosure);
    assert.equal(serializeDisclosure(parseDisclosure(text)), text);
  });

  it("rejects bad disclosures with a LicenceFormatError naming the path", () => {
    const { file } = buildLicence(businessLicence());
    const base = (): Record<string, unknown> & Disclosure =>
      jsonCopy(discloseFields(file, ["name", "creditCode"])) as Record<string, unknown> & Disclosure;
    const cases: [(d: Record<string, unknown> & Disclosure) => void, string, RegExp][] = [
      [(d) => void (d.version = 2 as 1), "$.version", /unsupported version 2/],
      [(d) => void (d.extra = true), "$.extra", /unknown key/],
      [(d) => void (d.fieldMask = "0x6"), "$.fieldMask", /decimal string/],
      [(d) => void (d.fieldMask = "2"), "$.fieldMask", /1 bits set for 2 disclosed fields/],
      [(d) => void (d.fieldMask = (1n << 128n).toString()), "$.fieldMask", /non-zero uint128/],
      [(d) => void (d.leaves[1] = "0x12"), "$.leaves[1]", /32-byte hex/],
      [(d) => void d.leaves.pop(), "$.leaves", /one leaf per field/],
      [(d) => void d.proofFlags.push(true), "$.proofFlags", /must be proofFlags/],
      [(d) => void (d.fields[1] = { ...d.fields[0]! }), "$.fields[1].name", /repeated/],
      [
        (d) => void ((d.fields[0] as unknown as Record<string, unknown>).leaf = d.leaves[0]),
        "$.fields[0].leaf",
        /unknown key/,
      ],
      [(d) => void (d.fields = []), "$.fields", /no field disclosed/],
    ];
    for (const [mutate, path, reason] of cases) {
      const disclosure = base();
      mutate(disclosure);
      assert.throws(
        () => parseDisclosure(disclosure),
        (error: unknown) =>
          error instanceof LicenceFormatError &&
          error.document === "disclosure" &&
          error.path === path &&
          reason.test(error.reason),
        `expected a LicenceFormatError at ${path}`,
      );
      assert.equal(checkDisclosure(disclosure).ok, false);
    }
  });
});
