import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { LicenceFormatError } from "../errors/licence.ts";
import { businessLicence, jsonCopy } from "../test/fixtures.ts";
import { attachBatch, buildBatch } from "./batch.ts";
import { buildLicence } from "./build.ts";
import { parseLicenceFile, serializeLicenceFile, type LicenceFile } from "./format.ts";

/** A freshly built licence file as plain JSON (what a reader gets from disk). */
function sampleJson(): Record<string, unknown> & { fields: Record<string, unknown>[] } {
  const { file } = buildLicence(
    businessLicence({ chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }),
  );
  return jsonCopy(file) as unknown as Record<string, unknown> & { fields: Record<string, unknown>[] };
}

/** Asserts that parsing `json` throws a LicenceFormatError at `path` with a reason matching `reason`. */
function assertRejects(json: unknown, path: string, reason: RegExp): LicenceFormatError {
  let caught: unknown;
  try {
    parseLicenceFile(json);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof LicenceFormatError, `expected LicenceFormatError at ${path}, got ${String(caught)}`);
  assert.equal(caught.path, path);
  assert.match(caught.reason, reason);
  assert.match(caught.message, new RegExp(`^Invalid licence file at ${path.replace(/[$.[\]]/g, "\\$&")}: `));
  assert.equal(caught.code, "LICENCE_FORMAT_INVALID");
  return caught;
}

describe("parseLicenceFile / serializeLicenceFile", () => {
  it("round-trips: parse(serialize(file)) equals the file, and serialize(parse(text)) is the text", () => {
    const { file } = buildLicence(
      businessLicence({ chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }),
    );
    const text = serializeLicenceFile(file);
    assert.deepEqual(parseLicenceFile(text), file);
    assert.deepEqual(parseLicenceFile(JSON.parse(text)), file);
    assert.equal(serializeLicenceFile(parseLicenceFile(text)), text);
  });

  it("round-trips a file with a batch proof", () => {
    const built = [buildLicence(businessLicence()), buildLicence(businessLicence()), buildLicence(businessLicence())];
    const batch = buildBatch(built.map(({ licenceId }) => licenceId));
    const file = attachBatch(built[1]!.file, batch.root, batch.proofOf(built[1]!.licenceId));
    assert.deepEqual(parseLicenceFile(serializeLicenceFile(file)), file);
  });

  it("writes keys in the documented order with 2-space indentation and a final newline", () => {
    const { file } = buildLicence(
      businessLicence({ chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }),
    );
    // Same content, keys in another order.
    const shuffled = Object.fromEntries(Object.entries(jsonCopy(file)).reverse()) as unknown as LicenceFile;
    const text = serializeLicenceFile(shuffled);
    assert.equal(text, serializeLicenceFile(file));
    assert.deepEqual(Object.keys(JSON.parse(text)), [
      "format",
      "version",
      "typeId",
      "typeVersion",
      "licenceId",
      "issuerDepartment",
      "issuedAt",
      "expiresAt",
      "chainId",
      "registry",
      "fieldNames",
      "fields",
    ]);
    assert.deepEqual(Object.keys(JSON.parse(text).fields[0]), ["name", "value", "salt", "leaf"]);
    assert.ok(text.startsWith('{\n  "format": "onewindow.licence",\n  "version": 1,\n'));
    assert.ok(text.endsWith("}\n"));
  });

  it("normalises hex to lowercase, the registry to its checksum, and fields to schema order", () => {
    const json = sampleJson();
    json.licenceId = (json.licenceId as string).toUpperCase().replace("0X", "0x");
    json.registry = (json.registry as string).toLowerCase();
    json.fields.reverse();
    const file = parseLicenceFile(json);
    assert.match(file.licenceId, /^0x[0-9a-f]{64}$/);
    assert.equal(file.registry, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    assert.deepEqual(
      file.fields.map(({ name }) => name),
      file.fieldNames,
    );
  });

  describe("rejects with a LicenceFormatError naming the path", () => {
    it("a wrong version", () => {
      const json = sampleJson();
      json.version = 2;
      assertRejects(json, "$.version", /unsupported version 2; this SDK reads version 1/);
      json.version = "1";
      assertRejects(json, "$.version", /unsupported version "1"/);
    });

    it("a wrong format tag", () => {
      const json = sampleJson();
      json.format = "onewindow.disclosure";
      assertRejects(json, "$.format", /expected "onewindow.licence"/);
    });

    it("bad hex: a short salt, a non-hex licence id, a zero salt, a bad leaf, a bad batch proof node", () => {
      const shortSalt = sampleJson();
      shortSalt.fields[2]!.salt = "0x1234";
      assertRejects(shortSalt, "$.fields[2].salt", /expected 32-byte hex/);

      const badId = sampleJson();
      badId.licenceId = `0x${"zz".repeat(32)}`;
      assertRejects(badId, "$.licenceId", /expected 32-byte hex/);

      const noPrefix = sampleJson();
      noPrefix.licenceId = "ab".repeat(32);
      assertRejects(noPrefix, "$.licenceId", /expected 32-byte hex/);

      const zeroSalt = sampleJson();
      zeroSalt.fields[1]!.salt = `0x${"00".repeat(32)}`;
      assertRejects(zeroSalt, "$.fields[1].salt", /must not be zero/);

      const badLeaf = sampleJson();
      badLeaf.fields[0]!.leaf = `0x${"ab".repeat(31)}`;
      assertRejects(badLeaf, "$.fields[0].leaf", /expected 32-byte hex/);

      const badBatch = sampleJson();
      badBatch.batch = { root: `0x${"11".repeat(32)}`, proof: [`0x${"22".repeat(32)}`, "0x22"] };
      assertRejects(badBatch, "$.batch.proof[1]", /expected 32-byte hex/);
    });

    it("never echoes a salt or a field value in the message", () => {
      const json = sampleJson();
      json.fields[2]!.salt = "0xsecretsalt";
      const error = assertRejects(json, "$.fields[2].salt", /a string of 12 characters/);
      assert.doesNotMatch(error.message, /secretsalt/);

      const numeric = sampleJson();
      numeric.fields[2]!.value = 110101199003;
      const valueError = assertRejects(numeric, "$.fields[2].value", /expected a string, got a number/);
      assert.doesNotMatch(valueError.message, /110101/);
    });

    it("a missing field", () => {
      const json = sampleJson();
      json.fields.splice(3, 1);
      assertRejects(json, "$.fields", /missing field "registeredAddress"/);
    });

    it("a field that is not in fieldNames, or repeated", () => {
      const extra = sampleJson();
      extra.fields[4]!.name = "nickname";
      assertRejects(extra, "$.fields[4].name", /field "nickname" is not in fieldNames/);

      const repeated = sampleJson();
      repeated.fields[4] = { ...repeated.fields[1]! };
      assertRejects(repeated, "$.fields[4].name", /field "name" repeated/);
    });

    it("an unknown key, at the top or in a field or batch", () => {
      const top = sampleJson();
      top.comment = "hello";
      assertRejects(top, "$.comment", /unknown key/);

      const inField = sampleJson();
      inField.fields[1]!.hint = "x";
      assertRejects(inField, "$.fields[1].hint", /unknown key/);

      const inBatch = sampleJson();
      inBatch.batch = { root: `0x${"11".repeat(32)}`, proof: [], index: 3 };
      assertRejects(inBatch, "$.batch.index", /unknown key/);
    });

    it("a missing key", () => {
      const json = sampleJson();
      delete json.expiresAt;
      assertRejects(json, "$.expiresAt", /missing/);

      const noSalt = sampleJson();
      delete noSalt.fields[0]!.salt;
      assertRejects(noSalt, "$.fields[0].salt", /missing/);
    });

    it("numbers out of range or of the wrong type", () => {
      const cases: [string, unknown, RegExp][] = [
        ["typeId", 0, /from 1 to 4294967295/],
        ["typeId", 2 ** 32, /from 1 to 4294967295/],
        ["typeVersion", 65_536, /uint16/],
        ["issuerDepartment", 1.5, /expected an integer/],
        ["expiresAt", -1, /uint40/],
        ["expiresAt", "0", /expected an integer, got "0"/],
        ["issuedAt", 2 ** 40, /uint40/],
        ["chainId", 0, /from 1/],
      ];
      for (const [key, value, reason] of cases) {
        const json = sampleJson();
        json[key] = value;
        assertRejects(json, `$.${key}`, reason);
      }
    });

    it("an expiry not after the issue time", () => {
      const json = sampleJson();
      json.expiresAt = json.issuedAt;
      assertRejects(json, "$.expiresAt", /not after issuedAt/);
    });

    it("field names: none, repeated, empty, too long, or no holder", () => {
      const cases: [unknown, string, RegExp][] = [
        [[], "$.fieldNames", /1 to 128 field names/],
        [["holder", "name", "name"], "$.fieldNames[2]", /repeated/],
        [["holder", ""], "$.fieldNames[1]", /non-empty/],
        [["holder", "字".repeat(43)], "$.fieldNames[1]", /longer than 128 UTF-8 bytes/],
        [["name", "creditCode"], "$.fieldNames", /no "holder" field/],
        ["holder", "$.fieldNames", /expected an array/],
      ];
      for (const [fieldNames, path, reason] of cases) {
        const json = sampleJson();
        json.fieldNames = fieldNames;
        assertRejects(json, path, reason);
      }
    });

    it("a holder value that is not a lowercase address", () => {
      const json = sampleJson();
      json.fields[0]!.value = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
      assertRejects(json, "$.fields[0].value", /lowercase/);
      json.fields[0]!.value = "alice";
      assertRejects(json, "$.fields[0].value", /20-byte address/);
    });

    it("a value that is not well-formed Unicode", () => {
      const json = sampleJson();
      json.fields[1]!.value = "abc\uD800";
      assertRejects(json, "$.fields[1].value", /lone surrogate/);
    });

    it("text that is not JSON, and JSON that is not an object", () => {
      const error = assertRejects("{ not json", "$", /not valid JSON/);
      assert.ok(error.cause instanceof SyntaxError);
      assertRejects("[]", "$", /expected an object, got an array/);
      assertRejects(null, "$", /expected an object, got null/);
    });
  });
});
