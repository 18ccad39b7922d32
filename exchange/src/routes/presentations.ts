/**
 * Presentations (issue 16): the holder stores a disclosure sealed in their browser
 * (`sealPresentation`), with a lifetime; anyone with the link fetches the sealed bytes and opens them
 * with the key in the link's fragment, which never reaches this server. Each opening is in the
 * holder's access log (kind `presentation-opened`); the holder can withdraw a presentation before it
 * expires. The exchange refuses an expired or withdrawn one.
 */
import { randomBytes } from "node:crypto";

import { createRoute } from "@hono/zod-openapi";
import { hexToBytes, type Hex } from "viem";

import { sessionOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors } from "../errors.ts";
import { settleOutputsOf } from "../jobs/settle-outputs.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { recordAccess } from "../store/access-log.ts";
import { issuedLicenceOfHolder } from "../store/licences.ts";
import {
  insertPresentation,
  presentation,
  presentationsOf,
  withdrawPresentation,
  type PresentationRow,
} from "../store/presentations.ts";

const createRoute_ = createRoute({
  method: "post",
  path: "/",
  summary: "Store a presentation the holder sealed (holder): only sealed bytes, never the key",
  tags: ["presentations"],
  security: bearer,
  request: { body: { content: { "application/json": { schema: S.CreatePresentationRequest } }, required: true } },
  responses: { ...json(201, "Stored", S.PresentationSummary), ...errors(400, 401, 404) },
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  summary: "The caller's presentations, newest first (holder)",
  tags: ["presentations"],
  security: bearer,
  responses: { ...json(200, "Presentations", S.PresentationList), ...errors(401) },
});

const openRoute = createRoute({
  method: "get",
  path: "/{id}",
  summary: "A presentation's sealed bytes (anyone with the link); 410 once expired or withdrawn",
  tags: ["presentations"],
  request: { params: S.PresentationParams },
  responses: { ...json(200, "Sealed presentation", S.SealedPresentation), ...errors(400, 404, 410) },
});

const withdrawRoute = createRoute({
  method: "delete",
  path: "/{id}",
  summary: "Withdraw a presentation before it expires (its holder)",
  tags: ["presentations"],
  security: bearer,
  request: { params: S.PresentationParams },
  responses: { ...json(200, "Withdrawn", S.PresentationSummary), ...errors(400, 401, 404) },
});

/** A presentation as its holder sees it. */
function summary(p: PresentationRow) {
  return {
    id: p.id,
    licenceId: p.licenceId as Hex,
    createdAt: p.createdAt.toISOString(),
    expiresAt: p.expiresAt.toISOString(),
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
  };
}

/** Mounted at /presentations. */
export function presentationRoutes(ctx: ExchangeContext) {
  const { db, log } = ctx;
  return newRouter()
    .openapi(createRoute_, async (c) => {
      const body = c.req.valid("json");
      const holder = await sessionOf(ctx, c);
      const licenceId = body.licenceId.toLowerCase();
      await settleOutputsOf(ctx, holder, licenceId);
      // Only a licence the caller holds here: someone else's and an unknown one are the same miss.
      if (!(await issuedLicenceOfHolder(db, licenceId, holder))) throw Errors.presentationNotHeld();
      const stored = await insertPresentation(db, {
        id: randomBytes(16).toString("base64url"),
        holder,
        licenceId,
        ciphertext: hexToBytes(body.ciphertext as Hex),
        lifetimeSeconds: body.lifetimeSeconds,
      });
      log({ event: "presentation-stored", presentationId: stored.id, licenceId });
      return c.json(summary(stored), 201);
    })
    .openapi(listRoute, async (c) => {
      const holder = await sessionOf(ctx, c);
      return c.json({ presentations: (await presentationsOf(db, holder)).map(summary) }, 200);
    })
    .openapi(openRoute, async (c) => {
      const { id } = c.req.valid("param");
      const found = await presentation(db, id);
      if (!found) throw Errors.presentationNotFound();
      const live = found.withdrawnAt === null && !found.expired;
      // The holder sees every opening, and every refused attempt, in their access log.
      await recordAccess(db, {
        kind: "presentation-opened",
        outcome: live ? "granted" : "denied",
        holder: found.holder,
        departmentId: null,
        officer: null,
        licenceId: found.licenceId,
        presentationId: found.id,
      });
      if (found.withdrawnAt !== null) throw Errors.presentationWithdrawn();
      if (found.expired) throw Errors.presentationExpired();
      const bytes = Buffer.from(found.ciphertext);
      return c.json(
        { id: found.id, ciphertext: `0x${bytes.toString("hex")}` as Hex, expiresAt: found.expiresAt.toISOString() },
        200,
      );
    })
    .openapi(withdrawRoute, async (c) => {
      const { id } = c.req.valid("param");
      const holder = await sessionOf(ctx, c);
      const withdrawn = await withdrawPresentation(db, id, holder);
      if (!withdrawn) throw Errors.presentationNotFound();
      log({ event: "presentation-withdrawn", presentationId: id });
      return c.json(summary(withdrawn), 200);
    });
}
