import { encodePacked, hexToBytes, zeroAddress, type Hex } from "viem";

import { parseSm2PrivateKey, parseSm2PublicKey, sm2PublicKeyOf, sm2Sign, sm2Verify } from "../crypto/sm2.ts";
import { SealError } from "../errors/seal.ts";
import { checkLicenceFile } from "./check.ts";
import type { LicenceFile } from "./format.ts";
import { ZERO_BYTES32 } from "../utils/input.ts";
import type { Reader } from "./validate.ts";

/** `algorithm` of a licence seal: an SM2 signature (GB/T 32918.2) with SM3 (GB/T 32905). */
export const SEAL_ALGORITHM = "SM2-SM3";

/** Domain tag at the start of every seal payload: the format and its version. */
export const SEAL_DOMAIN = "onewindow.licence.seal.v1";

/**
 * The national electronic seal of a licence file (docs/seal.md): the issuing department's SM2
 * signature (signer ID {@link SM2_DEFAULT_USER_ID}) over {@link sealPayload}, made with the seal key
 * the department registered on chain (`DepartmentRegistry.sealKeys`).
 */
export type LicenceSeal = {
  /** Always {@link SEAL_ALGORITHM}. */
  algorithm: typeof SEAL_ALGORITHM;
  /** Number of the key in the department's seal-key history on chain (from 0). */
  keyIndex: number;
  /** The SM2 public key that made the seal: 65 bytes, 0x04 ‖ x ‖ y. */
  publicKey: Hex;
  /** SM2 signature: 64 bytes, r ‖ s. */
  signature: Hex;
};

const SEAL_KEYS = ["algorithm", "keyIndex", "publicKey", "signature"] as const;

/**
 * Reads a licence file's `seal` (path `$.seal`): every key, the algorithm, a key number, a public
 * key of the SM2 curve and a 64-byte signature.
 *
 * @throws {LicenceFormatError} naming the JSONPath of the first bad value.
 */
export function readLicenceSeal(read: Reader, value: unknown, path = "$.seal"): LicenceSeal {
  const seal = read.record(value, path, SEAL_KEYS, []);
  if (seal.algorithm !== SEAL_ALGORITHM) {
    read.fail(`${path}.algorithm`, `expected "${SEAL_ALGORITHM}", got ${JSON.stringify(seal.algorithm)}`);
  }
  const keyIndex = read.uint(seal.keyIndex, `${path}.keyIndex`, 32);
  let publicKey: Hex;
  try {
    publicKey = parseSm2PublicKey(seal.publicKey, "the key");
  } catch (error) {
    return read.fail(`${path}.publicKey`, (error as SealError).reason, error);
  }
  if (typeof seal.signature !== "string" || !/^0x[0-9a-fA-F]{128}$/.test(seal.signature)) {
    read.fail(`${path}.signature`, "expected 64 bytes of hex (0x + 128 hex digits: r ‖ s)");
  }
  return {
    algorithm: SEAL_ALGORITHM,
    keyIndex,
    publicKey,
    signature: (seal.signature as string).toLowerCase() as Hex,
  };
}

/**
 * The bytes a seal signs: what the file commits to, canonical and fixed-length (137 bytes), as
 * Solidity's `abi.encodePacked` of
 * `(string SEAL_DOMAIN, uint64 chainId, address registry, bytes32 licenceId, bytes32 batchRoot,
 * uint32 typeId, uint16 typeVersion, uint32 issuerDepartment, uint40 issuedAt, uint40 expiresAt)`,
 * with 0 / the zero address / zero bytes for a chain, registry or batch the file does not name.
 * The licence id is the root of the field tree, so the seal covers every field.
 *
 * @throws {SealError} if the file has no `issuedAt`: a licence is sealed as issued.
 */
export function sealPayload(file: LicenceFile): Uint8Array {
  if (file.issuedAt === undefined) {
    throw new SealError(
      "the licence file has no issuedAt: seal it as issued (getIssuedLicenceFile), not before",
      "证照文件没有签发时间（issuedAt）：请在签发上链后（getIssuedLicenceFile）再加盖电子印章。",
    );
  }
  return hexToBytes(
    encodePacked(
      ["string", "uint64", "address", "bytes32", "bytes32", "uint32", "uint16", "uint32", "uint40", "uint40"],
      [
        SEAL_DOMAIN,
        BigInt(file.chainId ?? 0),
        file.registry ?? zeroAddress,
        file.licenceId,
        file.batch?.root ?? ZERO_BYTES32,
        file.typeId,
        file.typeVersion,
        file.issuerDepartment,
        file.issuedAt,
        file.expiresAt,
      ],
    ),
  );
}

/** What {@link sealLicenceFile} needs. */
export type SealLicenceFileParameters = {
  /** The department's SM2 seal private key (32 bytes). */
  privateKey: Hex;
  /** Its number in the department's seal-key history on chain. */
  keyIndex: number;
};

/**
 * Seals a licence file as issued (it must carry `issuedAt`): the SM2 signature of
 * {@link sealPayload} with the department's seal key. A seal already on the file is replaced.
 * Offline: use the `sealLicence` action to check the key against the chain first.
 *
 * @throws {SealError} for a bad private key, a file without `issuedAt`.
 *
 * @example
 * const sealed = sealLicenceFile(issued, { privateKey: sealKey, keyIndex: 0 });
 */
export function sealLicenceFile(file: LicenceFile, parameters: SealLicenceFileParameters): LicenceFile {
  const privateKey = parseSm2PrivateKey(parameters.privateKey, "the seal private key");
  const payload = sealPayload(file);
  const { seal: _replaced, ...unsealed } = file;
  return {
    ...unsealed,
    seal: {
      algorithm: SEAL_ALGORITHM,
      keyIndex: parameters.keyIndex,
      publicKey: sm2PublicKeyOf(privateKey),
      signature: sm2Sign(privateKey, payload),
    },
  };
}

/** How the seal of a licence stands. */
export type SealState =
  /** The file carries no seal (files made before seals, or by an issuer that does not seal). */
  | "absent"
  /** The seal is there but not readable (its reason says what is wrong). */
  | "malformed"
  /** The seal does not hold: altered file, wrong key, or a key not in force at issue time. */
  | "invalid"
  /** The signature holds, with the key the department had registered when it issued the licence. */
  | "valid";

/** A reason of the seal part, in Chinese and English. */
export type SealReason = { zh: string; en: string };

/** The seal part of a verdict. */
export type SealPart = {
  /** `state === "valid"`. */
  ok: boolean;
  state: SealState;
  /** The file carries a seal (well-formed or not). */
  present: boolean;
  /** The signature is the SM2 signature of this file's payload by the key it names. */
  signatureValid: boolean;
  /**
   * The key is the one the department had registered when the licence was issued; `undefined`
   * when not checked against the chain (an offline check).
   */
  keyInForce: boolean | undefined;
  /** The seal's key number, if the seal is readable. */
  keyIndex?: number | undefined;
  /** The seal's public key, if the seal is readable. */
  publicKey?: Hex | undefined;
  /** What is wrong (English; empty when valid). */
  problems: string[];
  /** What is wrong, in Chinese and English (same order as `problems`). */
  reasons: SealReason[];
};

/** The key a department had registered when it issued a licence, as read from the chain. */
export type SealKeyInForce = { index: number; publicKey: Hex };

/** Options of {@link checkLicenceSeal}. */
export type CheckLicenceSealOptions = {
  /**
   * The key in force at issue time (`DepartmentRegistry.sealKeyAt(department, record.issuedAt)`):
   * `null` if the department had none, `undefined` to check offline (signature only).
   */
  keyInForce?: SealKeyInForce | null | undefined;
  /** Why the file's seal could not be read, if it could not (from `parseLicenceFileAndSeal`). */
  malformed?: string | undefined;
  /** The issuing department's name, for the reasons (else its id). */
  departmentName?: string | undefined;
  /**
   * The fields were shown another way to lead to the licence id (a disclosure's multiproof, in
   * the verdict's integrity part): the seal is checked over the id and metadata only.
   */
  fieldsChecked?: boolean | undefined;
};

/**
 * The seal part of a verdict: present, the signature valid over this file's payload (whose
 * licence id is the root of the fields, so the fields must match it too), and made
 * with the key the department had registered at the time of issue (when `keyInForce` is given).
 * Never throws.
 *
 * @example
 * const part = checkLicenceSeal(file, { keyInForce: { index: 0, publicKey } });
 * if (!part.ok) show(part.reasons.map((r) => r.zh));
 */
export function checkLicenceSeal(file: LicenceFile, options: CheckLicenceSealOptions = {}): SealPart {
  const reasons: SealReason[] = [];
  const part = (state: SealState, fields: Partial<SealPart> = {}): SealPart => ({
    ok: state === "valid",
    state,
    present: state !== "absent",
    signatureValid: false,
    keyInForce: undefined,
    ...fields,
    problems: reasons.map((r) => r.en),
    reasons,
  });
  if (options.malformed !== undefined) {
    reasons.push({
      en: `the seal is malformed: ${options.malformed}`,
      zh: `电子印章格式有误：${options.malformed}`,
    });
    return part("malformed");
  }
  const seal = file.seal;
  if (seal === undefined) {
    reasons.push({ en: "the file carries no seal", zh: "该证照文件没有电子印章。" });
    return part("absent");
  }
  const department = options.departmentName ?? `department ${file.issuerDepartment}`;
  let payload: Uint8Array | undefined;
  try {
    payload = sealPayload(file);
  } catch (error) {
    const sealError = error as SealError;
    reasons.push({ en: `the seal cannot be checked: ${sealError.reason}`, zh: sealError.messages.zh });
  }
  const signatureValid = payload !== undefined && sm2Verify(seal.publicKey, payload, seal.signature);
  if (payload !== undefined && !signatureValid) {
    reasons.push({
      en: "the seal's signature does not match the file: the file was changed after sealing, or the seal is another file's",
      zh: "电子印章签名与文件不符：文件在盖章后被改动，或印章属于另一份文件。",
    });
  }
  // The seal signs the licence id, the root of the field tree: the fields must still lead to it.
  const fieldsMatch = options.fieldsChecked === true || checkLicenceFile(file).ok;
  if (signatureValid && !fieldsMatch) {
    reasons.push({
      en: "the fields no longer match the sealed licence id: a field was changed after sealing",
      zh: "字段与盖章时的证照标识不再一致：盖章后有字段被改动。",
    });
  }
  let keyInForce: boolean | undefined;
  if (options.keyInForce === null) {
    keyInForce = false;
    reasons.push({
      en: `${department} had no seal key registered when it issued the licence`,
      zh: `${department}签发该证照时尚未在链上登记电子印章公钥。`,
    });
  } else if (options.keyInForce !== undefined) {
    keyInForce = options.keyInForce.publicKey.toLowerCase() === seal.publicKey;
    if (!keyInForce) {
      reasons.push({
        en: `the seal was made with key #${seal.keyIndex} ${short(seal.publicKey)}, not with key #${options.keyInForce.index} ${short(options.keyInForce.publicKey)} that ${department} had registered when it issued the licence`,
        zh: `印章所用公钥（#${seal.keyIndex} ${short(seal.publicKey)}）不是${department}签发时登记的公钥（#${options.keyInForce.index} ${short(options.keyInForce.publicKey)}）。`,
      });
    }
  }
  const valid = signatureValid && fieldsMatch && keyInForce !== false;
  return part(valid ? "valid" : "invalid", {
    signatureValid,
    keyInForce,
    keyIndex: seal.keyIndex,
    publicKey: seal.publicKey,
  });
}

/** A key shortened for a reason: first and last bytes of x. */
function short(key: Hex): string {
  return `${key.slice(0, 10)}…${key.slice(-6)}`;
}
