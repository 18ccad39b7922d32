import { getAddress, type Address, type Hex } from "viem";

import type { LicenceBatchProof } from "./format.ts";
import { readLicenceSeal, type LicenceSeal } from "./seal.ts";
import { MAX_LICENCE_FIELDS, parseJsonText, readBatch, readFields, Reader } from "./validate.ts";

/** `format` tag of a disclosure. */
export const DISCLOSURE_FORMAT = "onewindow.disclosure";

/** The disclosure version this SDK reads and writes. */
export type DisclosureVersion = 1;
/** The disclosure version this SDK reads and writes. */
export const DISCLOSURE_VERSION: DisclosureVersion = 1;

/** A disclosed field: its value and salt, from which the verifier recomputes its leaf. */
export type DisclosedField = {
  /** Field name. */
  name: string;
  /** Field value. */
  value: string;
  /** The field's salt. */
  salt: Hex;
};

/**
 * Some fields of a licence with an OpenZeppelin multiproof that they are in it
 * (`docs/licence-format.md`). The licence id binds the fields (and, through the leaves, the type
 * id); `typeVersion`, `issuerDepartment`, `expiresAt`, `chainId` and `registry` are copied from
 * the licence file for convenience and must be read from the chain's record to be trusted.
 */
export type Disclosure = {
  /** Always {@link DISCLOSURE_FORMAT}. */
  format: typeof DISCLOSURE_FORMAT;
  /** Always {@link DISCLOSURE_VERSION}. */
  version: DisclosureVersion;
  /** LicenceTypeRegistry type id (in every leaf). */
  typeId: number;
  /** Schema version (as the licence file says). */
  typeVersion: number;
  /** The licence id (root of the field tree). */
  licenceId: Hex;
  /** Issuing department (as the licence file says). */
  issuerDepartment: number;
  /** Unix seconds, 0 = never (as the licence file says). */
  expiresAt: number;
  /** Chain, if the licence file names one. */
  chainId?: number;
  /** LicenceRegistry, if the licence file names one. */
  registry?: Address;
  /** Batch membership, if the licence was issued in a batch. */
  batch?: LicenceBatchProof;
  /** Bit i set for `fieldNames[i]` of the type version, as a decimal string (a uint128). */
  fieldMask: string;
  /** The disclosed fields only, in schema order. */
  fields: DisclosedField[];
  /** Their leaf hashes in multiproof order (ascending as uint256). */
  leaves: Hex[];
  /** Multiproof hashes. */
  proof: Hex[];
  /** Multiproof flags. */
  proofFlags: boolean[];
  /**
   * The licence's national seal (docs/seal.md), as its file carries it. It signs the licence id
   * (the root of every field) and the licence's metadata, so it checks a disclosure too.
   */
  seal?: LicenceSeal;
};

const DISCLOSURE_KEYS = [
  "format",
  "version",
  "typeId",
  "typeVersion",
  "licenceId",
  "issuerDepartment",
  "expiresAt",
  "fieldMask",
  "fields",
  "leaves",
  "proof",
  "proofFlags",
] as const;
const DISCLOSURE_OPTIONAL_KEYS = ["chainId", "registry", "batch", "seal"] as const;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Reads and validates a disclosure's shape: format tag, `version === 1`, every key (unknown keys
 * rejected), ranges, hex lengths, a non-zero uint128 `fieldMask` with one bit per disclosed field,
 * one leaf per field, and multiproof lengths that fit (`leaves + proof = flags + 1`). Hex is
 * returned lowercase. Run `checkDisclosure` to check the hashes.
 *
 * @param json - The parsed JSON, or the JSON text.
 * @throws {LicenceFormatError} naming the JSONPath of the first bad value.
 *
 * @example
 * import { checkDisclosure, parseDisclosure } from "@onewindow/sdk";
 *
 * const disclosure = parseDisclosure(await response.text());
 * const { ok, problems } = checkDisclosure(disclosure);
 */
export function parseDisclosure(json: unknown): Disclosure {
  const read: Reader = new Reader("disclosure");
  const root = read.record(parseJsonText(read, json), "$", DISCLOSURE_KEYS, DISCLOSURE_OPTIONAL_KEYS);

  if (root.format !== DISCLOSURE_FORMAT) read.fail("$.format", `expected "${DISCLOSURE_FORMAT}"`);
  if (root.version !== DISCLOSURE_VERSION) {
    read.fail(
      "$.version",
      `unsupported version ${JSON.stringify(root.version)}; this SDK reads version ${DISCLOSURE_VERSION}`,
    );
  }
  const typeId = read.uint(root.typeId, "$.typeId", 32, 1);
  const typeVersion = read.uint(root.typeVersion, "$.typeVersion", 16, 1);
  const licenceId = read.bytes32(root.licenceId, "$.licenceId", { nonZero: true });
  const issuerDepartment = read.uint(root.issuerDepartment, "$.issuerDepartment", 32, 1);
  const expiresAt = read.uint(root.expiresAt, "$.expiresAt", 40);
  const chainId = root.chainId === undefined ? undefined : read.uint(root.chainId, "$.chainId", 53, 1);
  const registry = root.registry === undefined ? undefined : getAddress(read.address(root.registry, "$.registry"));
  const batch = root.batch === undefined ? undefined : readBatch(read, root.batch, "$.batch");
  const seal = root.seal === undefined ? undefined : readLicenceSeal(read, root.seal, "$.seal");

  if (typeof root.fieldMask !== "string" || !DECIMAL.test(root.fieldMask)) {
    read.fail("$.fieldMask", "expected a decimal string");
  }
  const mask = BigInt(root.fieldMask);
  if (mask === 0n || mask >= 1n << BigInt(MAX_LICENCE_FIELDS)) read.fail("$.fieldMask", "expected a non-zero uint128");

  // The disclosure does not carry the schema: take the names as they come, in their order.
  const listed = read.array(root.fields, "$.fields");
  const names = listed.map((item, index) =>
    read.fieldName(read.record(item, `$.fields[${index}]`, ["name", "value", "salt"]).name, `$.fields[${index}].name`),
  );
  const fields = readFields(read, listed, "$.fields", names, { withLeaf: false }).map(({ name, value, salt }) => ({
    name,
    value,
    salt,
  }));
  if (fields.length === 0) read.fail("$.fields", "no field disclosed");
  if (popCount(mask) !== fields.length) {
    read.fail("$.fieldMask", `has ${popCount(mask)} bits set for ${fields.length} disclosed fields`);
  }

  const leaves = read.array(root.leaves, "$.leaves").map((leaf, index) => read.bytes32(leaf, `$.leaves[${index}]`));
  if (leaves.length !== fields.length)
    read.fail("$.leaves", `expected one leaf per field (${fields.length}), got ${leaves.length}`);
  const proof = read.array(root.proof, "$.proof").map((node, index) => read.bytes32(node, `$.proof[${index}]`));
  const proofFlags = read
    .array(root.proofFlags, "$.proofFlags")
    .map((flag, index) => read.boolean(flag, `$.proofFlags[${index}]`));
  if (leaves.length + proof.length !== proofFlags.length + 1) {
    read.fail(
      "$.proofFlags",
      `leaves (${leaves.length}) + proof (${proof.length}) must be proofFlags (${proofFlags.length}) + 1`,
    );
  }

  return {
    format: DISCLOSURE_FORMAT,
    version: DISCLOSURE_VERSION,
    typeId,
    typeVersion,
    licenceId,
    issuerDepartment,
    expiresAt,
    ...(chainId === undefined ? {} : { chainId }),
    ...(registry === undefined ? {} : { registry }),
    ...(batch === undefined ? {} : { batch }),
    fieldMask: mask.toString(),
    fields,
    leaves,
    proof,
    proofFlags,
    ...(seal === undefined ? {} : { seal }),
  };
}

/**
 * Writes a disclosure as JSON: validated first (as {@link parseDisclosure}), keys in the
 * documented order, 2-space indentation, a final newline.
 *
 * @throws {LicenceFormatError} if the disclosure is not valid.
 *
 * @example
 * const body = serializeDisclosure(discloseFields(file, ["name", "registeredAddress"]));
 */
export function serializeDisclosure(disclosure: Disclosure): string {
  return `${JSON.stringify(parseDisclosure(disclosure), null, 2)}\n`;
}

/** Number of bits set. */
function popCount(mask: bigint): number {
  let count = 0;
  for (let rest = mask; rest > 0n; rest >>= 1n) count += Number(rest & 1n);
  return count;
}
