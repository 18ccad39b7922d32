/**
 * Documents: stored content-addressed (keccak256) and sealed at rest, shared by their owner with
 * a department. Upload and download take raw bytes (or base64 JSON), so they are routed by hand
 * and documented in the registry.
 */
import { createRoute } from "@hono/zod-openapi";
import { ContractRevertError, departmentOf, getDepartment } from "@onewindow/sdk";
import type { Context } from "hono";
import { keccak256 } from "viem";

import { sessionOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors, errorOfStatus, invalidRequest } from "../errors.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { open, seal, SealBrokenError } from "../sealed.ts";
import { recordAccess } from "../store/access-log.ts";
import {
  deleteUpload,
  firstSharer,
  ownsUpload,
  sealedUpload,
  shareUpload,
  storeUpload,
  unshareUpload,
} from "../store/uploads.ts";

const binary = { schema: { type: "string" as const, format: "binary" } };

const uploadDoc = {
  method: "post" as const,
  path: "/",
  summary: "Store a document (holder): content-addressed by keccak256, sealed at rest",
  tags: ["uploads"],
  security: bearer,
  request: {
    body: {
      required: true,
      content: { "application/octet-stream": binary, "application/json": { schema: S.UploadJson } },
    },
  },
  responses: { ...json(201, "Stored", S.UploadResponse), ...errors(400, 401, 413, 415) },
};

const shareRoute = createRoute({
  method: "post",
  path: "/{hash}/shares",
  summary: "Share one of the caller's documents with a department (owner)",
  tags: ["uploads"],
  security: bearer,
  request: {
    params: S.UploadParams,
    body: { content: { "application/json": { schema: S.ShareRequest } }, required: true },
  },
  responses: { ...json(201, "Shared", S.ShareResponse), ...errors(400, 401, 404) },
});

const unshareRoute = createRoute({
  method: "delete",
  path: "/{hash}/shares/{departmentId}",
  summary: "Stop sharing one of the caller's documents with a department (owner)",
  tags: ["uploads"],
  security: bearer,
  request: { params: S.UnshareParams },
  responses: { 204: { description: "No longer shared" }, ...errors(400, 401, 404) },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/{hash}",
  summary: "Delete one of the caller's documents, with its shares (owner)",
  tags: ["uploads"],
  security: bearer,
  request: { params: S.UploadParams },
  responses: { 204: { description: "Deleted" }, ...errors(400, 401, 404) },
});

const downloadDoc = {
  method: "get" as const,
  path: "/{hash}",
  summary: "A stored document (its owner, or an officer of a department it was shared with)",
  tags: ["uploads"],
  security: bearer,
  request: { params: S.UploadParams },
  responses: {
    200: { description: "The document", content: { "application/octet-stream": binary } },
    ...errors(400, 401, 404, 500),
  },
};

/** The document's bytes: raw (`application/octet-stream`) or base64 in JSON; else 400 or 415. */
async function uploadedBytes(c: Context): Promise<Buffer> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/octet-stream") return Buffer.from(await c.req.arrayBuffer());
  if (type !== "application/json") throw errorOfStatus(415);
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw errorOfStatus(400);
  }
  const parsed = S.UploadJson.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error.issues.map((i) => i.path.join(".") || "(body)"));
  if (parsed.data.contentBase64.length % 4 !== 0) throw invalidRequest(["contentBase64"]);
  return Buffer.from(parsed.data.contentBase64, "base64");
}

/** Mounted at /uploads. */
export function uploadRoutes(ctx: ExchangeContext) {
  const { db, client, log, dataKey } = ctx;

  /** Opens a stored document and checks it against its hash, or 500 UPLOAD_TAMPERED. */
  const openUpload = (sealed: Uint8Array, hash: string): Buffer => {
    let bytes: Buffer;
    try {
      bytes = open(dataKey, sealed, `upload:${hash}`);
    } catch (error) {
      if (!(error instanceof SealBrokenError)) throw error;
      log({ event: "tampered", hash });
      throw Errors.tampered();
    }
    if (keccak256(bytes) !== hash) {
      log({ event: "tampered", hash });
      throw Errors.tampered();
    }
    return bytes;
  };

  const app = newRouter();
  app.openAPIRegistry.registerPath(uploadDoc);
  const withShares = app.openapi(shareRoute, async (c) => {
    const { hash } = c.req.valid("param");
    const { departmentId } = c.req.valid("json");
    const owner = await sessionOf(ctx, c);
    const id = hash.toLowerCase();
    if (!(await ownsUpload(db, id, owner))) throw Errors.notFound();
    try {
      await getDepartment(client, { departmentId });
    } catch (error) {
      if (error instanceof ContractRevertError) throw Errors.unknownDepartment();
      throw error;
    }
    await shareUpload(db, id, owner, departmentId);
    return c.json({ hash: id, departmentId }, 201);
  });
  const withDeletes = withShares
    .openapi(unshareRoute, async (c) => {
      const { hash, departmentId } = c.req.valid("param");
      const owner = await sessionOf(ctx, c);
      // Not the caller's document, or not shared with that department: the same 404.
      if (!(await unshareUpload(db, hash.toLowerCase(), owner, departmentId))) throw Errors.notFound();
      return c.body(null, 204);
    })
    .openapi(deleteRoute, async (c) => {
      const { hash } = c.req.valid("param");
      const owner = await sessionOf(ctx, c);
      if (!(await deleteUpload(db, hash.toLowerCase(), owner))) throw Errors.notFound();
      log({ event: "uploadDeleted" });
      return c.body(null, 204);
    });
  withDeletes.openAPIRegistry.registerPath(downloadDoc);
  return withDeletes
    .post("/", async (c) => {
      const owner = await sessionOf(ctx, c);
      const bytes = await uploadedBytes(c);
      if (bytes.length === 0) throw Errors.emptyUpload();
      if (bytes.length > ctx.maxUploadBytes) throw errorOfStatus(413);
      const hash = keccak256(bytes);
      const sealed = seal(dataKey, bytes, `upload:${hash}`);
      await storeUpload(db, { hash, size: bytes.length, sealed, owner });
      return c.json({ hash, size: bytes.length }, 201);
    })
    .get("/:hash", async (c) => {
      const parsed = S.UploadParams.safeParse({ hash: c.req.param("hash") });
      if (!parsed.success) throw invalidRequest(["hash"]);
      const hash = parsed.data.hash.toLowerCase();
      const caller = await sessionOf(ctx, c);
      let sharedBy: { owner: string; departmentId: number } | undefined;
      if (!(await ownsUpload(db, hash, caller))) {
        const department = await departmentOf(client, { account: caller });
        if (department?.active) {
          const owner = await firstSharer(db, hash, department.departmentId);
          if (owner) sharedBy = { owner, departmentId: department.departmentId };
        }
        if (!sharedBy) throw Errors.notFound();
      }
      const sealed = await sealedUpload(db, hash);
      if (!sealed) throw Errors.notFound();
      const bytes = openUpload(sealed, hash);
      if (sharedBy) {
        await recordAccess(db, {
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
}
