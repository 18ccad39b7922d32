import type { Hex } from "viem";

import { OneWindowError } from "./base.ts";

/** Which JSON document a {@link LicenceFormatError} is about. */
export type LicenceDocumentKind = "licence file" | "disclosure";

/** What a {@link LicenceFormatError} is built from. */
export type LicenceFormatErrorParameters = {
  /** The document being read. */
  document: LicenceDocumentKind;
  /** JSONPath of the bad value, e.g. `$.fields[2].salt`. */
  path: string;
  /** What is wrong, e.g. `expected 32-byte hex (0x + 64 hex digits)`. Never the value of a field or a salt. */
  reason: string;
  /** The error this one wraps (e.g. a JSON syntax error). */
  cause?: unknown;
};

/**
 * A licence file or disclosure is not in the documented format (`docs/licence-format.md`):
 * wrong format tag or version, a missing, unknown or badly typed key, bad hex, a missing field….
 * `path` names the bad value.
 *
 * @example
 * try {
 *   parseLicenceFile(json);
 * } catch (error) {
 *   if (error instanceof LicenceFormatError) console.error(error.path, error.reason);
 * }
 */
export class LicenceFormatError extends OneWindowError {
  override name = "LicenceFormatError";
  /** The document being read. */
  readonly document: LicenceDocumentKind;
  /** JSONPath of the bad value. */
  readonly path: string;
  /** What is wrong. */
  readonly reason: string;

  constructor({ document, path, reason, cause }: LicenceFormatErrorParameters) {
    const zhDocument = document === "licence file" ? "证照文件" : "证照披露";
    super(`Invalid ${document} at ${path}: ${reason}.`, {
      code: "LICENCE_FORMAT_INVALID",
      messages: {
        zh: `${zhDocument}格式无效（位置 ${path}）。`,
        en: `The ${document} is invalid (at ${path}).`,
      },
      cause,
    });
    this.document = document;
    this.path = path;
    this.reason = reason;
  }
}

/** What a {@link LicenceFieldError} is built from. */
export type LicenceFieldErrorParameters = {
  /** The field concerned, if one is. */
  field?: string | undefined;
  /** What is wrong. Never a field value. */
  reason: string;
};

/**
 * The fields given to build or disclose a licence do not fit its schema: a field missing or not
 * in the schema, no `holder` field, a bad holder address, a repeated name….
 *
 * @example
 * try {
 *   buildLicence({ ...parameters, fieldNames: ["name"] });
 * } catch (error) {
 *   if (error instanceof LicenceFieldError) console.error(error.field); // "holder"
 * }
 */
export class LicenceFieldError extends OneWindowError {
  override name = "LicenceFieldError";
  /** The field concerned, if one is. */
  readonly field: string | undefined;

  constructor({ field, reason }: LicenceFieldErrorParameters) {
    super(field === undefined ? `Invalid licence fields: ${reason}.` : `Invalid licence field "${field}": ${reason}.`, {
      code: "LICENCE_FIELD_INVALID",
      messages: {
        zh: field === undefined ? "证照字段无效。" : `证照字段“${field}”无效。`,
        en: field === undefined ? "Invalid licence fields." : `Invalid licence field "${field}".`,
      },
    });
    this.field = field;
  }
}

/**
 * A licence file does not match its own licence id (a field value or salt was changed), so it
 * cannot be disclosed. `problems` are those of `checkLicenceFile`.
 *
 * @example
 * try {
 *   discloseFields(file, ["name"]);
 * } catch (error) {
 *   if (error instanceof LicenceIntegrityError) console.error(error.problems);
 * }
 */
export class LicenceIntegrityError extends OneWindowError {
  override name = "LicenceIntegrityError";
  /** What `checkLicenceFile` found. */
  readonly problems: readonly string[];

  constructor({ problems }: { problems: readonly string[] }) {
    super("The licence file does not match its licence id.", {
      code: "LICENCE_INTEGRITY_FAILED",
      messages: {
        zh: "证照文件与证照标识不符，可能已被篡改。",
        en: "The licence file does not match its licence id; it may have been altered.",
      },
      metaMessages: problems.map((problem) => `- ${problem}`),
    });
    this.problems = problems;
  }
}

/**
 * A licence is not on chain: never issued (yet), or not in the batch its file names.
 *
 * @example
 * try {
 *   file = await getIssuedLicenceFile(client, { file });
 * } catch (error) {
 *   if (error instanceof LicenceNotIssuedError) retryLater();
 * }
 */
export class LicenceNotIssuedError extends OneWindowError {
  override name = "LicenceNotIssuedError";
  readonly licenceId: Hex;

  constructor({ licenceId }: { licenceId: Hex }) {
    super(`Licence ${licenceId} is not issued on chain.`, {
      code: "LICENCE_NOT_ISSUED",
      messages: {
        zh: `证照 ${licenceId} 尚未在链上签发（或不在其文件所称的批次中）。请在签发后（出证证照在办件办结后）再试。`,
        en: `Licence ${licenceId} is not issued on chain (or not in the batch its file names). Try again once it is issued (an output licence, once its application completes).`,
      },
    });
    this.licenceId = licenceId;
  }
}

/**
 * A batch cannot be built, or a licence is not a member of the batch it is said to be in.
 *
 * @example
 * const batch = buildBatch(ids);
 * batch.proofOf(otherId); // throws LicenceBatchError
 */
export class LicenceBatchError extends OneWindowError {
  override name = "LicenceBatchError";

  constructor({ reason }: { reason: string }) {
    super(`Invalid licence batch: ${reason}.`, {
      code: "LICENCE_BATCH_INVALID",
      messages: {
        zh: "批量发证的批次证明无效。",
        en: "The licence batch or its proof is invalid.",
      },
    });
  }
}

/**
 * A Merkle multiproof is malformed (its lengths do not fit together), as OpenZeppelin's
 * `MerkleProof.processMultiProof` reverts with `MerkleProofInvalidMultiproof()`.
 *
 * @example
 * processMultiProof({ leaves: [], proof: [], proofFlags: [true] }); // throws InvalidMultiproofError
 */
export class InvalidMultiproofError extends OneWindowError {
  override name = "InvalidMultiproofError";

  constructor({ reason }: { reason: string }) {
    super(`Invalid Merkle multiproof: ${reason}.`, {
      code: "MERKLE_MULTIPROOF_INVALID",
      messages: {
        zh: "字段证明格式无效。",
        en: "The field proof is malformed.",
      },
    });
  }
}

/**
 * The parts of a restriction-list subject id are unusable (empty, or with surrounding spaces
 * where the hash would silently differ).
 *
 * @example
 * restrictionSubject("", "ID_CARD", "110101199003077777"); // throws RestrictionSubjectError
 */
export class RestrictionSubjectError extends OneWindowError {
  override name = "RestrictionSubjectError";

  constructor({ reason }: { reason: string }) {
    super(`Invalid restriction subject: ${reason}.`, {
      code: "RESTRICTION_SUBJECT_INVALID",
      messages: {
        zh: "限制名单主体标识无效。",
        en: "The restriction-list subject is invalid.",
      },
    });
  }
}
