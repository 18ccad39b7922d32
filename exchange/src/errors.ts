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
  quotaExceeded: e(
    429,
    "DAILY_QUOTA_EXCEEDED",
    "本部门今日的数据查询次数已用完。",
    "Your department has used up today's quota of disclosures and queries.",
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
