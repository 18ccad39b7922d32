import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keccak256, toHex } from "viem";

import { CONSENT_TYPE, CONSENT_TYPES } from "../actions/consents/internal/typedData.ts";
import { InvalidParameterError } from "../errors/parameter.ts";
import { Check } from "./input.ts";

const check = new Check("test");

/** The parameter an {@link InvalidParameterError} names. */
function parameterOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidParameterError);
    assert.equal(error.code, "INVALID_PARAMETER");
    assert.ok(error.messages.zh.includes(error.parameter) && error.messages.en.includes(error.parameter));
    return error.parameter;
  }
  assert.fail("expected an InvalidParameterError");
}

describe("Check", () => {
  it("accepts good values", () => {
    assert.equal(check.uint("n", 5, 16), 5);
    assert.deepEqual(check.fieldNames("f", ["holder", "name"]), ["holder", "name"]);
    assert.equal(check.bytes32("b", `0x${"AB".repeat(32)}`), `0x${"ab".repeat(32)}`);
  });

  it("names the bad parameter", () => {
    assert.equal(
      parameterOf(() => check.uint("n", 2 ** 16, 16)),
      "n",
    );
    assert.equal(
      parameterOf(() => check.fieldNames("f", [])),
      "f",
    );
    assert.equal(
      parameterOf(() => check.fieldNames("f", ["holder", "a", "a"])),
      "f[2]",
    );
    assert.equal(
      parameterOf(() => check.address("a", "0x12")),
      "a",
    );
    assert.equal(
      parameterOf(() => check.addresses("o", [`0x${"11".repeat(20)}`, `0x${"11".repeat(20)}`])),
      "o[1]",
    );
    assert.equal(
      parameterOf(() => check.bytes32("b", `0x${"00".repeat(32)}`, { nonZero: true })),
      "b",
    );
    assert.equal(
      parameterOf(() => check.departmentIds("i", [1, 1])),
      "i[1]",
    );
  });

  it("never echoes a string value into the message", () => {
    const error = (() => {
      try {
        check.address("holder", "110101199003077777");
      } catch (e) {
        return e as InvalidParameterError;
      }
      return undefined;
    })();
    assert.ok(error);
    assert.ok(!error.message.includes("110101199003077777"));
  });
});

describe("consent typed data", () => {
  it("CONSENT_TYPES encode to the contract's type string", () => {
    const encoded = `Consent(${CONSENT_TYPES.Consent.map((f) => `${f.type} ${f.name}`).join(",")})`;
    assert.equal(encoded, CONSENT_TYPE);
    assert.match(keccak256(toHex(CONSENT_TYPE)), /^0x[0-9a-f]{64}$/);
  });
});
