/**
 * The catalogue's published metadata (issue 21): English names, figures' sources, step notes,
 * licence types' names and condition names — what people read about the catalogue that the chain
 * does not keep. A signed-in account holding the catalogue editor role on chain publishes a
 * document with its EIP-191 signature of the document's hash; anyone reads the newest version, or a
 * version by hash. The document is the SDK's (`catalogueMetadataSchema`); readers check the
 * signature and the signer's role themselves (`verifyCatalogueMetadata`) and need not trust this node.
 */
import { createRoute } from "@hono/zod-openapi";
import {
  canonicalJson,
  catalogueMetadataHash,
  catalogueMetadataMessage,
  catalogueMetadataSchema,
  isCatalogueEditor,
} from "@onewindow/sdk";
import { recoverMessageAddress, type Address, type Hex } from "viem";

import { sessionOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors } from "../errors.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { catalogueMetadata, insertCatalogueMetadata, type CatalogueMetadataRow } from "../store/catalogue.ts";

const publishRoute = createRoute({
  method: "post",
  path: "/metadata",
  summary: "Publish the catalogue's metadata (a catalogue editor on chain), signed by the caller",
  tags: ["catalogue"],
  security: bearer,
  request: {
    body: { content: { "application/json": { schema: S.PublishCatalogueMetadataRequest } }, required: true },
  },
  responses: {
    ...json(201, "Published", S.PublishedCatalogueMetadata),
    ...json(200, "Already the current version", S.PublishedCatalogueMetadata),
    ...errors(400, 401, 403),
  },
});

const latestRoute = createRoute({
  method: "get",
  path: "/metadata",
  summary: "The newest published metadata (anyone)",
  tags: ["catalogue"],
  responses: { ...json(200, "Metadata", S.PublishedCatalogueMetadata), ...errors(404) },
});

const byHashRoute = createRoute({
  method: "get",
  path: "/metadata/{hash}",
  summary: "A published version of the metadata by its hash (anyone)",
  tags: ["catalogue"],
  request: { params: S.CatalogueMetadataParams },
  responses: { ...json(200, "Metadata", S.PublishedCatalogueMetadata), ...errors(400, 404) },
});

function published(row: CatalogueMetadataRow) {
  return {
    hash: row.hash as Hex,
    publisher: row.publisher as Address,
    publishedAt: row.publishedAt.toISOString(),
    signature: row.signature as Hex,
    document: catalogueMetadataSchema.parse(JSON.parse(row.document)),
  };
}

/** Mounted at /catalogue. */
export function catalogueRoutes(ctx: ExchangeContext) {
  const { db, log } = ctx;
  return newRouter()
    .openapi(publishRoute, async (c) => {
      const { document, signature } = c.req.valid("json");
      const caller = await sessionOf(ctx, c);
      const hash = catalogueMetadataHash(document);
      const signer = await recoverMessageAddress({
        message: catalogueMetadataMessage(hash),
        signature: signature as Hex,
      }).catch(() => undefined);
      if (signer?.toLowerCase() !== caller.toLowerCase()) throw Errors.metadataSignatureMismatch();
      if (!(await isCatalogueEditor(ctx.client, caller))) throw Errors.notCatalogueEditor();
      const { row, created } = await insertCatalogueMetadata(db, {
        hash,
        document: canonicalJson(document),
        signature,
        publisher: caller,
      });
      log({ event: "catalogue-metadata-published", hash, created });
      return created ? c.json(published(row), 201) : c.json(published(row), 200);
    })
    .openapi(latestRoute, async (c) => {
      const row = await catalogueMetadata(db);
      if (!row) throw Errors.noCatalogueMetadata();
      return c.json(published(row), 200);
    })
    .openapi(byHashRoute, async (c) => {
      const row = await catalogueMetadata(db, c.req.valid("param").hash);
      if (!row) throw Errors.noCatalogueMetadata();
      return c.json(published(row), 200);
    });
}
