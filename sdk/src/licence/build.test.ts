import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { LicenceBatchError, LicenceFieldError, LicenceFormatError } from "../errors/licence.ts";
import { businessLicence, FIELD_NAMES, FIELDS, HOLDER } from "../test/fixtures.ts";
import { buildLicence } from "./build.ts";
import { checkLicenceFile } from "./check.ts";
import { fieldLeafHash, licenceTree } from "./leaf.ts";

/** Asserts that `run` throws a LicenceFieldError about `field` whose message matches `pattern`. */
function assertFieldError(run: () => unknown, field: string | undefined, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof LicenceFieldError, `expected LicenceFieldError, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.match(error.message, pattern);
    return true;
  });
}

describe("buildLicence", () => {
  it("builds a licence file that checks, with the root as licence id", () => {
    const { licenceId, file } = buildLicence(businessLicence());
    assert.equal(file.licenceId, licenceId);
    assert.equal(licenceTree(file.typeId, file.fields).root, licenceId);
    assert.deepEqual(checkLicenceFile(file), { ok: true, problems: [], alteredFields: [] });
  });

  it("writes every field in schema order, the holder as lowercase hex, each with its leaf", () => {
    const { file } = buildLicence(businessLicence());
    assert.deepEqual(file.fieldNames, [...FIELD_NAMES]);
    assert.deepEqual(
      file.fields.map(({ name }) => name),
      [...FIELD_NAMES],
    );
    assert.equal(file.fields[0]!.value, HOLDER.toLowerCase());
    assert.equal(file.fields[1]!.value, FIELDS.name);
    for (const field of file.fields) assert.equal(field.leaf, fieldLeafHash(1, field.name, field.value, field.salt));
    assert.equal(file.format, "onewindow.licence");
    assert.equal(file.version, 1);
    assert.equal(file.issuedAt, 1_735_689_600);
    assert.equal(file.expiresAt, 1_893_456_000);
  });

  it("gives every field a fresh salt, so the same licence built twice has different ids", () => {
    const first = buildLicence(businessLicence());
    const second = buildLicence(businessLicence());
    assert.notEqual(first.licenceId, second.licenceId);
    const salts = [...first.file.fields, ...second.file.fields].map(({ salt }) => salt);
    assert.equal(new Set(salts).size, salts.length);
  });

  it("defaults expiresAt to 0 (never) and leaves out issuedAt when not given", () => {
    const { file } = buildLicence(businessLicence({ issuedAt: undefined, expiresAt: undefined }));
    assert.equal(file.expiresAt, 0);
    assert.equal("issuedAt" in file, false);
  });

  it("errors when the schema has no holder field", () => {
    assertFieldError(
      () => buildLicence(businessLicence({ fieldNames: FIELD_NAMES.filter((name) => name !== "holder") })),
      "holder",
      /no "holder" field/,
    );
  });

  it("errors naming a field that is not in fieldNames", () => {
    assertFieldError(
      () => buildLicence(businessLicence({ fields: { ...FIELDS, nickname: "x" } })),
      "nickname",
      /not in the type's fieldNames/,
    );
  });

  it("errors naming a field of fieldNames that has no value", () => {
    const { establishedOn: _establishedOn, ...fields } = FIELDS;
    assertFieldError(() => buildLicence(businessLicence({ fields })), "establishedOn", /no value given/);
  });

  it("does not take inherited properties for field values", () => {
    const fieldNames = [...FIELD_NAMES, "constructor"];
    assertFieldError(() => buildLicence(businessLicence({ fieldNames })), "constructor", /no value given/);
  });

  it("errors on a bad holder address, or a holder field that differs from it", () => {
    assertFieldError(() => buildLicence(businessLicence({ holder: "0x1234" })), "holder", /not a valid address/);
    assertFieldError(
      () =>
        buildLicence(businessLicence({ fields: { ...FIELDS, holder: "0x0000000000000000000000000000000000000001" } })),
      "holder",
      /differs/,
    );
    // The same address in any case is accepted.
    const { file } = buildLicence(
      businessLicence({ fields: { ...FIELDS, holder: HOLDER.toUpperCase().replace("0X", "0x") } }),
    );
    assert.equal(file.fields[0]!.value, HOLDER.toLowerCase());
  });

  it("errors on repeated or empty field names", () => {
    assertFieldError(() => buildLicence(businessLicence({ fieldNames: [...FIELD_NAMES, "name"] })), "name", /twice/);
    assertFieldError(() => buildLicence(businessLicence({ fieldNames: [] })), undefined, /1 to 128 fields/);
  });

  it("rejects out-of-range numbers with a LicenceFormatError naming the key", () => {
    assert.throws(
      () => buildLicence(businessLicence({ typeId: 0 })),
      (error: unknown) => error instanceof LicenceFormatError && error.path === "$.typeId",
    );
    assert.throws(
      () => buildLicence(businessLicence({ typeVersion: 70_000 })),
      (error: unknown) => error instanceof LicenceFormatError && error.path === "$.typeVersion",
    );
    assert.throws(
      () => buildLicence(businessLicence({ expiresAt: 1_000 })),
      (error: unknown) => error instanceof LicenceFormatError && error.path === "$.expiresAt",
    );
  });

  it("rejects a batch proof that does not hold for the new licence", () => {
    assert.throws(
      () => buildLicence(businessLicence({ batch: { root: `0x${"12".repeat(32)}`, proof: [] } })),
      (error: unknown) => error instanceof LicenceBatchError && /not put licence/.test(error.message),
    );
  });
});
