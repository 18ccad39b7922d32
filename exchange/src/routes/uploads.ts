/**
 * Documents: stored content-addressed (keccak256) and sealed at rest, shared by their owner with
 * a department. Upload and download take raw bytes (or base64 JSON), so they are routed by hand
 * and documented in the registry.
 */
import { createRoute } from "@hono/zod-openapi";
import { ContractRevertError, getDepartment } from "@onewindow/sdk";
import type { Context } from "hono";
import { keccak256 } from "viem";

import { sessionOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors, errorOfStatus, invalidRequest } from "../errors.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { open, SealBrokenError } from "../sealed.ts";
import { recordAccess } from "../store/access-log.ts";
import {
  deleteUpload,
  firstSharer,
  ownsUpload,
  shareUpload,
  storedUpload,
  storeUploadFile,
  unshareUpload,
  uploadUsage,
  type StoreOutcome,
} from "../store/uploads.ts";
import {
  discardUpload,
  keepUpload,
  readUploadFile,
  receiveUpload,
  removeUploadFile,
  UploadTooLargeError,
  type ReceivedUpload,
} from "../upload-files.ts";

const binary = { schema: { type: "string" as const, format: "binary" } };

const uploadDoc = {
  method: "post" as const,
  path: "/",
  summary:
    "Store a document (holder): streamed, content-addressed by keccak256, sealed at rest; within the account's quota",
  tags: ["uploads"],
  security: bearer,
  request: {
    body: {
      required: true,
      content: { "application/octet-stream": binary, "application/json": { schema: S.UploadJson } },
    },
  },
  responses: { ...json(201, "Stored", S.UploadResponse), ...errors(400, 401, 413, 415, 429) },
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

/**
 * The document's bytes as they arrive: the raw body (`application/octet-stream`, streamed, with
 * its declared length if any), or base64 in JSON (bounded by the body limit); else 400 or 415.
 */
async function uploadedChunks(
  c: Context,
): Promise<{ chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; declared?: number }> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/octet-stream") {
    const length = Number(c.req.header("content-length"));
    const body = c.req.raw.body;
    return {
      chunks: body ?? (async function* () {})(),
      ...(Number.isSafeInteger(length) && length >= 0 ? { declared: length } : {}),
    };
  }
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
  const bytes = Buffer.from(parsed.data.contentBase64, "base64");
  return { chunks: [bytes], declared: bytes.length };
}

/** Mounted at /uploads. */
export function uploadRoutes(ctx: ExchangeContext) {
  const { db, client, log, dataKey } = ctx;

  /** Opens a stored document (its file, or its row's sealed bytes) and checks it against its hash, or 500 UPLOAD_TAMPERED. */
  const openUpload = async (
    stored: { file: string; sealed: null } | { file: null; sealed: Uint8Array },
    hash: string,
  ): Promise<Buffer> => {
    let opened: { bytes: Buffer; hash: string };
    try {
      if (stored.file !== null) opened = await readUploadFile(ctx.uploadDir, dataKey, stored.file);
      else {
        // Kept in its row before migration 019 (small documents): opened here.
        const bytes = open(dataKey, stored.sealed, `upload:${hash}`);
        opened = { bytes, hash: keccak256(bytes) };
      }
    } catch (error) {
      if (!(error instanceof SealBrokenError)) throw error;
      log({ event: "tampered", hash });
      throw Errors.tampered();
    }
    const { bytes } = opened;
    if (opened.hash !== hash) {
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
      const deleted = await deleteUpload(db, hash.toLowerCase(), owner);
      if (!deleted) throw Errors.notFound();
      // The last owner gone: the row is, and now its file.
      if (deleted.file) await removeUploadFile(ctx.uploadDir, deleted.file);
      log({ event: "uploadDeleted" });
      return c.body(null, 204);
    });
  withDeletes.openAPIRegistry.registerPath(downloadDoc);
  return withDeletes
    .post("/", async (c) => {
      const owner = await sessionOf(ctx, c);
      const { chunks, declared } = await uploadedChunks(c);
      const quota = ctx.uploadQuota;
      // Refused before a byte is read when the answer is known already.
      if (declared !== undefined && declared > ctx.maxUploadBytes) throw Errors.uploadTooLarge(ctx.maxUploadBytes);
      const usage = await uploadUsage(db, owner);
      if (usage.count >= quota.count) throw Errors.uploadCountExceeded(usage.count);
      if (declared !== undefined && usage.bytes + declared > quota.bytes) {
        throw Errors.uploadBytesExceeded(usage.bytes, quota.bytes);
      }
      let received: ReceivedUpload;
      try {
        received = await receiveUpload(ctx.uploadDir, dataKey, chunks, ctx.maxUploadBytes);
      } catch (error) {
        if (error instanceof UploadTooLargeError) throw Errors.uploadTooLarge(ctx.maxUploadBytes);
        throw error;
      }
      let outcome: StoreOutcome | undefined;
      try {
        if (received.size === 0) throw Errors.emptyUpload();
        // The quota again, with the real size, in the short transaction that writes the rows.
        outcome = await storeUploadFile(db, { hash: received.hash, size: received.size, owner }, quota, () =>
          keepUpload(ctx.uploadDir, received),
        );
      } finally {
        if (!outcome?.stored || !outcome.kept) await discardUpload(received);
      }
      if (!outcome.stored) {
        throw outcome.over === "count"
          ? Errors.uploadCountExceeded(outcome.usage.count)
          : Errors.uploadBytesExceeded(outcome.usage.bytes, quota.bytes);
      }
      return c.json({ hash: received.hash, size: received.size }, 201);
    })
    .get("/:hash", async (c) => {
      const parsed = S.UploadParams.safeParse({ hash: c.req.param("hash") });
      if (!parsed.success) throw invalidRequest(["hash"]);
      const hash = parsed.data.hash.toLowerCase();
      const caller = await sessionOf(ctx, c);
      let sharedBy: { owner: string; departmentId: number } | undefined;
      if (!(await ownsUpload(db, hash, caller))) {
        const department = await ctx.chain.departmentOf(await ctx.chain.head(), caller);
        if (department?.active) {
          const owner = await firstSharer(db, hash, department.departmentId);
          if (owner) sharedBy = { owner, departmentId: department.departmentId };
        }
        if (!sharedBy) throw Errors.notFound();
      }
      const stored = await storedUpload(db, hash);
      if (!stored) throw Errors.notFound();
      const bytes = await openUpload(stored, hash);
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
