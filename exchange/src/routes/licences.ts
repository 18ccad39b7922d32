/**
 * Licences issued through this node (officer) and the holder's own licences. Deposits and held
 * output licences are in deposits.ts and outputs.ts.
 */
import { createRoute, type z } from "@hono/zod-openapi";
import {
  buildLicence,
  ContractRevertError,
  getLicence,
  getLicenceType,
  getLicenceTypeByCode,
  issueLicence,
  NodeUnreachableError,
  OneWindowError,
  sealLicence as applyNationalSeal,
  serializeLicenceFile,
  TransactionFailedError,
} from "@onewindow/sdk";
import { getAddress, type Hex } from "viem";

import { officerOf, sessionOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors } from "../errors.ts";
import { settleOutputsOf } from "../jobs/settle-outputs.ts";
import { parseSealedLicence, sealLicence } from "../licence-files.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import {
  deletePendingIssue,
  insertLicence,
  issuedLicenceOfHolder,
  issuedLicencesOf,
  markIssuedInTransaction,
  replaceIssuedFile,
} from "../store/licences.ts";

const issueRoute = createRoute({
  method: "post",
  path: "/",
  summary: "Issue a licence (officer): the file is kept here, its id goes on chain",
  tags: ["licences"],
  security: bearer,
  request: { body: { content: { "application/json": { schema: S.IssueRequest } }, required: true } },
  responses: { ...json(201, "Issued", S.IssueResponse), ...errors(400, 401, 403, 409, 503) },
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  summary: "The caller's own licences (holder)",
  tags: ["licences"],
  security: bearer,
  responses: { ...json(200, "Licences", S.LicenceList), ...errors(401) },
});

const fileRoute = createRoute({
  method: "get",
  path: "/{licenceId}",
  summary: "One of the caller's licence files (holder)",
  tags: ["licences"],
  security: bearer,
  request: { params: S.LicenceParams },
  responses: { ...json(200, "Licence file", S.LicenceFileSchema), ...errors(400, 401, 404) },
});

/** The active licence type (and version) an issue request names, or 400. */
async function licenceTypeOf(ctx: ExchangeContext, body: z.infer<typeof S.IssueRequest>) {
  const { client } = ctx;
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
  if (!type || !type.active) throw Errors.unknownLicenceType();
  return type;
}

/** Mounted at /licences. */
export function licenceRoutes(ctx: ExchangeContext) {
  const { db, client, log } = ctx;
  return newRouter()
    .openapi(issueRoute, async (c) => {
      const body = c.req.valid("json");
      const officer = await officerOf(ctx, c);
      const issuer = ctx.issuers.get(officer.departmentId);
      if (!issuer) throw Errors.issuerNotHosted();
      const type = await licenceTypeOf(ctx, body);
      if (!type.version.issuers.includes(officer.departmentId)) throw Errors.notAuthorisedIssuer();
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
      // Write-ahead: the file is stored (pending, never served) before its id goes on chain, so an
      // issued licence can never lack its file; the row becomes `issued` once the chain has it.
      const inserted = await insertLicence(db, {
        state: "pending",
        licence_id: id,
        holder: body.holder.toLowerCase(),
        issuer_department: officer.departmentId,
        type_id: file.typeId,
        type_version: file.typeVersion,
        field_names: file.fieldNames,
        sealed_file: sealLicence(ctx.dataKey, serializeLicenceFile(file), id),
      });
      // Fresh salts make a fresh id: a held one means the very same file was built twice.
      if (!inserted) throw Errors.licenceConflict();
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
          if (definite) await deletePendingIssue(db, id);
          throw error;
        }
      }
      await markIssuedInTransaction(db, id, hash ?? null);
      // The department's national seal, when this node holds its seal key (docs/seal.md).
      const sealKey = ctx.sealKeys.get(officer.departmentId);
      if (sealKey !== undefined) {
        try {
          const sealed = await applyNationalSeal(client, { file, privateKey: sealKey });
          await replaceIssuedFile(db, id, sealLicence(ctx.dataKey, serializeLicenceFile(sealed), id));
        } catch (error) {
          // Issued all the same: the holder gets the unsealed file, its seal part says "absent".
          log({ event: "sealFailed", licenceId: id, error: (error as OneWindowError).code ?? (error as Error).name });
        }
      }
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
    })
    .openapi(listRoute, async (c) => {
      const holder = await sessionOf(ctx, c);
      await settleOutputsOf(ctx, holder);
      const rows = await issuedLicencesOf(db, holder);
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
    })
    .openapi(fileRoute, async (c) => {
      const { licenceId } = c.req.valid("param");
      const holder = await sessionOf(ctx, c);
      const id = licenceId.toLowerCase();
      await settleOutputsOf(ctx, holder, id);
      // The holder in the query: someone else's licence and an unknown one are the same miss.
      const sealed = await issuedLicenceOfHolder(db, id, holder);
      if (!sealed) throw Errors.notFound();
      const file = parseSealedLicence(ctx.dataKey, sealed, id);
      return c.json(JSON.parse(serializeLicenceFile(file)) as z.infer<typeof S.LicenceFileSchema>, 200);
    });
}
