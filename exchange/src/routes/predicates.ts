/** Yes or no: is the licence valid and does a consented field satisfy a predicate (officer); logged for the holder. */
import { createRoute } from "@hono/zod-openapi";
import { verifyLicence, type LicenceFile } from "@onewindow/sdk";
import type { Hex } from "viem";

import { consented, limitRate, officerOf, recordConsentedRead, refuse } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { parseSealedLicence } from "../licence-files.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";

const predicateRoute = createRoute({
  method: "post",
  path: "/",
  summary: "Yes or no: is the licence valid and does a field satisfy a predicate (officer)",
  tags: ["consented reads"],
  security: bearer,
  request: { body: { content: { "application/json": { schema: S.PredicateRequest } }, required: true } },
  responses: { ...json(200, "Answer", S.PredicateResponse), ...errors(400, 401, 403, 429, 503) },
});

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

/** Mounted at /predicates. */
export function predicateRoutes(ctx: ExchangeContext) {
  const { client } = ctx;
  return newRouter().openapi(predicateRoute, async (c) => {
    const query = c.req.valid("json");
    const officer = await officerOf(ctx, c);
    await limitRate(ctx, officer.departmentId);
    const check = await consented(
      ctx,
      officer.head,
      officer.departmentId,
      query.licenceId as Hex,
      [query.field],
      query.purpose as Hex,
    );
    const entry = {
      kind: "predicate" as const,
      departmentId: officer.departmentId,
      officer: officer.address,
      licenceId: query.licenceId,
      ...check.asked,
      predicateOp: query.op,
      purpose: query.purpose,
      consentId: check.consentId,
      evidence: check.evidence,
    };
    if (!check.licence) return refuse(ctx, entry, check.holder);
    const file: LicenceFile = parseSealedLicence(ctx.dataKey, check.licence.sealed, check.licence.id);
    const value = file.fields.find((f) => f.name === query.field)!.value;
    const answer =
      query.op === "eq"
        ? value === query.value
        : query.op === "startsWith"
          ? value.startsWith(query.value)
          : inRange(value, query.min, query.max);
    const { valid } = await verifyLicence(client, { file });
    await recordConsentedRead(ctx, officer.departmentId, {
      ...entry,
      holder: check.licence.holder,
      outcome: "granted",
      answer,
      valid,
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
  });
}
