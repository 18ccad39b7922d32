/**
 * The 受理号 (application number): the short number a person reads out on the phone or writes on
 * a form instead of a 64-digit hex application id. One home for it: the web, the CLI and the audit
 * lookup ({@link findApplicationsByNumber}) all use these functions.
 *
 * Design (docs/application-number.md): nothing new on chain. An application id is a keccak256 hash,
 * so its leading 40 bits are uniformly spread; they are written as 8 Crockford base32 symbols
 * (no I, L, O, U: nothing to confuse with 1 and 0) plus one check symbol (Luhn mod 32, which catches
 * every single wrong symbol and every swap of two neighbours but 0↔Z), grouped in threes:
 * `0x3f2a…` → `7WN-8MK-Q4T`. Reading accepts lower case, spaces or no hyphens, and O/I/L typed for
 * 0/1/1. Two applications share a number only when their ids share 40 leading bits (a chance of about
 * one in a million among 1,500 applications; about one pair among a million applications): the
 * lookup returns every match and the caller asks which one.
 */
import type { Hex } from "viem";

import { InvalidParameterError } from "../errors/parameter.ts";

/** Crockford's base32 alphabet: digits and letters without I, L, O, U. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Symbols of the number before the check symbol (5 bits each: 40 bits of the id). */
export const APPLICATION_NUMBER_SYMBOLS = 8;
/** Leading hex digits of the application id the number stands for. */
export const APPLICATION_NUMBER_HEX_DIGITS = (APPLICATION_NUMBER_SYMBOLS * 5) / 4;

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** Luhn mod 32 check symbol of the given symbol values. */
function checkValue(values: readonly number[]): number {
  let factor = 2;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i -= 1) {
    const addend = factor * values[i]!;
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return (32 - (sum % 32)) % 32;
}

function fail(reason: string, zh: string): never {
  throw new InvalidParameterError({ action: "applicationNumber", parameter: "applicationNumber", reason, zh });
}

/**
 * The 受理号 of an application id, e.g. `7WN-8MK-Q4T`.
 *
 * @throws {InvalidParameterError} if the id is not 0x and 64 hex digits.
 *
 * @example
 * applicationNumberOf(applicationId); // "7WN-8MK-Q4T"
 */
export function applicationNumberOf(applicationId: Hex): string {
  if (typeof applicationId !== "string" || !BYTES32.test(applicationId)) {
    throw new InvalidParameterError({
      action: "applicationNumberOf",
      parameter: "applicationId",
      reason: "expected an application id: 0x and 64 hex digits",
      zh: "应为申请编号：0x 加 64 位十六进制数字",
    });
  }
  let bits = BigInt(`0x${applicationId.slice(2, 2 + APPLICATION_NUMBER_HEX_DIGITS)}`);
  const values: number[] = [];
  for (let i = 0; i < APPLICATION_NUMBER_SYMBOLS; i += 1) {
    values.unshift(Number(bits & 31n));
    bits >>= 5n;
  }
  values.push(checkValue(values));
  const text = values.map((v) => ALPHABET[v]).join("");
  return `${text.slice(0, 3)}-${text.slice(3, 6)}-${text.slice(6)}`;
}

export type ParsedApplicationNumber = {
  /** The number as printed (`7WN-8MK-Q4T`). */
  number: string;
  /** The leading hex digits of every application id with this number (`0x` + 10 digits, lower case). */
  idPrefix: Hex;
};

/**
 * Reads a 受理号 as a person typed it: case, spaces and hyphens do not matter; O is read as 0 and
 * I or L as 1.
 *
 * @throws {InvalidParameterError} saying what is wrong: a symbol that is not in the alphabet, the
 * wrong length, or a check symbol that does not match (a symbol mistyped or two swapped).
 *
 * @example
 * parseApplicationNumber("7wn 8mk q4t"); // { number: "7WN-8MK-Q4T", idPrefix: "0x3f2a…" }
 */
export function parseApplicationNumber(text: string): ParsedApplicationNumber {
  if (typeof text !== "string") fail("expected text such as 7WN-8MK-Q4T", "应为形如 7WN-8MK-Q4T 的受理号");
  const cleaned = text
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  const wanted = APPLICATION_NUMBER_SYMBOLS + 1;
  if (cleaned.length !== wanted) {
    fail(
      `a 受理号 has ${wanted} letters and digits (such as 7WN-8MK-Q4T), got ${cleaned.length}`,
      `受理号由 ${wanted} 个字母和数字组成（形如 7WN-8MK-Q4T），实际为 ${cleaned.length} 个`,
    );
  }
  const values = [...cleaned].map((symbol, index) => {
    const value = ALPHABET.indexOf(symbol);
    if (value < 0) {
      fail(
        `symbol ${index + 1} (${JSON.stringify(symbol)}) is not used in a 受理号: it has digits and letters except I, L, O, U`,
        `第 ${index + 1} 位（${JSON.stringify(symbol)}）不会出现在受理号中：受理号只含数字和除 I、L、O、U 以外的字母`,
      );
    }
    return value;
  });
  const check = values.pop()!;
  if (checkValue(values) !== check) {
    fail(
      "the check symbol does not match: a letter or digit is mistyped or two are swapped; read the number again",
      "校验位不符：有一位输错或两位颠倒，请核对受理号",
    );
  }
  let bits = 0n;
  for (const v of values) bits = (bits << 5n) | BigInt(v);
  const number = [...values, check].map((v) => ALPHABET[v]).join("");
  return {
    number: `${number.slice(0, 3)}-${number.slice(3, 6)}-${number.slice(6)}`,
    idPrefix: `0x${bits.toString(16).padStart(APPLICATION_NUMBER_HEX_DIGITS, "0")}`,
  };
}

/** Whether the text looks like a 受理号 (9 symbols once hyphens and spaces go), valid or not. */
export function looksLikeApplicationNumber(text: string): boolean {
  return /^[0-9A-Za-z]{9}$/.test(text.replace(/[\s\-–—_.]/g, ""));
}
