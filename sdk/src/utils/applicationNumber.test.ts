import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keccak256, toHex, type Hex } from "viem";

import { InvalidParameterError } from "../errors/parameter.ts";
import {
  APPLICATION_NUMBER_HEX_DIGITS,
  applicationNumberOf,
  looksLikeApplicationNumber,
  parseApplicationNumber,
} from "./applicationNumber.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const ids: Hex[] = Array.from({ length: 200 }, (_, i) => keccak256(toHex(`application ${i}`)));

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidParameterError, String(error));
    assert.ok(error.messages.zh.length > 0 && error.messages.en.length > 0);
    return error.messages.en;
  }
  assert.fail("expected an InvalidParameterError");
}

describe("受理号 (application number)", () => {
  it("prints 9 symbols grouped in threes, none of I, L, O, U", () => {
    for (const id of ids)
      assert.match(applicationNumberOf(id), /^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);
    assert.equal(applicationNumberOf(`0x${"0".repeat(64)}`), "000-000-000");
  });

  it("round-trips: the number reads back to the id's leading 40 bits", () => {
    for (const id of ids) {
      const number = applicationNumberOf(id);
      const parsed = parseApplicationNumber(number);
      assert.equal(parsed.number, number);
      assert.equal(parsed.idPrefix, id.slice(0, 2 + APPLICATION_NUMBER_HEX_DIGITS).toLowerCase());
    }
  });

  it("reads what a person types: lower case, spaces, no hyphens, O for 0, I and L for 1", () => {
    const id: Hex = `0x${"01".repeat(32)}`;
    const number = applicationNumberOf(id);
    const typed = number.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    assert.equal(parseApplicationNumber(typed).number, number);
    assert.equal(parseApplicationNumber(number.replace(/-/g, "")).number, number);
  });

  it("the check symbol catches every single mistyped symbol", () => {
    for (const id of ids.slice(0, 20)) {
      const symbols = [...applicationNumberOf(id).replace(/-/g, "")];
      for (let at = 0; at < symbols.length; at += 1) {
        for (const other of ALPHABET) {
          if (other === symbols[at]) continue;
          const typo = symbols.map((s, i) => (i === at ? other : s)).join("");
          assert.match(
            reasonOf(() => parseApplicationNumber(typo)),
            /check symbol/,
            typo,
          );
        }
      }
    }
  });

  it("the check symbol catches two neighbours swapped", () => {
    let swaps = 0;
    for (const id of ids) {
      const symbols = [...applicationNumberOf(id).replace(/-/g, "")];
      for (let at = 0; at + 1 < symbols.length; at += 1) {
        const [a, b] = [symbols[at]!, symbols[at + 1]!];
        if (a === b || (a === "0" && b === "Z") || (a === "Z" && b === "0")) continue;
        const swapped = [...symbols];
        [swapped[at], swapped[at + 1]] = [b, a];
        assert.throws(() => parseApplicationNumber(swapped.join("")), InvalidParameterError, swapped.join(""));
        swaps += 1;
      }
    }
    assert.ok(swaps > 1000);
  });

  it("refuses bad input with a clear reason", () => {
    assert.match(
      reasonOf(() => parseApplicationNumber("7WN-8MK")),
      /9 letters and digits.*got 6/,
    );
    assert.match(
      reasonOf(() => parseApplicationNumber("7WN-8MK-Q4TX")),
      /got 10/,
    );
    assert.match(
      reasonOf(() => parseApplicationNumber("7WN-8MK-Q4U")),
      /symbol 9 \("U"\)/,
    );
    assert.match(
      reasonOf(() => parseApplicationNumber("7WN-8MK-Q4*")),
      /symbol 9/,
    );
    assert.match(
      reasonOf(() => parseApplicationNumber(undefined as unknown as string)),
      /7WN-8MK-Q4T/,
    );
    assert.throws(() => applicationNumberOf("0x1234" as Hex), /0x and 64 hex digits/);
  });

  it("tells a 受理号 from a hex id or a name", () => {
    assert.ok(looksLikeApplicationNumber("7wn 8mk q4t"));
    assert.ok(!looksLikeApplicationNumber(ids[0]!));
    assert.ok(!looksLikeApplicationNumber("营业执照"));
  });
});
