import { getAddress, type Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { LicenceStatus } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { checkDisclosure, checkLicenceFile } from "../../licence/check.ts";
import { parseDisclosure, type Disclosure } from "../../licence/disclosure-format.ts";
import {
  LICENCE_FILE_FORMAT,
  LICENCE_FILE_VERSION,
  parseLicenceFileAndSeal,
  type LicenceFile,
} from "../../licence/format.ts";
import { checkLicenceSeal, type SealKeyInForce, type SealPart } from "../../licence/seal.ts";
import { fieldLeafHash, licenceTree } from "../../licence/leaf.ts";
import { processMultiProof } from "../../licence/merkle.ts";
import {
  describeRecordMismatch,
  recordMismatches,
  type IssueRecord,
  type RecordMismatch,
} from "../../licence/record.ts";
import { ZERO_BYTES32 } from "../../utils/input.ts";
import { VerificationResult } from "./recordVerification.ts";

export type VerifyLicenceParameters = (
  | /** A whole licence file (the holder checking their own, or an issuer). */
    { file: LicenceFile }
    /** Some fields disclosed by the holder, with their multiproof. */
  | { disclosure: Disclosure }
) & {
  /** Read the chain at this block (default: the latest block, read first and reported). */
  blockNumber?: bigint | undefined;
};

/** One part of the verdict: whether it holds, and if not, why (never a field value). */
export type VerdictPart = { ok: boolean; problems: string[] };

/**
 * The integrity part: the fields match the licence id (offline and on chain), and what the
 * document copies of the chain's record (type, type version, issuing department, expiry) agrees
 * with it.
 */
export type IntegrityPart = VerdictPart & {
  /** The fields match the licence id, offline and by the registry's proof check. */
  fieldsMatch: boolean;
  /** Where the document disagrees with the chain's record (each also one of `problems`, naming the field). */
  mismatches: RecordMismatch[];
  /** The fields whose value or salt does not match their leaf (altered), by name. */
  alteredFields: string[];
  /**
   * The registry's proof check held: the leaves (a disclosure's as disclosed, a file's recomputed
   * from its values) lead to the licence id. With it, every field not in `alteredFields` is proven.
   */
  proofHolds: boolean;
};

/** The chain's record the status was read from (the batch's for an untouched batch member). */
export type VerdictRecord = IssueRecord;

export type VerifyLicenceReturnType = {
  licenceId: Hex;
  /**
   * Integrity, status and issuer hold, and the seal is not broken: a file without a seal (made
   * before seals) can be valid, its seal part says "absent"; a malformed or invalid seal is not.
   */
  valid: boolean;
  /**
   * The fields (all of a file, the disclosed ones of a disclosure) match the licence id, offline
   * and on chain, and the document's type, type version, issuing department and expiry are the
   * chain's record's (a file's issue time is informative, not compared).
   */
  integrity: IntegrityPart;
  /** Issued and not revoked, suspended or expired (`status` says which). */
  status: VerdictPart & {
    status: LicenceStatus;
    /** The licence that replaced a revoked one, if it was replaced. */
    replacedBy: Hex | undefined;
  };
  /** The issuing department was authorised for the type version when it issued the licence. */
  issuer: VerdictPart & { departmentId: number };
  /**
   * The national electronic seal (docs/seal.md): present, its SM2 signature valid over the file,
   * made with the key the department had registered when it issued the licence. A disclosure
   * carries no seal ("absent").
   */
  seal: SealPart;
  /** The chain's record, `undefined` if the licence was never issued. */
  record: VerdictRecord | undefined;
  /** The fields checked (bit i = field i of the type version); for {@link recordVerification}. */
  fieldMask: bigint;
  /** Result bits for {@link recordVerification}: 1 integrity, 2 status valid, 4 issuer authorised. */
  result: number;
  /** The block every chain read of this verdict was made at. */
  blockNumber: bigint;
};

const STATUS_NAMES: Record<number, string> = {
  [LicenceStatus.Unknown]: "unknown (never issued, or not in the batch it names)",
  [LicenceStatus.Valid]: "valid",
  [LicenceStatus.Suspended]: "suspended",
  [LicenceStatus.Revoked]: "revoked",
  [LicenceStatus.Expired]: "expired",
};

/**
 * Verifies a licence file or a disclosure: the three-part verdict of the design, each part with
 * its reasons.
 *
 * - integrity: the offline check (`checkLicenceFile` / `checkDisclosure`, naming an altered
 *   field) and the registry's own proof check (`verify`) must both hold, and what the document
 *   copies of the chain's record (type, type version, issuing department, expiry) must agree
 *   with it: a disagreement is a problem naming the field (an output licence file
 *   carries the chain's times once issued: `getIssuedLicenceFile`);
 * - status: the registry's status now (via the batch proof for a batch member);
 * - issuer: whether the issuing department was authorised for the type version at issue time.
 *
 * It only reads (one `verify` call, plus the schema for a disclosure): record the check as
 * evidence with {@link recordVerification}.
 *
 * @throws {LicenceFormatError} if the document is not a licence file or disclosure at all.
 *
 * @example
 * const verdict = await verifyLicence(clerk, { disclosure });
 * if (!verdict.valid) show([...verdict.integrity.problems, ...verdict.status.problems, ...verdict.issuer.problems]);
 * await recordVerification(clerk, { ...verdict, purpose: applicationId });
 */
export async function verifyLicence(
  client: OneWindowClient,
  parameters: VerifyLicenceParameters,
): Promise<VerifyLicenceReturnType> {
  const read = "file" in parameters ? parseLicenceFileAndSeal(parameters.file) : undefined;
  const document = "file" in parameters ? read!.file : parseDisclosure(parameters.disclosure);
  const integrityProblems: string[] = [];
  const alteredFields: string[] = [];
  const statusProblems: string[] = [];
  // Not viem's cached block number: a verdict right after a write must see it.
  const blockNumber = parameters.blockNumber ?? (await client.public.getBlockNumber({ cacheTime: 0 }));

  let leaves: Hex[];
  let fieldProof: Hex[];
  let fieldProofFlags: boolean[];
  let fieldMask: bigint;
  if ("file" in parameters) {
    const file = document as LicenceFile;
    const offline = checkLicenceFile(file);
    integrityProblems.push(...offline.problems);
    alteredFields.push(...offline.alteredFields);
    // The registry checks a multiproof of every field, hashed from the values as they are now.
    const multiproof = licenceTree(file.typeId, file.fields).getMultiProof(file.fields.map((_, index) => index));
    leaves = multiproof.leaves.map(([typeId, name, value, salt]) => fieldLeafHash(typeId, name, value, salt));
    fieldProof = multiproof.proof as Hex[];
    fieldProofFlags = multiproof.proofFlags;
    fieldMask = (1n << BigInt(file.fieldNames.length)) - 1n;
  } else {
    const disclosure = document as Disclosure;
    leaves = disclosure.leaves;
    fieldProof = disclosure.proof;
    fieldProofFlags = disclosure.proofFlags;
    fieldMask = BigInt(disclosure.fieldMask);
  }
  if (!wellFormed(leaves, fieldProof, fieldProofFlags)) {
    // A malformed multiproof would make the registry revert: ask it about a leaf that is not the
    // id (integrity false), which still gives status and issuer.
    integrityProblems.push("the field proof is malformed");
    leaves = [ZERO_BYTES32];
    fieldProof = [];
    fieldProofFlags = [];
  }

  if (document.chainId !== undefined && document.chainId !== client.chain.id) {
    statusProblems.push(`the licence names chain ${document.chainId}, this client reads chain ${client.chain.id}`);
  }
  if (
    document.registry !== undefined &&
    getAddress(document.registry) !== getAddress(client.addresses.LicenceRegistry)
  ) {
    statusProblems.push(`the licence names registry ${document.registry}, not this deployment's`);
  }

  const verdict = await readContract(client, {
    contract: "LicenceRegistry",
    functionName: "verify",
    blockNumber,
    args: [
      {
        licenceId: document.licenceId,
        batchRoot: document.batch?.root ?? ZERO_BYTES32,
        batchProof: document.batch?.proof ?? [],
        leaves,
        fieldProof,
        fieldProofFlags,
      },
    ],
  });
  const issued = verdict.record.state !== 0;
  const record: VerdictRecord | undefined = issued
    ? {
        typeId: verdict.record.typeId,
        typeVersion: verdict.record.typeVersion,
        issuerDepartment: verdict.record.issuerDepartment,
        issuedAt: verdict.record.issuedAt,
        expiresAt: verdict.record.expiresAt,
      }
    : undefined;

  if (!verdict.integrity && integrityProblems.length === 0) {
    integrityProblems.push(`the registry's proof check of the fields against licence ${document.licenceId} failed`);
  }
  if (record !== undefined && "disclosure" in parameters) {
    // The mask's meaning comes from the schema of the version the chain recorded.
    const version = await readContract(client, {
      contract: "LicenceTypeRegistry",
      functionName: "getVersion",
      args: [record.typeId, record.typeVersion],
      blockNumber,
    });
    const offline = checkDisclosure(document as Disclosure, { fieldNames: version.fieldNames });
    for (const problem of offline.problems) {
      if (!integrityProblems.includes(problem)) integrityProblems.push(problem);
    }
    alteredFields.push(...offline.alteredFields);
  }
  // What the document copies of the record is trusted only where it agrees with the chain.
  const fieldsMatch = integrityProblems.length === 0 && verdict.integrity;
  const mismatches = record === undefined ? [] : recordMismatches(document, record);
  for (const mismatch of mismatches) {
    integrityProblems.push(describeRecordMismatch(mismatch, "file" in parameters ? "file" : "disclosure"));
  }

  const status = verdict.status as LicenceStatus;
  let replacement: Hex | undefined;
  if (status !== LicenceStatus.Valid) {
    let problem = `the licence is ${STATUS_NAMES[status] ?? `in status ${status}`}`;
    if (status === LicenceStatus.Revoked) {
      const replacedBy = await readContract(client, {
        contract: "LicenceRegistry",
        functionName: "replacedBy",
        args: [document.licenceId],
        blockNumber,
      });
      if (replacedBy !== ZERO_BYTES32) {
        problem += `; it was replaced by ${replacedBy}`;
        replacement = replacedBy;
      }
    }
    if (status === LicenceStatus.Expired && record !== undefined) {
      problem += ` since ${new Date(record.expiresAt * 1000).toISOString()}`;
    }
    statusProblems.unshift(problem);
  }
  const issuerProblems: string[] = [];
  if (!verdict.issuerAuthorised) {
    issuerProblems.push(
      record === undefined
        ? "the licence was never issued, so no issuer is on record"
        : `department ${record.issuerDepartment} was not authorised to issue type ${record.typeId} version ${record.typeVersion} when it issued the licence`,
    );
  }

  const seal =
    read !== undefined
      ? await sealPartOf(client, read.file, read.malformedSeal, record)
      : document.seal === undefined
        ? disclosureSeal()
        : await sealPartOf(client, sealedPartsOf(document as Disclosure, record), undefined, record, true);

  const integrity = {
    ok: integrityProblems.length === 0 && verdict.integrity,
    problems: integrityProblems,
    fieldsMatch,
    mismatches,
    alteredFields,
    proofHolds: verdict.integrity,
  };
  const statusPart = { ok: statusProblems.length === 0, status, replacedBy: replacement, problems: statusProblems };
  const issuer = {
    ok: issuerProblems.length === 0,
    departmentId: record?.issuerDepartment ?? 0,
    problems: issuerProblems,
  };
  const result =
    (integrity.ok ? VerificationResult.Integrity : 0) |
    (statusPart.ok ? VerificationResult.StatusValid : 0) |
    (issuer.ok ? VerificationResult.IssuerAuthorised : 0);
  return {
    licenceId: document.licenceId,
    valid: integrity.ok && statusPart.ok && issuer.ok && (seal.ok || seal.state === "absent"),
    integrity,
    status: statusPart,
    issuer,
    seal,
    record,
    fieldMask,
    result,
    blockNumber,
  };
}

/** A disclosure's seal part when it carries none. */
const DISCLOSURE_REASON = {
  en: "the disclosure carries no seal (its licence file had none)",
  zh: "该披露不带电子印章（其证照文件没有印章）。",
};

/**
 * What a disclosure's seal signs, as a licence file without fields: the id, the metadata the
 * disclosure carries and the record's issue time (docs/seal.md). Its fields are checked by the
 * multiproof (the integrity part), not here.
 */
function sealedPartsOf(disclosure: Disclosure, record: VerdictRecord | undefined): LicenceFile {
  return {
    format: LICENCE_FILE_FORMAT,
    version: LICENCE_FILE_VERSION,
    typeId: disclosure.typeId,
    typeVersion: disclosure.typeVersion,
    licenceId: disclosure.licenceId,
    issuerDepartment: disclosure.issuerDepartment,
    expiresAt: disclosure.expiresAt,
    ...(record === undefined ? {} : { issuedAt: record.issuedAt }),
    ...(disclosure.chainId === undefined ? {} : { chainId: disclosure.chainId }),
    ...(disclosure.registry === undefined ? {} : { registry: disclosure.registry }),
    ...(disclosure.batch === undefined ? {} : { batch: disclosure.batch }),
    ...(disclosure.seal === undefined ? {} : { seal: disclosure.seal }),
  } as LicenceFile;
}
function disclosureSeal(): SealPart {
  return {
    ok: false,
    state: "absent",
    present: false,
    signatureValid: false,
    keyInForce: undefined,
    problems: [DISCLOSURE_REASON.en],
    reasons: [DISCLOSURE_REASON],
  };
}

/**
 * The seal part of a file's verdict: the key in force is the one the issuing department had
 * registered at the record's issue time (`sealKeyAt`); a licence never issued has none.
 */
async function sealPartOf(
  client: OneWindowClient,
  file: LicenceFile,
  malformed: string | undefined,
  record: VerdictRecord | undefined,
  fieldsChecked = false,
): Promise<SealPart> {
  if (malformed !== undefined || file.seal === undefined) return checkLicenceSeal(file, { malformed });
  if (record === undefined) {
    const part = checkLicenceSeal(file);
    const reason = {
      en: "the licence was never issued, so no seal key was in force for it",
      zh: "该证照从未签发，没有签发时有效的印章公钥。",
    };
    return {
      ...part,
      ok: false,
      state: "invalid",
      keyInForce: false,
      problems: [...part.problems, reason.en],
      reasons: [...part.reasons, reason],
    };
  }
  const [at, department] = await Promise.all([
    readContract(client, {
      contract: "DepartmentRegistry",
      functionName: "sealKeyAt",
      args: [record.issuerDepartment, record.issuedAt],
    }),
    readContract(client, {
      contract: "DepartmentRegistry",
      functionName: "getDepartment",
      args: [record.issuerDepartment],
    }).catch(() => undefined),
  ]);
  const [found, index, key] = at;
  const keyInForce: SealKeyInForce | null = found
    ? { index, publicKey: `0x04${key.x.slice(2)}${key.y.slice(2)}` }
    : null;
  return checkLicenceSeal(file, { keyInForce, departmentName: department?.name, fieldsChecked });
}

/** Whether OpenZeppelin's `processMultiProof` would accept the shape of this multiproof. */
function wellFormed(leaves: Hex[], proof: Hex[], proofFlags: boolean[]): boolean {
  if (leaves.length === 0) return false;
  try {
    processMultiProof({ leaves, proof, proofFlags });
    return true;
  } catch {
    return false;
  }
}
