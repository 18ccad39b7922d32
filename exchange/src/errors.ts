/**
 * Every error the exchange answers is `{ "error": { "code": "STABLE_CODE", "message": { "zh", "en" } } }`
 * with a 4xx or 5xx status: never a stack trace, a field value, a salt or a document's content.
 */
import { ContractRevertError, NodeUnreachableError, OneWindowError } from "@onewindow/sdk";

/** The user-facing text of an error. */
export type Messages = { zh: string; en: string };

/** The JSON body of every error answer. */
export type ErrorBody = { error: { code: string; message: Messages } };

/** An error the exchange answers with: HTTP status, stable code, text in zh and en. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Messages,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${messages.en}`);
  }
  body(): ErrorBody {
    return { error: { code: this.code, message: this.messages } };
  }
}

/** A size in bytes as people read it: `10 MiB`, `512 KiB`, `100 bytes`. */
function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** The one error factory of the catalogue: an error with fixed text, made anew on each call. */
const e = (status: number, code: string, zh: string, en: string) => () => new ApiError(status, code, { zh, en });

/** The errors with fixed text, by name. */
export const Errors = {
  unauthenticated: e(
    401,
    "UNAUTHENTICATED",
    "请先使用以太坊账户登录（SIWE）。",
    "Sign in with Ethereum first (Bearer session token).",
  ),
  notOfficer: e(
    403,
    "NOT_AN_OFFICER",
    "该账户不是任何在用部门的工作人员。",
    "This account is no officer of an active department.",
  ),
  /** The one answer to every refused disclosure or predicate: it tells nothing about the licence. */
  notPermitted: e(
    403,
    "NOT_PERMITTED",
    "没有持证人对这些字段、这一用途的有效授权。",
    "No valid consent of the holder covers these fields for this purpose.",
  ),
  notFound: e(404, "NOT_FOUND", "未找到。", "Not found."),
  notCatalogueEditor: e(
    403,
    "NOT_A_CATALOGUE_EDITOR",
    "该账户没有事项目录编辑员角色，不能发布目录元数据。请由持有该角色的账户发布。",
    "This account does not hold the catalogue editor role: it may not publish the catalogue's metadata. Publish it from an account that holds the role.",
  ),
  metadataSignatureMismatch: e(
    400,
    "METADATA_SIGNATURE_MISMATCH",
    "签名不是当前登录账户对该文档哈希的签名。请用登录的账户签署“OneWindow catalogue metadata <哈希>”。",
    "The signature is not the signed-in account's signature of this document's hash: sign `OneWindow catalogue metadata <hash>` with the account you signed in with.",
  ),
  noCatalogueMetadata: e(
    404,
    "NO_CATALOGUE_METADATA",
    "尚未发布目录元数据（或没有该哈希的版本）。",
    "No catalogue metadata has been published (or no version has this hash).",
  ),
  routeNotFound: e(404, "ROUTE_NOT_FOUND", "没有这个接口。", "No such route."),
  issuerNotHosted: e(
    403,
    "ISSUER_NOT_HOSTED",
    "本节点没有该部门的发证密钥。",
    "This exchange node holds no issuing key of your department.",
  ),
  noEncryptionKey: e(
    409,
    "NO_ENCRYPTION_KEY",
    "本部门未登记有效的加密公钥，无法加密披露内容。",
    "Your department has no valid encryption key registered: a disclosure cannot be encrypted to it.",
  ),
  /** 429 with Retry-After: the seconds until the next UTC day, when the quota starts again. */
  quotaExceeded: (now = new Date()) =>
    new ApiError(
      429,
      "DAILY_QUOTA_EXCEEDED",
      {
        zh: "本部门今日（UTC）的数据查询次数已用完，请于次日再试。",
        en: "Your department has used up today's (UTC) quota of disclosures and queries: retry tomorrow.",
      },
      {
        "retry-after": String(
          Math.max(
            1,
            Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000),
          ),
        ),
      },
    ),
  tampered: e(
    500,
    "UPLOAD_TAMPERED",
    "存储的文件已被篡改或损坏，与其哈希不符，拒绝提供。",
    "The stored document no longer matches its hash (tampered or corrupted); it is not served.",
  ),
  chainUnavailable: e(
    503,
    "CHAIN_UNAVAILABLE",
    "区块链节点暂时无法访问。",
    "The chain node cannot be reached right now.",
  ),
  internal: e(500, "INTERNAL", "服务内部错误。", "Internal error."),

  // ---- sign-in (EIP-4361)

  siweMalformed: e(
    400,
    "SIWE_MALFORMED",
    "不是有效的 EIP-4361 登录消息。",
    "Not an EIP-4361 message (address, domain, uri, version 1, chain id and nonce are required).",
  ),
  siweWrongDomain: (domain: string) =>
    new ApiError(401, "SIWE_WRONG_DOMAIN", {
      zh: "登录消息的域名不是本服务。",
      en: `The message is for another domain, not ${domain}.`,
    }),
  siweWrongChain: (chainId: number, served: number) =>
    new ApiError(401, "SIWE_WRONG_CHAIN", {
      zh: "登录消息的链不是本服务所在的链。",
      en: `The message is for chain ${chainId}, this exchange serves chain ${served}.`,
    }),
  siweNoExpiry: e(401, "SIWE_NO_EXPIRY", "登录消息必须设置过期时间。", "The message must carry an Expiration Time."),
  siweExpired: e(401, "SIWE_EXPIRED", "登录消息已过期。", "The message has expired."),
  siweNotYetValid: e(401, "SIWE_NOT_YET_VALID", "登录消息尚未生效。", "The message is not valid yet (Not Before)."),
  siweBadSignature: e(
    401,
    "SIWE_BAD_SIGNATURE",
    "签名与登录消息或账户不符。",
    "The signature does not match the message and address.",
  ),
  siweWrongUri: (domain: string) =>
    new ApiError(401, "SIWE_WRONG_URI", {
      zh: "登录消息的 URI 不是本服务的地址。",
      en: `The message's URI is not on this exchange (its host must be ${domain}).`,
    }),
  siweBadIssuedAt: e(
    401,
    "SIWE_BAD_ISSUED_AT",
    "登录消息的签发时间（Issued At）不在允许范围内，请用当前时间重新生成并签名。",
    "The message's Issued At is in the future or older than a sign-in nonce lives: sign a new message now.",
  ),
  /** 429: too many sign-ins under way; Retry-After says when the oldest nonce expires. */
  signInBusy: (retryAfterSeconds: number) =>
    new ApiError(
      429,
      "SIGN_IN_BUSY",
      { zh: "登录请求过多，请稍后再试。", en: "Too many sign-ins are under way: retry later." },
      { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    ),
  siweNonceInvalid: e(
    401,
    "SIWE_NONCE_INVALID",
    "登录随机数无效、已过期或已被使用。",
    "The nonce is unknown, expired or already used.",
  ),

  // ---- issuing

  unknownLicenceType: e(
    400,
    "UNKNOWN_LICENCE_TYPE",
    "没有这个在用的证照类型或版本。",
    "No such active licence type or version.",
  ),
  notAuthorisedIssuer: e(
    403,
    "NOT_AUTHORISED_ISSUER",
    "本部门无权签发该类型（版本）的证照。",
    "Your department is not authorised to issue this licence type version.",
  ),

  // ---- licence files sent by a department (deposits and outputs)

  licenceFileInvalid: (problems: readonly string[]) =>
    new ApiError(400, "LICENCE_FILE_INVALID", {
      zh: `证照文件的字段与其证照编号不符：${problems[0]}`,
      en: `The licence file does not hash to its licence id: ${problems.join("; ")}`,
    }),
  licenceOtherDeployment: e(
    400,
    "LICENCE_OTHER_DEPLOYMENT",
    "该证照文件属于另一条链或另一个部署。",
    "The licence file names another chain or LicenceRegistry than this exchange's.",
  ),
  licenceConflict: e(
    409,
    "LICENCE_CONFLICT",
    "本节点已保存该证照编号的证照（文件不同，或属于另一个办件）。请重新生成证照（新的随机盐值会得到新的编号）。",
    "This node already holds a licence with this id (another file, or for another application). Build the licence again: fresh salts give a new id.",
  ),

  // ---- deposits

  licenceNotOnChain: e(
    404,
    "LICENCE_NOT_ON_CHAIN",
    "链上没有签发这个证照编号，请在证照签发（办件办结）之后再存入。",
    "No licence with this id is issued on chain: deposit it once it is issued (when the application completes).",
  ),
  notLicenceIssuer: e(
    403,
    "NOT_LICENCE_ISSUER",
    "该证照不是本部门签发的，只能存入本部门签发的证照。",
    "This licence was issued on chain by another department: a department deposits only its own licences.",
  ),
  licenceRecordMismatch: e(
    409,
    "LICENCE_RECORD_MISMATCH",
    "证照文件与链上记录不一致（签发部门、类型或版本）。",
    "The licence file does not match the chain's record (issuing department, type or version).",
  ),
  sealInvalid: (reasons: readonly { zh: string; en: string }[]) =>
    new ApiError(400, "SEAL_INVALID", {
      zh: `证照文件的电子印章无效：${reasons.map((r) => r.zh).join("；")} 请由签发部门重新盖章后再存入。`,
      en: `The licence file's national seal is invalid: ${reasons.map((r) => r.en).join("; ")}. Have the issuing department seal it again, then deposit it.`,
    }),
  licenceRevoked: e(409, "LICENCE_REVOKED", "该证照已被注销，不再存入。", "The licence is revoked on chain."),

  // ---- batch members (status lists of exported credentials)

  batchNotOnChain: e(
    404,
    "BATCH_NOT_ON_CHAIN",
    "链上没有以该默克尔根批量签发的证照批次。请核对批次根（证照文件 batch.root）。",
    "No batch of licences is issued on chain under this Merkle root. Check the batch root (the licence file's batch.root).",
  ),
  batchMembersMismatch: e(
    400,
    "BATCH_MEMBERS_MISMATCH",
    "提供的证照编号不是链上签发的这一批（重建的默克尔根不同、数量不同或有重复）。请提供该批次签发时的全部证照编号，未作任何保存。",
    "The licence ids given are not the batch issued on chain (they rebuild another Merkle root, are not as many, or repeat). Give every licence id of the batch as issued; nothing was recorded.",
  ),
  batchMembersUnknown: e(
    409,
    "BATCH_MEMBERS_UNKNOWN",
    "该证照属于一个批次，而本节点尚不知道该批次的全部证照编号，无法确定其状态列表位置。请发证部门存入该批次的全部证照，或提交该批次的证照编号清单（PUT /batches/{批次根}/members）。",
    "This licence is in a batch whose licence ids this node does not all know, so its place in the status list is unknown. The issuing department deposits every licence of the batch, or posts the batch's id list (PUT /batches/{root}/members).",
  ),

  // ---- output licences held before the approving vote

  applicationNotFound: e(
    404,
    "APPLICATION_NOT_FOUND",
    "链上没有这个办件，请核对办件编号。",
    "No application with this id is on chain: check the application id.",
  ),
  applicationFinished: e(
    409,
    "APPLICATION_FINISHED",
    "该办件已办结、被驳回或已撤回，不再接收出证文件。",
    "The application is completed, rejected or withdrawn: it takes no output licence any more.",
  ),
  outputLicenceExists: e(
    409,
    "OUTPUT_LICENCE_EXISTS",
    "该证照编号的证照已存在（已在链上签发），不能再作为出证证照。请为申请人重新生成出证证照（新的随机盐值会得到新的编号）。",
    "A licence with this id already exists (it is issued on chain): it cannot be an output licence. Build the output licence again for the applicant (fresh salts give a new id).",
  ),
  notOutputStep: e(
    400,
    "NOT_OUTPUT_STEP",
    "该环节不是这个办件的出证环节，请填写出证环节的序号。",
    "This step is not the application's output step: give the index of the step that issues the output licence.",
  ),
  notStepDepartment: e(
    403,
    "NOT_STEP_DEPARTMENT",
    "出证环节不由本部门办理，只有该环节的部门可以提交出证文件。",
    "The output step is decided by another department: only its department holds the output licence.",
  ),
  outputHolderMismatch: e(
    400,
    "OUTPUT_HOLDER_MISMATCH",
    "出证文件的持证人不是该办件的申请人，请为申请人重新生成证照。",
    "The file's holder is not the application's applicant: build the licence for the applicant.",
  ),
  outputIssuerMismatch: e(
    400,
    "OUTPUT_ISSUER_MISMATCH",
    "出证文件的签发部门不是本部门，请以本部门为签发部门重新生成证照。",
    "The file's issuing department is not yours: build the licence with your department as issuer.",
  ),
  outputTypeMismatch: e(
    400,
    "OUTPUT_TYPE_MISMATCH",
    "出证文件的证照类型不是该事项出证环节签发的类型。",
    "The file's licence type is not the one the matter's output step issues.",
  ),

  // ---- uploads

  emptyUpload: e(400, "EMPTY_UPLOAD", "文件为空。", "The document is empty."),
  /** 413: the document passes the largest size (`maxBytes`); nothing was stored. */
  uploadTooLarge: (maxBytes: number) =>
    new ApiError(413, "UPLOAD_TOO_LARGE", {
      zh: `文件超过单个文件 ${sizeText(maxBytes)} 的上限，未保存。请压缩或拆分后再上传。`,
      en: `The document is larger than the limit of ${sizeText(maxBytes)} per document; nothing was stored. Compress or split it, then upload again.`,
    }),
  /** 429: the account keeps as many documents as it may; nothing was stored. */
  uploadCountExceeded: (count: number) =>
    new ApiError(429, "UPLOAD_QUOTA_EXCEEDED", {
      zh: `您的账户已保存 ${count} 份文件，达到每个账户的上限，本次未保存。请先删除不再需要的文件。`,
      en: `Your account keeps ${count} documents, the most an account may keep; this one was not stored. Delete documents you no longer need, then upload again.`,
    }),
  /** 413: the document would take the account past its storage; nothing was stored. */
  uploadBytesExceeded: (usedBytes: number, quotaBytes: number) =>
    new ApiError(413, "UPLOAD_STORAGE_EXCEEDED", {
      zh: `您的账户已使用 ${sizeText(usedBytes)}（上限 ${sizeText(quotaBytes)}），加上此文件将超过上限，本次未保存。请先删除不再需要的文件。`,
      en: `Your account uses ${sizeText(usedBytes)} of its ${sizeText(quotaBytes)}; this document would pass that, so it was not stored. Delete documents you no longer need, then upload again.`,
    }),
  unknownDepartment: e(400, "UNKNOWN_DEPARTMENT", "没有这个部门。", "No such department."),

  // ---- presentations

  presentationNotHeld: e(
    404,
    "LICENCE_NOT_HELD",
    "您在本平台没有这张证照，无法出示。",
    "You hold no such licence on this exchange: it cannot be presented.",
  ),
  presentationNotFound: e(
    404,
    "PRESENTATION_NOT_FOUND",
    "没有这个出示：请核对链接或二维码，或向持证人索取新的出示。",
    "No such presentation: check the link or QR code, or ask the holder for a new one.",
  ),
  presentationExpired: e(
    410,
    "PRESENTATION_EXPIRED",
    "该出示已过期，无法再打开：请持证人重新出示。",
    "This presentation has expired and no longer opens: ask the holder to present the licence again.",
  ),
  presentationWithdrawn: e(
    410,
    "PRESENTATION_WITHDRAWN",
    "持证人已撤回该出示，无法再打开。",
    "The holder withdrew this presentation: it no longer opens.",
  ),
};

/** 429 with Retry-After (seconds). */
export function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    "RATE_LIMITED",
    { zh: "请求过于频繁，请稍后再试。", en: "Too many requests from your department: retry later." },
    { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  );
}

/** 400 for a request that does not match its schema; names the paths, never the values. */
export function invalidRequest(paths: string[]): ApiError {
  const where = paths.length === 0 ? "" : `: ${paths.slice(0, 10).join(", ")}`;
  return new ApiError(400, "INVALID_REQUEST", {
    zh: `请求格式无效${where}。`,
    en: `The request is invalid${where}.`,
  });
}

/** The JSON error of a status that Hono or a middleware produced by itself. */
export function errorOfStatus(status: number): ApiError {
  switch (status) {
    case 400:
      return new ApiError(400, "INVALID_REQUEST", { zh: "请求格式无效。", en: "The request is malformed." });
    case 401:
      return Errors.unauthenticated();
    case 404:
      return Errors.routeNotFound();
    case 405:
      return new ApiError(405, "METHOD_NOT_ALLOWED", { zh: "不支持该方法。", en: "Method not allowed." });
    case 413:
      return new ApiError(413, "BODY_TOO_LARGE", { zh: "请求体过大。", en: "The request body is too large." });
    case 415:
      return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", {
        zh: "不支持的内容类型（Content-Type）。",
        en: "Unsupported Content-Type.",
      });
    default:
      return status >= 500
        ? Errors.internal()
        : new ApiError(status, "REQUEST_REFUSED", { zh: "请求被拒绝。", en: "The request was refused." });
  }
}

/**
 * The answer to an error thrown by the SDK: bad input (400, the SDK's own code and text), a
 * contract refusing (409), the node unreachable (503).
 */
export function fromSdkError(error: unknown): ApiError | undefined {
  if (error instanceof NodeUnreachableError) return Errors.chainUnavailable();
  if (error instanceof ContractRevertError) {
    return new ApiError(
      409,
      `CHAIN_REJECTED_${error.errorName ?? "REVERT"}`.replace(/[^A-Za-z0-9_]/g, "_"),
      error.messages,
    );
  }
  if (error instanceof OneWindowError) {
    const status = error.code === "ECIES_FAILED" ? 409 : 400;
    return new ApiError(status, error.code, error.messages);
  }
  return undefined;
}
