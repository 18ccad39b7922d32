import { getAddress, type Address, type Hex } from "viem";

import { LicenceFormatError } from "../errors/licence.ts";
import { readLicenceSeal, type LicenceSeal } from "./seal.ts";
import { parseJsonText, readBatch, readFields, Reader } from "./validate.ts";

export { HOLDER_FIELD, MAX_FIELD_NAME_BYTES, MAX_LICENCE_FIELDS } from "./validate.ts";

/** `format` tag of a licence file. */
export const LICENCE_FILE_FORMAT = "onewindow.licence";

/** The licence-file version this SDK reads and writes. */
export const LICENCE_FILE_VERSION = 1;

/** One field of a licence: what the holder keeps and the exchange stores; never on chain. */
export type LicenceField = {
  /** Field name, one of the file's `fieldNames`. */
  name: string;
  /** Value as a UTF-8 string (numbers and dates as strings, an address as lowercase 0x hex). */
  value: string;
  /** 32-byte random salt of this field (0x hex). */
  salt: Hex;
  /** `fieldLeafHash(typeId, name, value, salt)`: lets a check name the field that was altered. */
  leaf: Hex;
};

/** Where a licence sits in a batch issue. */
export type LicenceBatchProof = {
  /** Root of the batch tree (StandardMerkleTree `['bytes32']` over licence ids); issued on chain. */
  root: Hex;
  /** Proof of the licence id in that tree. */
  proof: Hex[];
};

/**
 * A licence file (`docs/licence-format.md`), version 1: a licence's fields with their salts, and
 * what is needed to check them against the chain. The licence id is the root of an OpenZeppelin
 * `StandardMerkleTree` over the fields (see `fieldLeafHash`).
 */
export type LicenceFile = {
  /** Always {@link LICENCE_FILE_FORMAT}. */
  format: typeof LICENCE_FILE_FORMAT;
  /** Always {@link LICENCE_FILE_VERSION}. */
  version: typeof LICENCE_FILE_VERSION;
  /** LicenceTypeRegistry type id (uint32, from 1). */
  typeId: number;
  /** Schema version the licence was issued under (uint16, from 1). */
  typeVersion: number;
  /** Root of the field tree: the licence's id on chain (bytes32). */
  licenceId: Hex;
  /** DepartmentRegistry id of the issuing department (uint32, from 1). */
  issuerDepartment: number;
  /** Unix seconds (uint40), if known; the chain's record is authoritative. */
  issuedAt?: number;
  /** Unix seconds (uint40); 0 = never expires. */
  expiresAt: number;
  /** Chain the licence is issued on, if known. */
  chainId?: number;
  /** LicenceRegistry address, if known. */
  registry?: Address;
  /** Field names in schema order: bit i of a field mask is `fieldNames[i]`. Includes `holder`. */
  fieldNames: string[];
  /** Every field, in `fieldNames` order. */
  fields: LicenceField[];
  /** Batch membership, if the licence was issued in a batch. */
  batch?: LicenceBatchProof;
  /** The issuing department's national electronic seal (SM2/SM3, docs/seal.md), if sealed. */
  seal?: LicenceSeal;
};

const LICENCE_KEYS = [
  "format",
  "version",
  "typeId",
  "typeVersion",
  "licenceId",
  "issuerDepartment",
  "expiresAt",
  "fieldNames",
  "fields",
] as const;
const LICENCE_OPTIONAL_KEYS = ["issuedAt", "chainId", "registry", "batch", "seal"] as const;

/**
 * Reads and validates a licence file: the `format` tag, `version === 1`, every key (unknown keys
 * are rejected), integer ranges, hex lengths, field names (unique, one of them `holder`), one
 * field per name, a lowercase-address `holder` value, and the batch proof's shape. Hex is
 * returned lowercase and fields in `fieldNames` order. It checks the shape only: run
 * `checkLicenceFile` to check the hashes.
 *
 * @param json - The parsed JSON, or the JSON text.
 * @returns The licence file, normalised.
 * @throws {LicenceFormatError} naming the JSONPath of the first bad value.
 *
 * @example
 * import { readFile } from "node:fs/promises";
 * import { parseLicenceFile, checkLicenceFile } from "@onewindow/sdk";
 *
 * const file = parseLicenceFile(await readFile("licence.json", "utf8"));
 * const { ok, problems } = checkLicenceFile(file);
 */
export function parseLicenceFile(json: unknown): LicenceFile {
  const read: Reader = new Reader("licence file");
  const root = read.record(parseJsonText(read, json), "$", LICENCE_KEYS, LICENCE_OPTIONAL_KEYS);

  if (root.format !== LICENCE_FILE_FORMAT) read.fail("$.format", `expected "${LICENCE_FILE_FORMAT}"`);
  if (root.version !== LICENCE_FILE_VERSION) {
    read.fail(
      "$.version",
      `unsupported version ${JSON.stringify(root.version)}; this SDK reads version ${LICENCE_FILE_VERSION}`,
    );
  }
  const typeId = read.uint(root.typeId, "$.typeId", 32, 1);
  const typeVersion = read.uint(root.typeVersion, "$.typeVersion", 16, 1);
  const licenceId = read.bytes32(root.licenceId, "$.licenceId", { nonZero: true });
  const issuerDepartment = read.uint(root.issuerDepartment, "$.issuerDepartment", 32, 1);
  const issuedAt = root.issuedAt === undefined ? undefined : read.uint(root.issuedAt, "$.issuedAt", 40);
  const expiresAt = read.uint(root.expiresAt, "$.expiresAt", 40);
  if (issuedAt !== undefined && expiresAt !== 0 && expiresAt <= issuedAt) {
    read.fail("$.expiresAt", "expiry is not after issuedAt");
  }
  const chainId = root.chainId === undefined ? undefined : read.uint(root.chainId, "$.chainId", 53, 1);
  const registry = root.registry === undefined ? undefined : getAddress(read.address(root.registry, "$.registry"));

  const fieldNames = read.fieldNames(root.fieldNames, "$.fieldNames");
  const fields = readFields(read, root.fields, "$.fields", fieldNames, { withLeaf: true }) as LicenceField[];
  if (fields.length !== fieldNames.length) {
    const missing = fieldNames.find((name) => !fields.some((field) => field.name === name));
    read.fail("$.fields", `missing field "${missing}"`);
  }

  const batch = root.batch === undefined ? undefined : readBatch(read, root.batch, "$.batch");
  const seal = root.seal === undefined ? undefined : readLicenceSeal(read, root.seal, "$.seal");

  return {
    format: LICENCE_FILE_FORMAT,
    version: LICENCE_FILE_VERSION,
    typeId,
    typeVersion,
    licenceId,
    issuerDepartment,
    ...(issuedAt === undefined ? {} : { issuedAt }),
    expiresAt,
    ...(chainId === undefined ? {} : { chainId }),
    ...(registry === undefined ? {} : { registry }),
    fieldNames,
    fields,
    ...(batch === undefined ? {} : { batch }),
    ...(seal === undefined ? {} : { seal }),
  };
}

/**
 * Reads a licence file as {@link parseLicenceFile} does, but its seal apart: a malformed seal does
 * not stop the rest of the file being read and verified; its reason (naming the JSONPath) is
 * returned as `malformedSeal` and the file comes back without it. An unsealed file reads as before.
 *
 * @throws {LicenceFormatError} if the file itself, apart from its seal, is not a licence file.
 *
 * @example
 * const { file, malformedSeal } = parseLicenceFileAndSeal(json);
 * const part = checkLicenceSeal(file, { malformed: malformedSeal });
 */
export function parseLicenceFileAndSeal(json: unknown): { file: LicenceFile; malformedSeal?: string } {
  try {
    return { file: parseLicenceFile(json) };
  } catch (error) {
    if (!(error instanceof LicenceFormatError) || !error.path.startsWith("$.seal")) throw error;
    const raw = (typeof json === "string" ? JSON.parse(json) : json) as Record<string, unknown>;
    const { seal: _malformed, ...rest } = raw;
    return { file: parseLicenceFile(rest), malformedSeal: `${error.path}: ${error.reason}` };
  }
}

/**
 * Writes a licence file as JSON: validated first (as {@link parseLicenceFile}), keys in the
 * documented order, 2-space indentation, a final newline. The same file always gives the same text.
 *
 * @param file - The licence file.
 * @returns JSON text.
 * @throws {LicenceFormatError} if the file is not valid.
 *
 * @example
 * import { writeFile } from "node:fs/promises";
 * import { buildLicence, serializeLicenceFile } from "@onewindow/sdk";
 *
 * const { file } = buildLicence(parameters);
 * await writeFile("licence.json", serializeLicenceFile(file));
 */
export function serializeLicenceFile(file: LicenceFile): string {
  // parseLicenceFile builds a fresh object in the documented key order.
  return `${JSON.stringify(parseLicenceFile(file), null, 2)}\n`;
}
