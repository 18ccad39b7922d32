/**
 * The exchange as a Hono app: `createExchange({ db, client, issuers, config })`. It holds no
 * timers and opens no port, so tests and benchmarks run it in-process (`app.request(...)`);
 * src/main.ts serves it on 127.0.0.1.
 */
import { createHash, randomBytes } from "node:crypto";

import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import {
  ApplicationStatus,
  checkLicenceFile,
  ContractRevertError,
  consentIdOf,
  departmentOf,
  discloseFields,
  eciesEncrypt,
  fieldMaskOf,
  getApplication,
  getDepartment,
  getLicence,
  getLicenceType,
  getLicenceTypeByCode,
  getMatter,
  getStep,
  issueLicence,
  LicenceStatus,
  NodeUnreachableError,
  OneWindowError,
  parseLicenceFile,
  readContract,
  serializeDisclosure,
  serializeLicenceFile,
  TransactionFailedError,
  UnknownApplicationError,
  verifyLicence,
  buildLicence,
  type LicenceFile,
  type OneWindowClient,
} from "@onewindow/sdk";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { BaseError as ViemError, getAddress, keccak256, type Address, type Hex } from "viem";
import { parseSiweMessage, verifySiweMessage } from "viem/siwe";

import type { Db } from "./db/index.ts";
import { ApiError, Errors, errorOfStatus, fromSdkError, invalidRequest, rateLimited } from "./errors.ts";
import { TokenBuckets, type RateLimit } from "./limits.ts";
import * as S from "./schemas.ts";
import { open, seal, SealBrokenError } from "./sealed.ts";

/** How the exchange behaves; everything but `domain` and `dataKey` has a default. */
export type ExchangeConfig = {
  /** The RFC 3986 authority SIWE messages must name, e.g. `127.0.0.1:8787` or `exchange.haidian.gov.cn`. */
  domain: string;
  /** 32-byte AES-256-GCM key sealing licence files and documents at rest. */
  dataKey: Uint8Array;
  /** Seconds a SIWE nonce stays usable (default 300). */
  nonceTtlSeconds?: number | undefined;
  /** Longest session in seconds (default 3600); never past the SIWE message's expirationTime. */
  sessionTtlSeconds?: number | undefined;
  /** Disclosures and predicate queries per department (default 20/s, burst 40). */
  rateLimit?: RateLimit | undefined;
  /** Disclosures and predicate answers per department per UTC day (default 10,000). */
  dailyQuota?: number | undefined;
  /** Largest document (default 10 MiB). */
  maxUploadBytes?: number | undefined;
  /** Largest JSON body (default 256 KiB). */
  maxJsonBytes?: number | undefined;
  /** A pending issue not on chain after this many seconds is dropped by `reconcile` (default 600). */
  pendingTimeoutSeconds?: number | undefined;
  /** Structured log of events (ids, codes, counts; never a value, salt or document). */
  log?: ((event: Record<string, unknown>) => void) | undefined;
};

export type CreateExchangeParameters = {
  db: Db;
  /** A read-only client of the deployment. */
  client: OneWindowClient;
  /** Department id → a client signing with an officer key of that department (its issuing key). */
  issuers?: ReadonlyMap<number, OneWindowClient> | Readonly<Record<number, OneWindowClient>> | undefined;
  config: ExchangeConfig;
};

/** The exchange: a Hono app, plus its maintenance task. */
export type ExchangeApp = OpenAPIHono & {
  exchange: {
    /**
     * Settles licences left `pending` (the process stopped between sending and recording):
     * marked issued if the chain has them, dropped when older than `pendingTimeoutSeconds` and
     * not on chain. Promotes pending output licences the ApprovalEngine issued (`outputs`) and
     * deletes those of applications that finished otherwise (`outputsDropped`). Also deletes
     * expired nonces and sessions. main.ts runs it at start and every minute.
     */
    reconcile(options?: { olderThanSeconds?: number }): Promise<{
      issued: number;
      dropped: number;
      outputs: number;
      outputsDropped: number;
    }>;
  };
};

const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "OneWindow data exchange",
    version: "1.0.0",
    description:
      "Each department's data node: consented, encrypted disclosure of licence fields, yes/no predicate queries, uploads, and the holder's access log. Sign in with Ethereum (EIP-4361) for a bearer token.",
  },
};

/** Stands for the holder of a licence this node does not know (never a real holder). */
const NO_HOLDER: Address = "0x000000000000000000000000000000000000dEaD";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const json = (status: number, description: string, schema: z.ZodType) => ({
  [status]: { description, content: { "application/json": { schema } } },
});
const errors = (...statuses: number[]) =>
  Object.assign({}, ...statuses.map((s) => json(s, "Error", S.ErrorSchema))) as Record<number, never>;
const bearer = [{ bearer: [] }];

export function createExchange(parameters: CreateExchangeParameters): ExchangeApp {
  const { db, client, config } = parameters;
  const issuers = new Map<number, OneWindowClient>(
    parameters.issuers instanceof Map
      ? parameters.issuers
      : Object.entries(parameters.issuers ?? {}).map(([id, c]) => [Number(id), c as OneWindowClient]),
  );
  const nonceTtl = config.nonceTtlSeconds ?? 300;
  const sessionTtl = config.sessionTtlSeconds ?? 3600;
  const dailyQuota = config.dailyQuota ?? 10_000;
  const maxUpload = config.maxUploadBytes ?? 10 * 1024 * 1024;
  const maxJson = config.maxJsonBytes ?? 256 * 1024;
  const pendingTimeout = config.pendingTimeoutSeconds ?? 600;
  const buckets = new TokenBuckets(config.rateLimit ?? { perSecond: 20, burst: 40 });
  const log = config.log ?? (() => {});
  const key = config.dataKey;
  if (key.length !== 32) throw new Error("config.dataKey must be 32 bytes");

  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const err = invalidRequest(result.error.issues.map((i) => i.path.join(".") || "(body)"));
        return c.json(err.body(), 400);
      }
    },
  }) as ExchangeApp;

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });

  // ---- cross-cutting: body size, error shape

  const uploadLimit = bodyLimit({
    maxSize: Math.ceil((maxUpload * 4) / 3) + 1024,
    onError: (c) => c.json(errorOfStatus(413).body(), 413),
  });
  const jsonLimit = bodyLimit({ maxSize: maxJson, onError: (c) => c.json(errorOfStatus(413).body(), 413) });
  app.use("*", async (c, next) => {
    await (c.req.path === "/uploads" ? uploadLimit : jsonLimit)(c, next);
    // Anything a middleware or Hono answered by itself (415, 405…) gets the JSON error shape too.
    const type = c.res.headers.get("content-type") ?? "";
    if (c.res.status >= 400 && !type.includes("application/json")) {
      const err = errorOfStatus(c.res.status);
      c.res = new Response(JSON.stringify(err.body()), {
        status: err.status,
        headers: { "content-type": "application/json; charset=UTF-8" },
      });
    }
  });

  app.notFound((c) => c.json(Errors.routeNotFound().body(), 404));
  app.onError((error, c) => {
    const err =
      error instanceof ApiError
        ? error
        : error instanceof HTTPException
          ? errorOfStatus(error.status)
          : (fromSdkError(error) ?? (error instanceof ViemError ? Errors.chainUnavailable() : Errors.internal()));
    if (err.status >= 500) {
      // The error's name and message only: SDK and viem errors never hold field values.
      log({
        event: "error",
        code: err.code,
        path: c.req.path,
        error: `${(error as Error).name}: ${(error as Error).message}`,
      });
    }
    return c.json(err.body(), err.status as 400, err.headers);
  });

  // ---- authentication

  async function sessionOf(c: Context): Promise<Address> {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header);
    if (!match) throw Errors.unauthenticated();
    const rows = await db.query<{ address: string }>(
      "SELECT address FROM sessions WHERE token_hash = $1 AND expires_at > now()",
      [sha256(match[1]!)],
    );
    if (!rows[0]) throw Errors.unauthenticated();
    return rows[0].address as Address;
  }

  /** The caller as an officer of an active department (read from DepartmentRegistry now). */
  async function officerOf(c: Context): Promise<{ address: Address; departmentId: number }> {
    const address = await sessionOf(c);
    const department = await departmentOf(client, { account: address });
    if (!department || !department.active) throw Errors.notOfficer();
    return { address, departmentId: department.departmentId };
  }

  const siweError = (code: string, zh: string, en: string) => new ApiError(401, code, { zh, en });

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/nonce",
      summary: "A single-use nonce for a SIWE message",
      tags: ["auth"],
      request: { body: { content: { "application/json": { schema: S.EmptyBody } }, required: false } },
      responses: { ...json(201, "Nonce", S.NonceResponse), ...errors(400) },
    }),
    async (c) => {
      const nonce = randomBytes(16).toString("hex");
      const rows = await db.query<{ expires_at: Date }>(
        "INSERT INTO auth_nonces (nonce, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING expires_at",
        [nonce, nonceTtl],
      );
      return c.json({ nonce, expiresAt: new Date(rows[0]!.expires_at).toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/verify",
      summary: "Sign in: a signed EIP-4361 message for a bearer session token",
      tags: ["auth"],
      request: { body: { content: { "application/json": { schema: S.VerifyRequest } }, required: true } },
      responses: { ...json(201, "Session", S.SessionResponse), ...errors(400, 401) },
    }),
    async (c) => {
      const { message, signature } = c.req.valid("json");
      let parsed: ReturnType<typeof parseSiweMessage>;
      try {
        parsed = parseSiweMessage(message);
      } catch {
        parsed = {};
      }
      const { address, domain, nonce, chainId, expirationTime, notBefore, uri, version } = parsed;
      if (!address || !domain || !nonce || !chainId || !uri || version !== "1") {
        throw new ApiError(400, "SIWE_MALFORMED", {
          zh: "不是有效的 EIP-4361 登录消息。",
          en: "Not an EIP-4361 message (address, domain, uri, version 1, chain id and nonce are required).",
        });
      }
      if (domain !== config.domain) {
        throw siweError(
          "SIWE_WRONG_DOMAIN",
          "登录消息的域名不是本服务。",
          `The message is for another domain, not ${config.domain}.`,
        );
      }
      if (chainId !== client.chain.id) {
        throw siweError(
          "SIWE_WRONG_CHAIN",
          "登录消息的链不是本服务所在的链。",
          `The message is for chain ${chainId}, this exchange serves chain ${client.chain.id}.`,
        );
      }
      const now = new Date();
      if (!expirationTime) {
        throw siweError("SIWE_NO_EXPIRY", "登录消息必须设置过期时间。", "The message must carry an Expiration Time.");
      }
      if (expirationTime.getTime() <= now.getTime()) {
        throw siweError("SIWE_EXPIRED", "登录消息已过期。", "The message has expired.");
      }
      if (notBefore && notBefore.getTime() > now.getTime()) {
        throw siweError("SIWE_NOT_YET_VALID", "登录消息尚未生效。", "The message is not valid yet (Not Before).");
      }
      let signed = false;
      try {
        // EOA signatures, and EIP-1271 / EIP-6492 contract accounts through the chain.
        signed = await verifySiweMessage(client.public, {
          message,
          signature: signature as Hex,
          domain: config.domain,
          nonce,
          time: now,
        });
      } catch (error) {
        if (error instanceof ViemError && /HTTP request failed|timed out|fetch failed/i.test(error.message))
          throw error;
        signed = false;
      }
      if (!signed) {
        throw siweError(
          "SIWE_BAD_SIGNATURE",
          "签名与登录消息或账户不符。",
          "The signature does not match the message and address.",
        );
      }
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(Math.min(now.getTime() + sessionTtl * 1000, expirationTime.getTime()));
      await db.transaction(async (tx) => {
        const used = await tx.query(
          "UPDATE auth_nonces SET used_at = now() WHERE nonce = $1 AND used_at IS NULL AND expires_at > now() RETURNING nonce",
          [nonce],
        );
        if (used.length === 0) {
          throw siweError(
            "SIWE_NONCE_INVALID",
            "登录随机数无效、已过期或已被使用。",
            "The nonce is unknown, expired or already used.",
          );
        }
        await tx.query("INSERT INTO sessions (token_hash, address, expires_at) VALUES ($1, $2, $3)", [
          sha256(token),
          address.toLowerCase(),
          expiresAt,
        ]);
      });
      const department = await departmentOf(client, { account: address });
      log({ event: "signIn", address: address.toLowerCase() });
      return c.json(
        {
          token,
          address: address.toLowerCase(),
          expiresAt: expiresAt.toISOString(),
          departmentId: department?.active ? department.departmentId : null,
        },
        201,
      );
    },
  );

  // ---- licences

  const loadLicence = async (licenceId: string) => {
    const id = licenceId.toLowerCase();
    const rows = await db.query<{ sealed_file: Uint8Array; holder: string }>(
      "SELECT sealed_file, holder FROM licences WHERE licence_id = $1 AND state = 'issued'",
      [id],
    );
    if (!rows[0]) return undefined;
    const file = parseLicenceFile(JSON.parse(open(key, rows[0].sealed_file, `licence:${id}`).toString("utf8")));
    return { file, holder: rows[0].holder as Address };
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/licences",
      summary: "Issue a licence (officer): the file is kept here, its id goes on chain",
      tags: ["licences"],
      security: bearer,
      request: { body: { content: { "application/json": { schema: S.IssueRequest } }, required: true } },
      responses: { ...json(201, "Issued", S.IssueResponse), ...errors(400, 401, 403, 409, 503) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const officer = await officerOf(c);
      const issuer = issuers.get(officer.departmentId);
      if (!issuer) throw Errors.issuerNotHosted();
      let type;
      try {
        type = body.typeCode
          ? await getLicenceTypeByCode(client, { code: body.typeCode })
          : await getLicenceType(client, { typeId: body.typeId! });
        if (type && body.typeVersion !== undefined && body.typeVersion !== type.version.version) {
          type = await getLicenceType(client, { typeId: type.typeId, version: body.typeVersion });
        }
      } catch (error) {
        if (!(error instanceof ContractRevertError)) throw error;
        type = undefined;
      }
      if (!type || !type.active) {
        throw new ApiError(400, "UNKNOWN_LICENCE_TYPE", {
          zh: "没有这个在用的证照类型或版本。",
          en: "No such active licence type or version.",
        });
      }
      if (!type.version.issuers.includes(officer.departmentId)) {
        throw new ApiError(403, "NOT_AUTHORISED_ISSUER", {
          zh: "本部门无权签发该类型（版本）的证照。",
          en: "Your department is not authorised to issue this licence type version.",
        });
      }
      const { licenceId, file } = buildLicence({
        typeId: type.typeId,
        typeVersion: type.version.version,
        fieldNames: type.version.fieldNames,
        fields: body.fields,
        holder: getAddress(body.holder),
        issuerDepartment: officer.departmentId,
        expiresAt: body.expiresAt,
        chainId: client.chain.id,
        registry: client.addresses.LicenceRegistry,
      });
      const id = licenceId.toLowerCase();
      const sealedFile = seal(key, Buffer.from(serializeLicenceFile(file), "utf8"), `licence:${id}`);
      // Write-ahead: the file is stored (pending, never served) before its id goes on chain, so an
      // issued licence can never lack its file; the row becomes `issued` once the chain has it.
      await db.query(
        `INSERT INTO licences (licence_id, holder, issuer_department, type_id, type_version, state, sealed_file)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
        [id, body.holder.toLowerCase(), officer.departmentId, file.typeId, file.typeVersion, sealedFile],
      );
      let hash: Hex | undefined;
      try {
        hash = (await issueLicence(issuer, { file })).hash;
      } catch (error) {
        const onChain = await getLicence(client, { licenceId }).catch(() => undefined);
        if (!onChain) {
          const definite =
            error instanceof ContractRevertError ||
            error instanceof TransactionFailedError ||
            (error instanceof OneWindowError && !(error instanceof NodeUnreachableError));
          // Refused for sure: nothing on chain, so no row either. Otherwise `reconcile` decides later.
          if (definite) await db.query("DELETE FROM licences WHERE licence_id = $1 AND state = 'pending'", [id]);
          throw error;
        }
      }
      await db.query("UPDATE licences SET state = 'issued', tx_hash = $2, issued_at = now() WHERE licence_id = $1", [
        id,
        hash ?? null,
      ]);
      log({ event: "issued", licenceId: id, departmentId: officer.departmentId, typeId: file.typeId });
      return c.json(
        {
          licenceId: id as Hex,
          transactionHash: (hash ?? "0x" + "0".repeat(64)) as Hex,
          typeId: file.typeId,
          typeVersion: file.typeVersion,
        },
        201,
      );
    },
  );

  /** The canonical form a deposited file is kept and compared in: issue and expiry times from the chain's record. */
  const withChainTimes = (file: LicenceFile, record: { issuedAt: number; expiresAt: number }) =>
    serializeLicenceFile({ ...file, issuedAt: record.issuedAt, expiresAt: record.expiresAt });

  const depositError = (status: number, code: string, zh: string, en: string) => new ApiError(status, code, { zh, en });

  /** A licence file sent by a department: its shape, its hashes (offline) and this deployment, or the refusal. */
  function checkedFile(raw: unknown): LicenceFile {
    // Shape (LicenceFormatError → 400 naming the JSONPath), then the hashes, offline.
    const file = parseLicenceFile(raw);
    const checked = checkLicenceFile(file);
    if (!checked.ok) {
      throw depositError(
        400,
        "LICENCE_FILE_INVALID",
        `证照文件的字段与其证照编号不符：${checked.problems[0]}`,
        `The licence file does not hash to its licence id: ${checked.problems.join("; ")}`,
      );
    }
    if (
      (file.chainId !== undefined && file.chainId !== client.chain.id) ||
      (file.registry !== undefined && getAddress(file.registry) !== getAddress(client.addresses.LicenceRegistry))
    ) {
      throw depositError(
        400,
        "LICENCE_OTHER_DEPLOYMENT",
        "该证照文件属于另一条链或另一个部署。",
        "The licence file names another chain or LicenceRegistry than this exchange's.",
      );
    }
    return file;
  }

  const holderOf = (file: LicenceFile) => file.fields.find((f) => f.name === "holder")!.value.toLowerCase();

  /**
   * A pending output the chain issued becomes the holder's licence (origin `output`, the chain's
   * issue and expiry times); the other pending outputs of its application are deleted.
   */
  async function promoteOutput(
    tx: Pick<Db, "query">,
    row: { licenceId: string; applicationId: string },
    canonical: string,
    issuedAt: number,
  ): Promise<boolean> {
    const sealedFile = seal(key, Buffer.from(canonical, "utf8"), `licence:${row.licenceId}`);
    const promoted = await tx.query(
      `UPDATE licences SET state = 'issued', origin = 'output', sealed_file = $2, issued_at = to_timestamp($3)
       WHERE licence_id = $1 AND state = 'pending_output' RETURNING licence_id`,
      [row.licenceId, sealedFile, issuedAt],
    );
    await tx.query("DELETE FROM licences WHERE application_id = $1 AND state = 'pending_output' AND licence_id <> $2", [
      row.applicationId,
      row.licenceId,
    ]);
    return promoted.length > 0;
  }

  type PendingOutput = {
    licence_id: string;
    application_id: string;
    issuer_department: number;
    sealed_file: Uint8Array;
  };

  /**
   * Settles one pending output against the chain: `issued` (the application completed with this
   * id, issued by the row's department, matching the file, not revoked: promoted), `dropped` (the
   * application finished otherwise, or the chain's licence is not this file: deleted) or `pending`
   * (the application is still open, or the chain's record is not visible yet).
   */
  async function settleOutput(row: PendingOutput): Promise<"issued" | "dropped" | "pending"> {
    const drop = async (why: string) => {
      await db.query("DELETE FROM licences WHERE licence_id = $1 AND state = 'pending_output'", [row.licence_id]);
      log({ event: "outputDropped", licenceId: row.licence_id, applicationId: row.application_id, why });
      return "dropped" as const;
    };
    let application;
    try {
      application = await getApplication(client, { applicationId: row.application_id as Hex });
    } catch (error) {
      if (error instanceof UnknownApplicationError) return drop("unknownApplication");
      throw error;
    }
    if (application.status === ApplicationStatus.Active || application.status === ApplicationStatus.Returned)
      return "pending";
    if (
      application.status !== ApplicationStatus.Completed ||
      application.outputLicenceId?.toLowerCase() !== row.licence_id
    )
      return drop("finishedOtherwise");
    const file = parseLicenceFile(JSON.parse(open(key, row.sealed_file, `licence:${row.licence_id}`).toString("utf8")));
    const verdict = await verifyLicence(client, { file });
    if (!verdict.record) return "pending";
    if (
      verdict.record.issuerDepartment !== row.issuer_department ||
      file.issuerDepartment !== verdict.record.issuerDepartment ||
      file.typeId !== verdict.record.typeId ||
      file.typeVersion !== verdict.record.typeVersion ||
      !verdict.integrity.ok
    )
      return drop("recordMismatch");
    if (verdict.status.status === LicenceStatus.Revoked) return drop("revoked");
    const promoted = await db.transaction((tx) =>
      promoteOutput(
        tx,
        { licenceId: row.licence_id, applicationId: row.application_id },
        withChainTimes(file, verdict.record!),
        verdict.record!.issuedAt,
      ),
    );
    if (promoted) log({ event: "outputIssued", licenceId: row.licence_id, departmentId: row.issuer_department });
    return "issued";
  }

  /** The pending outputs matching `where` (with its parameters), settled one by one. */
  async function settleOutputs(where: string, params: unknown[]): Promise<{ issued: number; dropped: number }> {
    const rows = await db.query<PendingOutput>(
      `SELECT licence_id, application_id, issuer_department, sealed_file FROM licences
       WHERE state = 'pending_output' AND ${where} ORDER BY created_at`,
      params,
    );
    let issued = 0;
    let dropped = 0;
    for (const row of rows) {
      const outcome = await settleOutput(row);
      if (outcome === "issued") issued += 1;
      if (outcome === "dropped") dropped += 1;
    }
    return { issued, dropped };
  }

  /** A holder asking for their licences does not wait for `reconcile`: their pending outputs are settled first. */
  async function settleOutputsOf(holder: string, licenceId?: string): Promise<void> {
    try {
      await (licenceId === undefined
        ? settleOutputs("holder = $1", [holder])
        : settleOutputs("holder = $1 AND licence_id = $2", [holder, licenceId]));
    } catch (error) {
      // The chain unreachable: answer with what is issued; `reconcile` settles them later.
      log({ event: "settleOutputsFailed", error: (error as Error).name });
    }
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/licences/deposit",
      summary:
        "Deposit the file of a licence already issued on chain by the caller's department, e.g. an application's output licence issued by the ApprovalEngine (officer)",
      tags: ["licences"],
      security: bearer,
      request: { body: { content: { "application/json": { schema: S.DepositRequest } }, required: true } },
      responses: {
        ...json(201, "Deposited", S.DepositResponse),
        ...json(200, "Already held (the same file)", S.DepositResponse),
        ...errors(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const officer = await officerOf(c);
      const file = checkedFile(body.file);
      // On chain: issued (a record), by the caller's department, consistent with the file.
      const verdict = await verifyLicence(client, { file });
      if (!verdict.record) {
        throw depositError(
          404,
          "LICENCE_NOT_ON_CHAIN",
          "链上没有签发这个证照编号，请在证照签发（办件办结）之后再存入。",
          "No licence with this id is issued on chain: deposit it once it is issued (when the application completes).",
        );
      }
      if (verdict.record.issuerDepartment !== officer.departmentId) {
        throw depositError(
          403,
          "NOT_LICENCE_ISSUER",
          "该证照不是本部门签发的，只能存入本部门签发的证照。",
          "This licence was issued on chain by another department: a department deposits only its own licences.",
        );
      }
      if (
        file.issuerDepartment !== verdict.record.issuerDepartment ||
        file.typeId !== verdict.record.typeId ||
        file.typeVersion !== verdict.record.typeVersion ||
        !verdict.integrity.ok
      ) {
        throw depositError(
          409,
          "LICENCE_RECORD_MISMATCH",
          "证照文件与链上记录不一致（签发部门、类型或版本）。",
          "The licence file does not match the chain's record (issuing department, type or version).",
        );
      }
      if (verdict.status.status === LicenceStatus.Revoked) {
        throw depositError(409, "LICENCE_REVOKED", "该证照已被注销，不再存入。", "The licence is revoked on chain.");
      }
      const status =
        verdict.status.status === LicenceStatus.Suspended
          ? ("suspended" as const)
          : verdict.status.status === LicenceStatus.Expired
            ? ("expired" as const)
            : ("valid" as const);
      const id = file.licenceId.toLowerCase();
      const holder = holderOf(file);
      const canonical = withChainTimes(file, verdict.record);
      const sealedFile = seal(key, Buffer.from(canonical, "utf8"), `licence:${id}`);
      const alreadyHeld = await db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO licences (licence_id, holder, issuer_department, type_id, type_version, state, sealed_file,
             issued_at, origin, deposited_by)
           VALUES ($1, $2, $3, $4, $5, 'issued', $6, to_timestamp($7), 'deposited', $8)
           ON CONFLICT (licence_id) DO NOTHING RETURNING licence_id`,
          [
            id,
            holder,
            officer.departmentId,
            file.typeId,
            file.typeVersion,
            sealedFile,
            verdict.record!.issuedAt,
            officer.address.toLowerCase(),
          ],
        );
        if (inserted.length > 0) return false;
        // Held already (deposited, or issued through this node): the same licence, or a conflict.
        const rows = await tx.query<{ sealed_file: Uint8Array; state: string; application_id: string | null }>(
          "SELECT sealed_file, state, application_id FROM licences WHERE licence_id = $1 FOR UPDATE",
          [id],
        );
        const held = parseLicenceFile(JSON.parse(open(key, rows[0]!.sealed_file, `licence:${id}`).toString("utf8")));
        if (withChainTimes(held, verdict.record!) !== canonical) {
          throw depositError(
            409,
            "LICENCE_CONFLICT",
            "本节点已保存该证照编号的另一份文件。",
            "This node already holds a different file for this licence id.",
          );
        }
        // An issue through this node still pending: the chain has it now.
        if (rows[0]!.state === "pending") {
          await tx.query("UPDATE licences SET state = 'issued', issued_at = now() WHERE licence_id = $1", [id]);
        }
        // An output held before it was on chain: the chain has it now, issued by this department.
        if (rows[0]!.state === "pending_output") {
          await promoteOutput(
            tx,
            { licenceId: id, applicationId: rows[0]!.application_id! },
            canonical,
            verdict.record!.issuedAt,
          );
        }
        return true;
      });
      if (!alreadyHeld)
        log({ event: "deposited", licenceId: id, departmentId: officer.departmentId, typeId: file.typeId });
      return c.json(
        {
          licenceId: id as Hex,
          typeId: file.typeId,
          typeVersion: file.typeVersion,
          issuerDepartment: verdict.record.issuerDepartment,
          holder,
          status,
          alreadyHeld,
        },
        alreadyHeld ? 200 : 201,
      );
    },
  );

  const outputError = (status: number, code: string, zh: string, en: string) => new ApiError(status, code, { zh, en });

  app.openapi(
    createRoute({
      method: "post",
      path: "/licences/outputs",
      summary:
        "Hold the output licence file of an application before the approving vote names its id (officer of the output step's department); served once the chain issues it",
      tags: ["licences"],
      security: bearer,
      request: { body: { content: { "application/json": { schema: S.HoldOutputRequest } }, required: true } },
      responses: {
        ...json(201, "Held (pending until the application completes with this id)", S.HoldOutputResponse),
        ...json(200, "Already held (the same file for the same application)", S.HoldOutputResponse),
        ...errors(400, 401, 403, 404, 409, 503),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const officer = await officerOf(c);
      const file = checkedFile(body.file);
      const applicationId = body.applicationId.toLowerCase() as Hex;
      let application;
      try {
        application = await getApplication(client, { applicationId });
      } catch (error) {
        if (!(error instanceof UnknownApplicationError)) throw error;
        throw outputError(
          404,
          "APPLICATION_NOT_FOUND",
          "链上没有这个办件，请核对办件编号。",
          "No application with this id is on chain: check the application id.",
        );
      }
      if (application.status !== ApplicationStatus.Active && application.status !== ApplicationStatus.Returned) {
        throw outputError(
          409,
          "APPLICATION_FINISHED",
          "该办件已办结、被驳回或已撤回，不再接收出证文件。",
          "The application is completed, rejected or withdrawn: it takes no output licence any more.",
        );
      }
      const step =
        body.step < application.stepCount ? await getStep(client, { applicationId, step: body.step }) : undefined;
      if (!step?.isOutput) {
        throw outputError(
          400,
          "NOT_OUTPUT_STEP",
          "该环节不是这个办件的出证环节，请填写出证环节的序号。",
          "This step is not the application's output step: give the index of the step that issues the output licence.",
        );
      }
      if (step.departmentId !== officer.departmentId) {
        throw outputError(
          403,
          "NOT_STEP_DEPARTMENT",
          "出证环节不由本部门办理，只有该环节的部门可以提交出证文件。",
          "The output step is decided by another department: only its department holds the output licence.",
        );
      }
      const holder = holderOf(file);
      if (holder !== application.applicant.toLowerCase()) {
        throw outputError(
          400,
          "OUTPUT_HOLDER_MISMATCH",
          "出证文件的持证人不是该办件的申请人，请为申请人重新生成证照。",
          "The file's holder is not the application's applicant: build the licence for the applicant.",
        );
      }
      if (file.issuerDepartment !== officer.departmentId) {
        throw outputError(
          400,
          "OUTPUT_ISSUER_MISMATCH",
          "出证文件的签发部门不是本部门，请以本部门为签发部门重新生成证照。",
          "The file's issuing department is not yours: build the licence with your department as issuer.",
        );
      }
      const matter = await getMatter(client, { matterId: application.matterId, version: application.matterVersion });
      if (file.typeId !== matter.definition.steps[body.step]?.issues) {
        throw outputError(
          400,
          "OUTPUT_TYPE_MISMATCH",
          "出证文件的证照类型不是该事项出证环节签发的类型。",
          "The file's licence type is not the one the matter's output step issues.",
        );
      }
      const id = file.licenceId.toLowerCase();
      const serialized = serializeLicenceFile(file);
      const sealedFile = seal(key, Buffer.from(serialized, "utf8"), `licence:${id}`);
      // Several files may be held for one application (e.g. a vote that did not pass, then another):
      // only the id the chain issues is promoted, the others are deleted when the application finishes.
      const alreadyHeld = await db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO licences (licence_id, holder, issuer_department, type_id, type_version, state, sealed_file,
             origin, deposited_by, application_id, output_step)
           VALUES ($1, $2, $3, $4, $5, 'pending_output', $6, 'output', $7, $8, $9)
           ON CONFLICT (licence_id) DO NOTHING RETURNING licence_id`,
          [
            id,
            holder,
            officer.departmentId,
            file.typeId,
            file.typeVersion,
            sealedFile,
            officer.address.toLowerCase(),
            applicationId,
            body.step,
          ],
        );
        if (inserted.length > 0) return false;
        const rows = await tx.query<{ sealed_file: Uint8Array; state: string; application_id: string | null }>(
          "SELECT sealed_file, state, application_id FROM licences WHERE licence_id = $1 FOR UPDATE",
          [id],
        );
        const held = open(key, rows[0]!.sealed_file, `licence:${id}`).toString("utf8");
        if (rows[0]!.state !== "pending_output" || rows[0]!.application_id !== applicationId || held !== serialized) {
          throw outputError(
            409,
            "LICENCE_CONFLICT",
            "本节点已保存该证照编号的另一份文件。",
            "This node already holds a different file for this licence id.",
          );
        }
        return true;
      });
      if (!alreadyHeld)
        log({
          event: "outputHeld",
          licenceId: id,
          applicationId,
          departmentId: officer.departmentId,
          typeId: file.typeId,
        });
      return c.json(
        {
          licenceId: id as Hex,
          applicationId,
          step: body.step,
          holder,
          state: "pending" as const,
          alreadyHeld,
        },
        alreadyHeld ? 200 : 201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/licences",
      summary: "The caller's own licences (holder)",
      tags: ["licences"],
      security: bearer,
      responses: { ...json(200, "Licences", S.LicenceList), ...errors(401) },
    }),
    async (c) => {
      const holder = await sessionOf(c);
      await settleOutputsOf(holder);
      const rows = await db.query<{
        licence_id: string;
        type_id: number;
        type_version: number;
        issuer_department: number;
        issued_at: Date;
      }>(
        `SELECT licence_id, type_id, type_version, issuer_department, issued_at FROM licences
         WHERE holder = $1 AND state = 'issued' ORDER BY issued_at, licence_id`,
        [holder],
      );
      return c.json(
        {
          licences: rows.map((r) => ({
            licenceId: r.licence_id,
            typeId: r.type_id,
            typeVersion: r.type_version,
            issuerDepartment: r.issuer_department,
            issuedAt: new Date(r.issued_at).toISOString(),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/licences/{licenceId}",
      summary: "One of the caller's licence files (holder)",
      tags: ["licences"],
      security: bearer,
      request: { params: S.LicenceParams },
      responses: { ...json(200, "Licence file", S.LicenceFileSchema), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { licenceId } = c.req.valid("param");
      const holder = await sessionOf(c);
      await settleOutputsOf(holder, licenceId.toLowerCase());
      const licence = await loadLicence(licenceId);
      if (!licence || licence.holder !== holder) throw Errors.notFound();
      return c.json(JSON.parse(serializeLicenceFile(licence.file)) as z.infer<typeof S.LicenceFileSchema>, 200);
    },
  );

  // ---- consented reads: disclosures and predicates

  /** Rate limit now; the daily quota is taken in the transaction that records a granted read. */
  function limit(departmentId: number) {
    const wait = buckets.take(String(departmentId));
    if (wait > 0) throw rateLimited(wait);
  }

  async function takeQuota(tx: Pick<Db, "query">, departmentId: number) {
    const rows = await tx.query(
      `INSERT INTO quota_usage (department_id, day, used) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (department_id, day) DO UPDATE SET used = quota_usage.used + 1 WHERE quota_usage.used < $2
       RETURNING used`,
      [departmentId, dailyQuota],
    );
    if (rows.length === 0 || dailyQuota < 1) throw Errors.quotaExceeded();
  }

  /**
   * The consent check, on chain, at the latest block: whether the licence's holder grants the
   * department these fields of this licence for this purpose now. The same chain call is made
   * whether or not this node knows the licence, and every refusal is the same answer.
   */
  async function consented(departmentId: number, licenceId: Hex, fields: readonly string[], purpose: Hex) {
    const [licence, block] = await Promise.all([
      loadLicence(licenceId),
      client.public.getBlock({ blockTag: "latest" }),
    ]);
    // An unknown licence is asked about for a placeholder holder: the same chain call either way.
    const holder = licence ? getAddress(licence.holder) : NO_HOLDER;
    const known = licence !== undefined && fields.every((f) => licence.file.fieldNames.includes(f));
    const mask = known ? fieldMaskOf(licence.file.fieldNames, fields) : 1n;
    const granted = await readContract(client, {
      contract: "ConsentRegistry",
      functionName: "isGranted",
      args: [holder, departmentId, licenceId, mask, purpose],
      blockNumber: block.number!,
    });
    return {
      licence: known && granted ? licence : undefined,
      holder: licence?.holder,
      consentId: consentIdOf({ holder, departmentId, licenceId, purpose }),
      evidence: { blockNumber: block.number!.toString(), blockHash: block.hash! },
    };
  }

  type LogEntry = {
    kind: "disclosure" | "predicate" | "upload";
    outcome: "granted" | "denied";
    holder: string;
    departmentId: number;
    officer: string;
    licenceId?: string | undefined;
    uploadHash?: string | undefined;
    fields?: readonly string[] | undefined;
    predicateOp?: string | undefined;
    answer?: boolean | undefined;
    valid?: boolean | undefined;
    purpose?: string | undefined;
    consentId?: string | undefined;
    evidence?: { blockNumber: string; blockHash: string } | undefined;
  };
  const record = (tx: Pick<Db, "query">, e: LogEntry) =>
    tx.query(
      `INSERT INTO access_log (kind, outcome, holder, department_id, officer, licence_id, upload_hash, fields,
         predicate_op, answer, valid, purpose, consent_id, block_number, block_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15)`,
      [
        e.kind,
        e.outcome,
        e.holder.toLowerCase(),
        e.departmentId,
        e.officer.toLowerCase(),
        e.licenceId?.toLowerCase() ?? null,
        e.uploadHash ?? null,
        JSON.stringify(e.fields ?? []),
        e.predicateOp ?? null,
        e.answer ?? null,
        e.valid ?? null,
        e.purpose?.toLowerCase() ?? null,
        e.consentId ?? null,
        e.evidence?.blockNumber ?? null,
        e.evidence?.blockHash ?? null,
      ],
    );

  /** Records a refusal for the holder to see (only when the licence is known here), then refuses. */
  async function refuse(entry: Omit<LogEntry, "holder" | "outcome">, holder: string | undefined): Promise<never> {
    if (holder !== undefined) await record(db, { ...entry, holder, outcome: "denied" });
    log({ event: "refused", kind: entry.kind, departmentId: entry.departmentId });
    throw Errors.notPermitted();
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/disclosures",
      summary: "Consented fields of a licence, encrypted to the department's key (officer)",
      tags: ["consented reads"],
      security: bearer,
      request: { body: { content: { "application/json": { schema: S.DisclosureRequest } }, required: true } },
      responses: { ...json(200, "Disclosure", S.DisclosureResponse), ...errors(400, 401, 403, 409, 429, 503) },
    }),
    async (c) => {
      const { licenceId, fields, purpose } = c.req.valid("json");
      const officer = await officerOf(c);
      limit(officer.departmentId);
      const [check, department] = await Promise.all([
        consented(officer.departmentId, licenceId as Hex, fields, purpose as Hex),
        getDepartment(client, { departmentId: officer.departmentId }),
      ]);
      const entry = {
        kind: "disclosure" as const,
        departmentId: officer.departmentId,
        officer: officer.address,
        licenceId,
        fields,
        purpose,
        consentId: check.consentId,
        evidence: check.evidence,
      };
      if (!check.licence) return refuse(entry, check.holder);
      const disclosure = serializeDisclosure(discloseFields(check.licence.file, fields));
      let envelope: Hex;
      try {
        envelope = eciesEncrypt(department.encryptionKey, new TextEncoder().encode(disclosure));
      } catch {
        throw Errors.noEncryptionKey();
      }
      await db.transaction(async (tx) => {
        await takeQuota(tx, officer.departmentId);
        await record(tx, { ...entry, holder: check.licence!.holder, outcome: "granted" });
      });
      log({ event: "disclosed", departmentId: officer.departmentId, fieldCount: fields.length });
      return c.json(
        {
          envelope,
          consentId: check.consentId,
          evidence: check.evidence as { blockNumber: string; blockHash: string },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/predicates",
      summary: "Yes or no: is the licence valid and does a field satisfy a predicate (officer)",
      tags: ["consented reads"],
      security: bearer,
      request: { body: { content: { "application/json": { schema: S.PredicateRequest } }, required: true } },
      responses: { ...json(200, "Answer", S.PredicateResponse), ...errors(400, 401, 403, 429, 503) },
    }),
    async (c) => {
      const query = c.req.valid("json");
      const officer = await officerOf(c);
      limit(officer.departmentId);
      const check = await consented(officer.departmentId, query.licenceId as Hex, [query.field], query.purpose as Hex);
      const entry = {
        kind: "predicate" as const,
        departmentId: officer.departmentId,
        officer: officer.address,
        licenceId: query.licenceId,
        fields: [query.field],
        predicateOp: query.op,
        purpose: query.purpose,
        consentId: check.consentId,
        evidence: check.evidence,
      };
      if (!check.licence) return refuse(entry, check.holder);
      const file: LicenceFile = check.licence.file;
      const value = file.fields.find((f) => f.name === query.field)!.value;
      const answer =
        query.op === "eq"
          ? value === query.value
          : query.op === "startsWith"
            ? value.startsWith(query.value)
            : inRange(value, query.min, query.max);
      const { valid } = await verifyLicence(client, { file });
      await db.transaction(async (tx) => {
        await takeQuota(tx, officer.departmentId);
        await record(tx, { ...entry, holder: check.licence!.holder, outcome: "granted", answer, valid });
      });
      return c.json(
        {
          answer,
          valid,
          consentId: check.consentId,
          evidence: check.evidence as { blockNumber: string; blockHash: string },
        },
        200,
      );
    },
  );

  // ---- uploads (raw bytes or base64 JSON: routed by hand, documented in the registry)

  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/uploads",
    summary: "Store a document (holder): content-addressed by keccak256, sealed at rest",
    tags: ["uploads"],
    security: bearer,
    request: {
      body: {
        required: true,
        content: {
          "application/octet-stream": { schema: { type: "string", format: "binary" } },
          "application/json": { schema: S.UploadJson },
        },
      },
    },
    responses: { ...json(201, "Stored", S.UploadResponse), ...errors(400, 401, 413, 415) },
  });
  app.post("/uploads", async (c) => {
    const owner = await sessionOf(c);
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    let bytes: Buffer;
    if (type === "application/octet-stream") {
      bytes = Buffer.from(await c.req.arrayBuffer());
    } else if (type === "application/json") {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw errorOfStatus(400);
      }
      const parsed = S.UploadJson.safeParse(body);
      if (!parsed.success) throw invalidRequest(parsed.error.issues.map((i) => i.path.join(".") || "(body)"));
      if (parsed.data.contentBase64.length % 4 !== 0) throw invalidRequest(["contentBase64"]);
      bytes = Buffer.from(parsed.data.contentBase64, "base64");
    } else {
      throw errorOfStatus(415);
    }
    if (bytes.length === 0) {
      throw new ApiError(400, "EMPTY_UPLOAD", { zh: "文件为空。", en: "The document is empty." });
    }
    if (bytes.length > maxUpload) throw errorOfStatus(413);
    const hash = keccak256(bytes);
    const sealedBlob = seal(key, bytes, `upload:${hash}`);
    await db.transaction(async (tx) => {
      await tx.query(
        "INSERT INTO upload_blobs (hash, size, sealed) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING",
        [hash, bytes.length, sealedBlob],
      );
      await tx.query("INSERT INTO upload_owners (hash, owner) VALUES ($1, $2) ON CONFLICT DO NOTHING", [hash, owner]);
    });
    return c.json({ hash, size: bytes.length }, 201);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/uploads/{hash}/shares",
      summary: "Share one of the caller's documents with a department (owner)",
      tags: ["uploads"],
      security: bearer,
      request: {
        params: S.UploadParams,
        body: { content: { "application/json": { schema: S.ShareRequest } }, required: true },
      },
      responses: { ...json(201, "Shared", S.ShareResponse), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { hash } = c.req.valid("param");
      const { departmentId } = c.req.valid("json");
      const owner = await sessionOf(c);
      const id = hash.toLowerCase();
      const owned = await db.query("SELECT 1 FROM upload_owners WHERE hash = $1 AND owner = $2", [id, owner]);
      if (owned.length === 0) throw Errors.notFound();
      try {
        await getDepartment(client, { departmentId });
      } catch (error) {
        if (error instanceof ContractRevertError) {
          throw new ApiError(400, "UNKNOWN_DEPARTMENT", { zh: "没有这个部门。", en: "No such department." });
        }
        throw error;
      }
      await db.query(
        "INSERT INTO upload_shares (hash, owner, department_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [id, owner, departmentId],
      );
      return c.json({ hash: id, departmentId }, 201);
    },
  );

  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/uploads/{hash}",
    summary: "A stored document (its owner, or an officer of a department it was shared with)",
    tags: ["uploads"],
    security: bearer,
    request: { params: S.UploadParams },
    responses: {
      200: {
        description: "The document",
        content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
      },
      ...errors(400, 401, 404, 500),
    },
  });
  app.get("/uploads/:hash", async (c) => {
    const parsed = S.UploadParams.safeParse({ hash: c.req.param("hash") });
    if (!parsed.success) throw invalidRequest(["hash"]);
    const hash = parsed.data.hash.toLowerCase();
    const caller = await sessionOf(c);
    const owned = await db.query("SELECT 1 FROM upload_owners WHERE hash = $1 AND owner = $2", [hash, caller]);
    let sharedBy: { owner: string; departmentId: number } | undefined;
    if (owned.length === 0) {
      const department = await departmentOf(client, { account: caller });
      if (department?.active) {
        const shares = await db.query<{ owner: string }>(
          "SELECT owner FROM upload_shares WHERE hash = $1 AND department_id = $2 ORDER BY created_at LIMIT 1",
          [hash, department.departmentId],
        );
        if (shares[0]) sharedBy = { owner: shares[0].owner, departmentId: department.departmentId };
      }
      if (!sharedBy) throw Errors.notFound();
    }
    const rows = await db.query<{ sealed: Uint8Array }>("SELECT sealed FROM upload_blobs WHERE hash = $1", [hash]);
    if (!rows[0]) throw Errors.notFound();
    let bytes: Buffer;
    try {
      bytes = open(key, rows[0].sealed, `upload:${hash}`);
    } catch (error) {
      if (!(error instanceof SealBrokenError)) throw error;
      log({ event: "tampered", hash });
      throw Errors.tampered();
    }
    if (keccak256(bytes) !== hash) {
      log({ event: "tampered", hash });
      throw Errors.tampered();
    }
    if (sharedBy) {
      await record(db, {
        kind: "upload",
        outcome: "granted",
        holder: sharedBy.owner,
        departmentId: sharedBy.departmentId,
        officer: caller,
        uploadHash: hash,
      });
    }
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": "application/octet-stream",
      "x-content-keccak256": hash,
    });
  });

  // ---- access log

  app.openapi(
    createRoute({
      method: "get",
      path: "/access-log",
      summary: "Who read the caller's data, when, for what, with the evidence (holder)",
      tags: ["access log"],
      security: bearer,
      request: { query: S.AccessLogQuery },
      responses: { ...json(200, "Access log", S.AccessLog), ...errors(400, 401) },
    }),
    async (c) => {
      const { limit: count, before } = c.req.valid("query");
      const holder = await sessionOf(c);
      const rows = await db.query<Record<string, unknown>>(
        `SELECT id::text AS id, at, kind, outcome, department_id, officer, licence_id, upload_hash, fields, predicate_op,
                answer, purpose, consent_id, block_number::text AS block_number, block_hash
         FROM access_log WHERE holder = $1 AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY id DESC LIMIT $3`,
        [holder, before ?? null, count + 1],
      );
      const page = rows.slice(0, count);
      return c.json(
        {
          entries: page.map((r) => ({
            id: r.id as string,
            at: new Date(r.at as Date).toISOString(),
            kind: r.kind as "disclosure",
            outcome: r.outcome as "granted",
            departmentId: Number(r.department_id),
            officer: r.officer as string,
            licenceId: (r.licence_id as string | null) ?? null,
            uploadHash: (r.upload_hash as string | null) ?? null,
            fields: (typeof r.fields === "string" ? JSON.parse(r.fields) : r.fields) as string[],
            predicateOp: (r.predicate_op as string | null) ?? null,
            answer: (r.answer as boolean | null) ?? null,
            purpose: (r.purpose as string | null) ?? null,
            consentId: (r.consent_id as string | null) ?? null,
            evidence: r.block_hash
              ? { blockNumber: r.block_number as string, blockHash: r.block_hash as string }
              : null,
          })),
          next: rows.length > count ? (page[page.length - 1]!.id as string) : null,
        },
        200,
      );
    },
  );

  app.doc31("/openapi.json", OPENAPI_INFO);

  // ---- maintenance

  app.exchange = {
    async reconcile(options = {}) {
      const olderThan = options.olderThanSeconds ?? 60;
      const pending = await db.query<{ licence_id: string; issuer_department: number; age: number }>(
        `SELECT licence_id, issuer_department, extract(epoch FROM now() - created_at)::float8 AS age
         FROM licences WHERE state = 'pending' AND created_at < now() - make_interval(secs => $1)`,
        [olderThan],
      );
      let issued = 0;
      let dropped = 0;
      for (const row of pending) {
        const onChain = await getLicence(client, { licenceId: row.licence_id as Hex });
        if (onChain && onChain.issuerDepartment === row.issuer_department) {
          await db.query("UPDATE licences SET state = 'issued', issued_at = now() WHERE licence_id = $1", [
            row.licence_id,
          ]);
          issued += 1;
        } else if (Number(row.age) > pendingTimeout) {
          await db.query("DELETE FROM licences WHERE licence_id = $1 AND state = 'pending'", [row.licence_id]);
          dropped += 1;
        }
      }
      // Output licences held before they were on chain: promoted once issued, deleted once the application finished otherwise.
      const outputs = await settleOutputs("true", []);
      await db.query("DELETE FROM auth_nonces WHERE expires_at < now() - interval '1 day'");
      await db.query("DELETE FROM sessions WHERE expires_at < now() - interval '1 day'");
      if (issued + dropped + outputs.issued + outputs.dropped > 0)
        log({ event: "reconciled", issued, dropped, outputs: outputs.issued, outputsDropped: outputs.dropped });
      return { issued, dropped, outputs: outputs.issued, outputsDropped: outputs.dropped };
    },
  };
  return app;
}

/**
 * `range`: min ≤ value ≤ max (either bound may be absent). Numbers (decimal strings) compare as
 * numbers when the value and every bound are numbers; otherwise as strings by code points, which
 * orders ISO dates (`2024-03-01`) correctly.
 */
export function inRange(value: string, min: string | undefined, max: string | undefined): boolean {
  const decimal = /^-?\d+(\.\d+)?$/;
  const numeric = [value, min, max].every((v) => v === undefined || decimal.test(v));
  const cmp = (a: string, b: string) => (numeric ? Math.sign(Number(a) - Number(b)) : a < b ? -1 : a > b ? 1 : 0);
  return (min === undefined || cmp(value, min) >= 0) && (max === undefined || cmp(value, max) <= 0);
}
