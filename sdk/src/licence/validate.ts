/**
 * Shape checks shared by the licence-file and disclosure parsers. Internal: not re-exported.
 * Each check throws a {@link LicenceFormatError} naming the JSONPath of the bad value; a value
 * marked `secret` (a field value or salt) is never echoed into the message.
 */
import { type Address, type Hex } from "viem";

import { LicenceFormatError, type LicenceDocumentKind } from "../errors/licence.ts";

/** Most fields a licence type may have: a field mask is a uint128 (LicenceTypeRegistry.MAX_FIELDS). */
export const MAX_LICENCE_FIELDS = 128;

/** Longest field name, in UTF-8 bytes (LicenceTypeRegistry.MAX_NAME_LENGTH). */
export const MAX_FIELD_NAME_BYTES = 128;

/** Name of the field that carries the holder's address. */
export const HOLDER_FIELD = "holder";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const ZERO_BYTES32 = `0x${"0".repeat(64)}`;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const LOWERCASE_ADDRESS = /^0x[0-9a-f]{40}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = new TextEncoder();
const FIELD_KEYS = ["name", "value", "salt", "leaf"] as const;
const BATCH_KEYS = ["root", "proof"] as const;

/** Reads one document, throwing errors that name where in it the bad value is. */
export class Reader {
  constructor(readonly document: LicenceDocumentKind) {}

  /** Throws a {@link LicenceFormatError} at `path`. */
  fail(path: string, reason: string, cause?: unknown): never {
    throw new LicenceFormatError({ document: this.document, path, reason, cause });
  }

  /** A plain object with exactly the `required` keys and any of the `optional` ones. */
  record(
    value: unknown,
    path: string,
    required: readonly string[],
    optional: readonly string[] = [],
  ): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail(`${path}.${key}`, "unknown key");
    }
    for (const key of required) {
      if (!Object.hasOwn(record, key) || record[key] === undefined) this.fail(`${path}.${key}`, "missing");
    }
    return record;
  }

  /** An array. */
  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${describe(value)}`);
    return value as unknown[]; // ponder's types make Array.isArray narrow to a readonly array
  }

  /** A string of well-formed UTF-16 (so that its UTF-8 bytes are what was meant). */
  string(value: unknown, path: string, { secret = false, nonEmpty = false } = {}): string {
    if (typeof value !== "string") this.fail(path, `expected a string, got ${describe(value, secret)}`);
    if (LONE_SURROGATE.test(value)) this.fail(path, "string is not well-formed Unicode (lone surrogate)");
    if (nonEmpty && value.length === 0) this.fail(path, "expected a non-empty string");
    return value;
  }

  /** A field name: non-empty, at most {@link MAX_FIELD_NAME_BYTES} UTF-8 bytes. */
  fieldName(value: unknown, path: string): string {
    const name = this.string(value, path, { nonEmpty: true });
    if (utf8.encode(name).length > MAX_FIELD_NAME_BYTES) {
      this.fail(path, `field name longer than ${MAX_FIELD_NAME_BYTES} UTF-8 bytes`);
    }
    return name;
  }

  /** An unsigned integer of `bits` bits, at least `min`, given as a JSON number. */
  uint(value: unknown, path: string, bits: 16 | 32 | 40 | 53, min = 0): number {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      this.fail(path, `expected an integer, got ${describe(value)}`);
    }
    const max = bits === 53 ? Number.MAX_SAFE_INTEGER : 2 ** bits - 1;
    if (value < min || value > max)
      this.fail(path, `expected an integer from ${min} to ${max} (uint${bits === 53 ? "" : bits}), got ${value}`);
    return value;
  }

  /** 32 bytes as 0x hex (either case); returned lowercase. */
  bytes32(value: unknown, path: string, { secret = false, nonZero = false } = {}): Hex {
    if (typeof value !== "string" || !BYTES32.test(value)) {
      this.fail(path, `expected 32-byte hex (0x + 64 hex digits), got ${describe(value, secret)}`);
    }
    const hex = value.toLowerCase() as Hex;
    if (nonZero && hex === ZERO_BYTES32) this.fail(path, "must not be zero");
    return hex;
  }

  /** A 20-byte address as 0x hex; `lowercase` demands the canonical lowercase form. */
  address(value: unknown, path: string, { secret = false, lowercase = false } = {}): Address {
    if (typeof value !== "string" || !ADDRESS.test(value)) {
      this.fail(path, `expected a 20-byte address (0x + 40 hex digits), got ${describe(value, secret)}`);
    }
    if (lowercase && !LOWERCASE_ADDRESS.test(value)) this.fail(path, "an address field value must be lowercase hex");
    return value as Address;
  }

  /** A boolean. */
  boolean(value: unknown, path: string): boolean {
    if (typeof value !== "boolean") this.fail(path, `expected a boolean, got ${describe(value)}`);
    return value;
  }

  /** Field names of a schema: 1..{@link MAX_LICENCE_FIELDS} unique names, one of them `holder`. */
  fieldNames(value: unknown, path: string, { requireHolder = true } = {}): string[] {
    const list = this.array(value, path);
    if (list.length === 0 || list.length > MAX_LICENCE_FIELDS) {
      this.fail(path, `expected 1 to ${MAX_LICENCE_FIELDS} field names, got ${list.length}`);
    }
    const names: string[] = [];
    for (const [index, item] of list.entries()) {
      const name = this.fieldName(item, `${path}[${index}]`);
      if (names.includes(name)) this.fail(`${path}[${index}]`, `field name "${name}" repeated`);
      names.push(name);
    }
    if (requireHolder && !names.includes(HOLDER_FIELD)) this.fail(path, `no "${HOLDER_FIELD}" field`);
    return names;
  }
}

/** A short description of a received value for an error message; secrets are never shown. */
export function describe(value: unknown, secret = false): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (secret) return typeof value === "string" ? `a string of ${value.length} characters` : `a ${typeof value}`;
  switch (typeof value) {
    case "string":
      return value.length > 80 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case "number":
    case "boolean":
      return String(value);
    case "undefined":
      return "nothing";
    default:
      return `a ${typeof value}`;
  }
}

/** Parses `json` if it is JSON text; otherwise returns it as is. */
export function parseJsonText(read: Reader, json: unknown): unknown {
  if (typeof json !== "string") return json;
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    return read.fail("$", "not valid JSON", error);
  }
}

/** A field as read: a licence file's has a leaf, a disclosure's not. */
export type ReadField = { name: string; value: string; salt: Hex; leaf?: Hex };

/**
 * Reads a `fields` array: each `{name, value, salt[, leaf]}` with a name from `fieldNames`, no
 * name twice, the `holder` value a lowercase address. Returned in `fieldNames` order.
 */
export function readFields(
  read: Reader,
  value: unknown,
  path: string,
  fieldNames: readonly string[],
  { withLeaf }: { withLeaf: boolean },
): ReadField[] {
  const list = read.array(value, path);
  const byName = new Map<string, ReadField>();
  for (const [index, item] of list.entries()) {
    const at = `${path}[${index}]`;
    const record = read.record(item, at, withLeaf ? FIELD_KEYS : FIELD_KEYS.filter((key) => key !== "leaf"));
    const name = read.fieldName(record.name, `${at}.name`);
    if (!fieldNames.includes(name)) read.fail(`${at}.name`, `field "${name}" is not in fieldNames`);
    if (byName.has(name)) read.fail(`${at}.name`, `field "${name}" repeated`);
    const fieldValue = read.string(record.value, `${at}.value`, { secret: true });
    if (name === HOLDER_FIELD) read.address(fieldValue, `${at}.value`, { secret: true, lowercase: true });
    const salt = read.bytes32(record.salt, `${at}.salt`, { secret: true, nonZero: true });
    const leaf = withLeaf ? read.bytes32(record.leaf, `${at}.leaf`) : undefined;
    byName.set(name, { name, value: fieldValue, salt, ...(leaf === undefined ? {} : { leaf }) });
  }
  return fieldNames.flatMap((name) => {
    const field = byName.get(name);
    return field === undefined ? [] : [field];
  });
}

/** Reads a `batch` object: a batch proof (`LicenceBatchProof` of format.ts, which imports this file). */
export function readBatch(read: Reader, value: unknown, path: string): { root: Hex; proof: Hex[] } {
  const record = read.record(value, path, BATCH_KEYS);
  const root = read.bytes32(record.root, `${path}.root`, { nonZero: true });
  const proof = read
    .array(record.proof, `${path}.proof`)
    .map((node, index) => read.bytes32(node, `${path}.proof[${index}]`));
  return { root, proof };
}
