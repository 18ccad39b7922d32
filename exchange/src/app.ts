/**
 * The exchange as a Hono app: `createExchange({ db, client, issuers, config })`. It holds no
 * timers and opens no port, so tests and benchmarks run it in-process (`app.request(...)`);
 * src/main.ts serves it on 127.0.0.1.
 *
 * This file holds the configuration, the cross-cutting middleware and the mounting of one sub-app
 * per resource (routes/); SQL is in store/, the maintenance job in jobs/, shared access checks in
 * access.ts, every message in errors.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { OpenAPIHono } from "@hono/zod-openapi";
import type { OneWindowClient } from "@onewindow/sdk";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { BaseError as ViemError, type Hex } from "viem";

import { ChainView } from "./chain-view.ts";
import type { ExchangeContext } from "./context.ts";
import type { Db } from "./db/index.ts";
import { ApiError, Errors, errorOfStatus, fromSdkError } from "./errors.ts";
import { reconcile, type ReconcileResult } from "./jobs/reconcile.ts";
import { rateLimiterFor, type RateLimit, type UploadQuota } from "./limits.ts";
import { newRouter, OPENAPI_INFO } from "./openapi.ts";
import { accessLogRoutes } from "./routes/access-log.ts";
import { authRoutes } from "./routes/auth.ts";
import { catalogueRoutes } from "./routes/catalogue.ts";
import { credentialRoutes } from "./routes/credentials.ts";
import { depositRoutes } from "./routes/deposits.ts";
import { disclosureRoutes } from "./routes/disclosures.ts";
import { licenceRoutes } from "./routes/licences.ts";
import { outputRoutes } from "./routes/outputs.ts";
import { predicateRoutes } from "./routes/predicates.ts";
import { presentationRoutes } from "./routes/presentations.ts";
import { uploadRoutes } from "./routes/uploads.ts";

/** How the exchange behaves; everything but `domain` and `dataKey` has a default. */
export type ExchangeConfig = {
  /** The RFC 3986 authority SIWE messages must name, e.g. `127.0.0.1:8787` or `exchange.haidian.gov.cn`. */
  domain: string;
  /** 32-byte AES-256-GCM key sealing licence files and documents at rest. */
  dataKey: Uint8Array;
  /** Seconds a SIWE nonce stays usable (default 300). */
  nonceTtlSeconds?: number | undefined;
  /** Most sign-in nonces live at once (handed out, unused, unexpired; default 10,000): past it, 429. */
  maxLiveNonces?: number | undefined;
  /** Longest session in seconds (default 3600); never past the SIWE message's expirationTime. */
  sessionTtlSeconds?: number | undefined;
  /**
   * Disclosures and predicate queries per department (default 20/s, burst 40); counted in the
   * database on PostgreSQL (shared by the processes using it), in memory on PGlite.
   */
  rateLimit?: RateLimit | undefined;
  /** Disclosures and predicate answers per department per UTC day (default 10,000). */
  dailyQuota?: number | undefined;
  /** Largest document (default 10 MiB). */
  maxUploadBytes?: number | undefined;
  /** Documents and bytes each account may keep stored (default 1,000 and 1 GiB): past it, 429 or 413. */
  uploadQuota?: Partial<UploadQuota> | undefined;
  /**
   * Folder of the sealed documents, one file per hash (default: a fresh temporary folder; the
   * process uses `<EXCHANGE_DATA_DIR>/uploads`). Processes sharing a database must share it.
   */
  uploadDir?: string | undefined;
  /** Largest JSON body (default 256 KiB). */
  maxJsonBytes?: number | undefined;
  /** A pending issue not on chain after this many seconds is dropped by `reconcile` (default 600). */
  pendingTimeoutSeconds?: number | undefined;
  /** Structured log of events (ids, codes, counts; never a value, salt or document). */
  log?: ((event: Record<string, unknown>) => void) | undefined;
  /**
   * The exchange's public URL as verifiers reach it (e.g. `https://exchange.haidian.gov.cn` or
   * `https://gov.example/onewindow`, behind a proxy): the base of the issuer ids, the JSON-LD
   * context and the status-list URLs in exported credentials. Default: each request's origin.
   */
  publicUrl?: string | undefined;
};

export type CreateExchangeParameters = {
  db: Db;
  /** A read-only client of the deployment. */
  client: OneWindowClient;
  /** Department id → a client signing with an officer key of that department (its issuing key). */
  issuers?: ReadonlyMap<number, OneWindowClient> | Readonly<Record<number, OneWindowClient>> | undefined;
  /** Department id → its SM2 seal private key: this node seals what it issues or promotes for it. */
  sealKeys?: ReadonlyMap<number, Hex> | undefined;
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
    reconcile(options?: { olderThanSeconds?: number }): Promise<ReconcileResult>;
  };
};

/** The routes' types, for a typed client: `hc<ExchangeAppType>(url)`. */
export type ExchangeAppType = ReturnType<typeof mountRoutes>;

/** The shared context of every sub-app and job, with the defaults filled in. */
function contextOf(parameters: CreateExchangeParameters): ExchangeContext {
  const { db, client, config } = parameters;
  if (config.dataKey.length !== 32) throw new Error("config.dataKey must be 32 bytes");
  return {
    db,
    client,
    chain: new ChainView(client),
    issuers: new Map<number, OneWindowClient>(
      parameters.issuers instanceof Map
        ? parameters.issuers
        : Object.entries(parameters.issuers ?? {}).map(([id, c]) => [Number(id), c as OneWindowClient]),
    ),
    sealKeys: new Map(parameters.sealKeys ?? []),
    domain: config.domain,
    dataKey: config.dataKey,
    nonceTtlSeconds: config.nonceTtlSeconds ?? 300,
    maxLiveNonces: config.maxLiveNonces ?? 10_000,
    sessionTtlSeconds: config.sessionTtlSeconds ?? 3600,
    dailyQuota: config.dailyQuota ?? 10_000,
    maxUploadBytes: config.maxUploadBytes ?? 10 * 1024 * 1024,
    maxJsonBytes: config.maxJsonBytes ?? 256 * 1024,
    pendingTimeoutSeconds: config.pendingTimeoutSeconds ?? 600,
    buckets: rateLimiterFor(db, config.rateLimit ?? { perSecond: 20, burst: 40 }),
    uploadQuota: { count: config.uploadQuota?.count ?? 1000, bytes: config.uploadQuota?.bytes ?? 1024 ** 3 },
    uploadDir: config.uploadDir ?? mkdtempSync(path.join(tmpdir(), "onewindow-exchange-uploads-")),
    log: config.log ?? (() => {}),
    publicUrl: config.publicUrl === undefined ? undefined : publicUrlOf(config.publicUrl),
  };
}

/** `publicUrl` checked (absolute http or https, no query or fragment) and without a trailing slash. */
function publicUrlOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `config.publicUrl "${text}" is not a URL: give the exchange's public URL, e.g. https://exchange.haidian.gov.cn`,
    );
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.search !== "" || url.hash !== "") {
    throw new Error(`config.publicUrl "${text}" must be an http(s) URL without query or fragment`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** Body size limits, and the JSON error shape for anything a middleware or Hono answered by itself. */
function useMiddleware(app: OpenAPIHono, ctx: ExchangeContext): void {
  const uploadLimit = bodyLimit({
    maxSize: Math.ceil((ctx.maxUploadBytes * 4) / 3) + 1024,
    onError: (c) => c.json(errorOfStatus(413).body(), 413),
  });
  const jsonLimit = bodyLimit({
    maxSize: ctx.maxJsonBytes,
    onError: (c) => c.json(errorOfStatus(413).body(), 413),
  });
  app.use("*", async (c, next) => {
    // bodyLimit answers an oversized body by returning its 413 (without calling next): keep it.
    const refused = await (c.req.path === "/uploads" ? uploadLimit : jsonLimit)(c, next);
    if (refused instanceof Response) c.res = refused;
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
      ctx.log({
        event: "error",
        code: err.code,
        path: c.req.path,
        error: `${(error as Error).name}: ${(error as Error).message}`,
      });
    }
    return c.json(err.body(), err.status as 400, err.headers);
  });
}

/** One sub-app per resource, each at its own path. */
function mountRoutes(app: OpenAPIHono, ctx: ExchangeContext) {
  return (
    app
      .route("/auth", authRoutes(ctx))
      // Deposits and outputs before the licences themselves: the OpenAPI document describes the
      // shared LicenceFile schema as it did when these routes were registered in that order.
      .route("/licences/deposit", depositRoutes(ctx))
      .route("/licences/outputs", outputRoutes(ctx))
      .route("/licences", licenceRoutes(ctx))
      .route("/disclosures", disclosureRoutes(ctx))
      .route("/predicates", predicateRoutes(ctx))
      .route("/uploads", uploadRoutes(ctx))
      .route("/access-log", accessLogRoutes(ctx))
      .route("/presentations", presentationRoutes(ctx))
      .route("/catalogue", catalogueRoutes(ctx))
      .route("/", credentialRoutes(ctx))
  );
}

export function createExchange(parameters: CreateExchangeParameters): ExchangeApp {
  const ctx = contextOf(parameters);
  const app = newRouter();
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  useMiddleware(app, ctx);
  mountRoutes(app, ctx);
  app.doc31("/openapi.json", OPENAPI_INFO);
  return Object.assign(app, {
    exchange: { reconcile: (options?: { olderThanSeconds?: number }) => reconcile(ctx, options) },
  });
}
