/**
 * Consented fields of a licence, encrypted to the department's key (officer); every read is logged
 * for the holder. The disclosure is built and encrypted in a worker thread (disclosure-worker.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Hex } from "viem";

import { consented, limitRate, officerOf, recordConsentedRead, refuse } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import type { DisclosureRequest } from "../disclosure-worker.ts";
import { Errors } from "../errors.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { WorkerThread } from "../worker-thread.ts";

/** The process's disclosure worker, started on first use; it keeps the process alive only while busy. */
const disclosureWorker = new WorkerThread<DisclosureRequest>(
  new URL("../disclosure-worker.ts", import.meta.url),
  "the disclosure worker",
);

const discloseRoute = createRoute({
  method: "post",
  path: "/",
  summary: "Consented fields of a licence, encrypted to the department's key (officer)",
  tags: ["consented reads"],
  security: bearer,
  request: { body: { content: { "application/json": { schema: S.DisclosureRequest } }, required: true } },
  responses: { ...json(200, "Disclosure", S.DisclosureResponse), ...errors(400, 401, 403, 409, 429, 503) },
});

/** Mounted at /disclosures. */
export function disclosureRoutes(ctx: ExchangeContext) {
  const { log } = ctx;
  return newRouter().openapi(discloseRoute, async (c) => {
    const { licenceId, fields, purpose } = c.req.valid("json");
    const officer = await officerOf(ctx, c);
    await limitRate(ctx, officer.departmentId);
    const [check, encryptionKey] = await Promise.all([
      consented(ctx, officer.head, officer.departmentId, licenceId as Hex, fields, purpose as Hex),
      ctx.chain.encryptionKeyOf(officer.head, officer.departmentId),
    ]);
    const entry = {
      kind: "disclosure" as const,
      departmentId: officer.departmentId,
      officer: officer.address,
      licenceId,
      ...check.asked,
      purpose,
      consentId: check.consentId,
      evidence: check.evidence,
    };
    if (!check.licence) return refuse(ctx, entry, check.holder);
    const { id, sealed } = check.licence;
    const envelope = await disclosureWorker
      .ask<Hex>({ op: "disclose", dataKey: ctx.dataKey, sealed, licenceId: id, fields, encryptionKey })
      .catch((error: Error) => {
        throw error.name === "EciesError" ? Errors.noEncryptionKey() : error;
      });
    await recordConsentedRead(ctx, officer.departmentId, {
      ...entry,
      holder: check.licence.holder,
      outcome: "granted",
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
  });
}
