import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { OneWindowError } from "./base.ts";
import { LicenceFieldError, LicenceFormatError } from "./licence.ts";

describe("OneWindowError", () => {
  it("builds its message from shortMessage, meta lines and details", () => {
    const error = new OneWindowError("Something failed.", {
      code: "TEST_FAILED",
      messages: { zh: "出错了。", en: "Something failed." },
      metaMessages: ["- first", "- second"],
      details: "more detail",
    });
    assert.equal(error.message, "Something failed.\n- first\n- second\nDetails: more detail");
    assert.equal(error.shortMessage, "Something failed.");
    assert.equal(error.details, "more detail");
    assert.equal(error.code, "TEST_FAILED");
    assert.deepEqual(error.messages, { zh: "出错了。", en: "Something failed." });
    assert.equal(error.name, "OneWindowError");
  });

  it("keeps its cause and walks the cause chain", () => {
    const root = new SyntaxError("Unexpected token");
    const format = new LicenceFormatError({
      document: "licence file",
      path: "$",
      reason: "not valid JSON",
      cause: root,
    });
    const outer = new OneWindowError("Could not load.", {
      code: "LOAD_FAILED",
      messages: { zh: "无法加载。", en: "Could not load." },
      cause: format,
    });
    assert.equal(outer.cause, format);
    assert.equal(outer.walk(), root);
    assert.equal(
      outer.walk((e) => e instanceof LicenceFormatError),
      format,
    );
    assert.equal(
      outer.walk((e) => e instanceof RangeError),
      undefined,
    );
  });

  it("is the base of the licence errors, with codes and zh/en texts", () => {
    const format = new LicenceFormatError({
      document: "disclosure",
      path: "$.leaves[0]",
      reason: "expected 32-byte hex",
    });
    assert.ok(format instanceof OneWindowError);
    assert.ok(format instanceof Error);
    assert.equal(format.name, "LicenceFormatError");
    assert.equal(format.code, "LICENCE_FORMAT_INVALID");
    assert.equal(format.message, "Invalid disclosure at $.leaves[0]: expected 32-byte hex.");
    assert.match(format.messages.zh, /\$\.leaves\[0\]/);
    assert.match(format.messages.en, /\$\.leaves\[0\]/);

    const field = new LicenceFieldError({ field: "holder", reason: "no value given" });
    assert.equal(field.field, "holder");
    assert.equal(field.code, "LICENCE_FIELD_INVALID");
    assert.match(field.message, /"holder"/);
    assert.match(field.messages.zh, /holder/);
  });
});
