/**
 * Input checks shared by the actions: each throws an {@link InvalidParameterError} naming the
 * parameter, before anything is signed or sent. Values are never echoed when they may be personal
 * data (only their kind and length).
 */
import { isAddress, type Address, type Hex } from "viem";

import { InvalidParameterError } from "../errors/parameter.ts";
import { HOLDER_FIELD, MAX_FIELD_NAME_BYTES, MAX_LICENCE_FIELDS } from "../licence/validate.ts";
import { Level } from "../chain/enums.ts";

/** Zero bytes32, the "no batch" root of the registry's calls. */
export const ZERO_BYTES32: Hex = `0x${"00".repeat(32)}`;

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const HEX = /^0x([0-9a-fA-F]{2})*$/;
const utf8 = new TextEncoder();

/** Checks the parameters of one action; every failure is an {@link InvalidParameterError}. */
export class Check {
  constructor(readonly action: string) {}

  /** Throws at `parameter`. */
  fail(parameter: string, reason: string, zh?: string): never {
    throw new InvalidParameterError({ action: this.action, parameter, reason, zh });
  }

  /** An integer from `min` to 2^bits − 1. */
  uint(parameter: string, value: unknown, bits: 8 | 16 | 32 | 40 | 64, min = 0): number {
    const max = 2 ** bits - 1;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
      this.fail(
        parameter,
        `expected an integer from ${min} to ${max}, got ${describe(value)}`,
        `应为 ${min} 到 ${max} 之间的整数`,
      );
    }
    return value;
  }

  /** A bigint from `min` to 2^bits − 1. */
  bigUint(parameter: string, value: unknown, bits: 64 | 128 | 256, min = 0n): bigint {
    const max = (1n << BigInt(bits)) - 1n;
    if (typeof value !== "bigint" || value < min || value > max) {
      this.fail(
        parameter,
        `expected a bigint from ${min} to 2^${bits} - 1`,
        `应为 ${min} 到 2^${bits}-1 之间的 bigint`,
      );
    }
    return value;
  }

  /** A department id (uint32 ≥ 1). */
  departmentId(parameter: string, value: unknown): number {
    return this.uint(parameter, value, 32, 1);
  }

  /** 32 bytes as 0x hex; `nonZero` rejects zero. */
  bytes32(parameter: string, value: unknown, { nonZero = false } = {}): Hex {
    if (typeof value !== "string" || !BYTES32.test(value)) {
      this.fail(
        parameter,
        "expected 32-byte hex (0x + 64 hex digits)",
        "应为 32 字节十六进制（0x 加 64 位十六进制数字）",
      );
    }
    if (nonZero && value.toLowerCase() === ZERO_BYTES32) this.fail(parameter, "must not be zero", "不能为零");
    return value.toLowerCase() as Hex;
  }

  /** Even-length 0x hex. */
  hex(parameter: string, value: unknown): Hex {
    if (typeof value !== "string" || !HEX.test(value))
      this.fail(parameter, "expected 0x hex bytes", "应为 0x 十六进制字节");
    return value as Hex;
  }

  /** A non-zero 20-byte address (any checksum-valid form). */
  address(parameter: string, value: unknown): Address {
    if (typeof value !== "string" || !isAddress(value, { strict: false })) {
      this.fail(
        parameter,
        `expected an address (0x + 40 hex digits), got ${describe(value)}`,
        "应为地址（0x 加 40 位十六进制数字）",
      );
    }
    if (/^0x0{40}$/.test(value)) this.fail(parameter, "must not be the zero address", "不能为零地址");
    return value as Address;
  }

  /** A list of addresses, none repeated, `min` to `max` long. */
  addresses(parameter: string, value: unknown, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}): Address[] {
    if (!Array.isArray(value)) this.fail(parameter, "expected an array of addresses", "应为地址数组");
    if (value.length < min || value.length > max) {
      this.fail(parameter, `expected ${min} to ${max} addresses, got ${value.length}`, `应有 ${min} 到 ${max} 个地址`);
    }
    const seen = new Set<string>();
    return value.map((item: unknown, index) => {
      const address = this.address(`${parameter}[${index}]`, item);
      if (seen.has(address.toLowerCase())) this.fail(`${parameter}[${index}]`, "address repeated", "地址重复");
      seen.add(address.toLowerCase());
      return address;
    });
  }

  /** A non-empty string of at most `maxBytes` UTF-8 bytes; `ascii` demands printable ASCII. */
  text(parameter: string, value: unknown, { maxBytes, ascii = false }: { maxBytes: number; ascii?: boolean }): string {
    if (typeof value !== "string" || value.length === 0)
      this.fail(parameter, "expected a non-empty string", "不能为空");
    if (utf8.encode(value).length > maxBytes) {
      this.fail(parameter, `longer than ${maxBytes} UTF-8 bytes`, `超过 ${maxBytes} 字节`);
    }
    if (ascii && !/^[\x21-\x7e]+$/.test(value)) {
      this.fail(parameter, "expected printable ASCII without spaces", "应为不含空格的可打印 ASCII 字符");
    }
    return value;
  }

  /** A {@link Level} (national, municipal, district). */
  level(parameter: string, value: unknown): Level {
    if (!Object.values(Level).includes(value as Level)) {
      this.fail(
        parameter,
        "expected Level.National (1), Level.Municipal (2) or Level.District (3)",
        "应为国家级、市级或区级",
      );
    }
    return value as Level;
  }

  /** A boolean. */
  boolean(parameter: string, value: unknown): boolean {
    if (typeof value !== "boolean") this.fail(parameter, "expected true or false", "应为 true 或 false");
    return value;
  }

  /**
   * A licence type's field names: 1 to 128, unique, non-empty, at most 128 UTF-8 bytes each, one
   * of them `holder` (the holder's address, which every licence carries).
   */
  fieldNames(parameter: string, value: unknown): string[] {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LICENCE_FIELDS) {
      this.fail(
        parameter,
        `expected 1 to ${MAX_LICENCE_FIELDS} field names`,
        `应有 1 到 ${MAX_LICENCE_FIELDS} 个字段名`,
      );
    }
    const names: string[] = [];
    for (const [index, name] of (value as unknown[]).entries()) {
      const at = `${parameter}[${index}]`;
      this.text(at, name, { maxBytes: MAX_FIELD_NAME_BYTES });
      if (names.includes(name as string)) this.fail(at, `field name "${String(name)}" repeated`, "字段名重复");
      names.push(name as string);
    }
    if (!names.includes(HOLDER_FIELD)) {
      this.fail(
        parameter,
        `no "${HOLDER_FIELD}" field: every licence carries its holder's address in a field named "${HOLDER_FIELD}"`,
        `缺少 "${HOLDER_FIELD}" 字段（持证人地址）`,
      );
    }
    return names;
  }

  /** Department ids: 1 to `max`, each ≥ 1, none repeated. */
  departmentIds(parameter: string, value: unknown, { max = Number.MAX_SAFE_INTEGER } = {}): number[] {
    if (!Array.isArray(value) || value.length === 0 || value.length > max) {
      this.fail(parameter, `expected 1 to ${max} department ids`, `应有 1 到 ${max} 个部门编号`);
    }
    const seen = new Set<number>();
    return (value as unknown[]).map((id, index) => {
      const departmentId = this.departmentId(`${parameter}[${index}]`, id);
      if (seen.has(departmentId)) this.fail(`${parameter}[${index}]`, "department id repeated", "部门编号重复");
      seen.add(departmentId);
      return departmentId;
    });
  }

  /** A Merkle proof: an array of bytes32. */
  proof(parameter: string, value: unknown): Hex[] {
    if (!Array.isArray(value)) this.fail(parameter, "expected an array of 32-byte hex", "应为 32 字节十六进制数组");
    return (value as unknown[]).map((node, index) => this.bytes32(`${parameter}[${index}]`, node));
  }
}

/** A short description of a value that is safe to log. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `a string of ${value.length} characters`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  return typeof value === "undefined" ? "nothing" : `a ${typeof value}`;
}
