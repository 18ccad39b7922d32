import { OneWindowError } from "./base.ts";

/** Which exported-credential document a {@link CredentialFormatError} is about. */
export type CredentialDocumentKind = "credential" | "W3C VC (vc+jwt)" | "SD-JWT VC" | "status list" | "issuer metadata";

/** What a {@link CredentialFormatError} is built from. */
export type CredentialFormatErrorParameters = {
  /** The document being read. */
  document: CredentialDocumentKind;
  /** Where the bad value is: `header.alg`, `payload.credentialSubject`, `disclosure 2`… */
  path: string;
  /** What is wrong. Never a field value. */
  reason: string;
  /** The error this one wraps. */
  cause?: unknown;
};

/**
 * An exported credential (W3C VC 2.0 secured as `vc+jwt`, or SD-JWT VC), a status list or issuer
 * metadata is not in the documented shape (`docs/credentials.md`): not three base64url parts, bad
 * JSON, a wrong `typ` or `alg`, a missing claim, a disclosure that does not decode…. `path` names
 * the bad part.
 *
 * @example
 * try {
 *   parseExportedCredential(text);
 * } catch (error) {
 *   if (error instanceof CredentialFormatError) console.error(error.path, error.reason);
 * }
 */
export class CredentialFormatError extends OneWindowError {
  override name = "CredentialFormatError";
  /** The document being read. */
  readonly document: CredentialDocumentKind;
  /** Where the bad value is. */
  readonly path: string;
  /** What is wrong. */
  readonly reason: string;

  constructor({ document, path, reason, cause }: CredentialFormatErrorParameters) {
    super(`Invalid ${document} at ${path}: ${reason}.`, {
      code: "CREDENTIAL_FORMAT_INVALID",
      messages: {
        zh: `可验证凭证格式无效（${document}，位置 ${path}：${reason}）。请重新从 OneWindow 导出该证照。`,
        en: `The ${document} is invalid (at ${path}: ${reason}). Export the licence from OneWindow again.`,
      },
      cause,
    });
    this.document = document;
    this.path = path;
    this.reason = reason;
  }
}

/** Why a licence cannot be exported as a credential. */
export type CredentialExportErrorReason =
  | "not-intact"
  | "not-issued"
  | "signer-not-officer"
  | "batch-members-needed"
  | "batch-members-wrong"
  | "not-in-status-list";

/**
 * A licence cannot be exported as a verifiable credential: the file does not check, the licence is
 * not on chain, the signing key is not an officer of the issuing department, or a batch member was
 * given without its batch's licence ids (needed for its status-list index).
 *
 * @example
 * try {
 *   await exportLicenceCredential(officer, { file, format: "sd-jwt", baseUrl });
 * } catch (error) {
 *   if (error instanceof CredentialExportError) console.error(error.reason);
 * }
 */
export class CredentialExportError extends OneWindowError {
  override name = "CredentialExportError";
  /** Why. */
  readonly reason: CredentialExportErrorReason;

  constructor(reason: CredentialExportErrorReason, details: string) {
    const text: Record<CredentialExportErrorReason, { zh: string; en: string }> = {
      "not-intact": {
        zh: "证照文件未通过完整性检查，无法导出为可验证凭证。请使用发证部门提供的原始文件。",
        en: "The licence file does not pass its integrity check, so it cannot be exported. Use the file the issuing department gave you.",
      },
      "not-issued": {
        zh: "该证照未在链上签发，无法导出为可验证凭证。",
        en: "This licence is not issued on chain, so it cannot be exported as a verifiable credential.",
      },
      "signer-not-officer": {
        zh: "签名账户不是发证部门的经办人，不能以该部门名义签发凭证。请使用发证部门经办人的密钥。",
        en: "The signing account is not an officer of the issuing department. Sign with a key of that department's officers.",
      },
      "batch-members-needed": {
        zh: "批量签发的证照需要提供整批证照编号，才能确定其状态列表位置。",
        en: "A licence issued in a batch needs the batch's licence ids to find its place in the status list.",
      },
      "batch-members-wrong": {
        zh: "提供的批次证照编号与链上签发的批次不符（重建的默克尔根不同或数量不同）。请提供该批次签发时的全部证照编号。",
        en: "The licence ids given are not the batch issued on chain (they rebuild another Merkle root, or are not as many). Give every licence id of the batch as it was issued.",
      },
      "not-in-status-list": {
        zh: "在链上签发记录中找不到该证照的状态列表位置。",
        en: "The licence has no place in its department's status list (no issue event found on chain).",
      },
    };
    super(`Cannot export the licence as a credential (${reason}).`, {
      code: "CREDENTIAL_EXPORT_REFUSED",
      messages: text[reason],
      details,
    });
    this.reason = reason;
  }
}
