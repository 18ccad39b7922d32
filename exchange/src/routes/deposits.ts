/** A department deposits the file of a licence it already issued on chain (e.g. an application's output licence). */
import { createRoute } from "@hono/zod-openapi";
import { LicenceStatus, verifyLicence } from "@onewindow/sdk";
import type { Hex } from "viem";

import { officerOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors } from "../errors.ts";
import { promoteOutput } from "../jobs/settle-outputs.ts";
import {
  checkedFile,
  holderOf,
  matchesRecord,
  parseSealedLicence,
  sealLicence,
  withChainTimes,
} from "../licence-files.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { recordBatchMembers } from "../store/batches.ts";
import { insertLicence, lockHeldLicence, markIssued } from "../store/licences.ts";

const depositRoute = createRoute({
  method: "post",
  path: "/",
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
});

/** Mounted at /licences/deposit. */
export function depositRoutes(ctx: ExchangeContext) {
  const { db, client, log } = ctx;
  return newRouter().openapi(depositRoute, async (c) => {
    const body = c.req.valid("json");
    const officer = await officerOf(ctx, c);
    const file = checkedFile(ctx, body.file);
    // On chain: issued (a record), by the caller's department, consistent with the file.
    const verdict = await verifyLicence(client, { file });
    if (!verdict.record) throw Errors.licenceNotOnChain();
    if (verdict.record.issuerDepartment !== officer.departmentId) throw Errors.notLicenceIssuer();
    if (!matchesRecord(verdict)) throw Errors.licenceRecordMismatch();
    if (verdict.status.status === LicenceStatus.Revoked) throw Errors.licenceRevoked();
    // A sealed file must carry a seal that holds; an unsealed one is kept as it is ("absent").
    if (verdict.seal.state === "invalid") throw Errors.sealInvalid(verdict.seal.reasons);
    const status =
      verdict.status.status === LicenceStatus.Suspended
        ? ("suspended" as const)
        : verdict.status.status === LicenceStatus.Expired
          ? ("expired" as const)
          : ("valid" as const);
    const id = file.licenceId.toLowerCase();
    const holder = holderOf(file);
    const record = verdict.record;
    const canonical = withChainTimes(file, record);
    const sealedFile = sealLicence(ctx.dataKey, canonical, id);
    const alreadyHeld = await db.transaction(async (tx) => {
      // A batch member (its proof checked on chain above): its batch's status lists need its id.
      if (file.batch !== undefined) await recordBatchMembers(tx, file.batch.root, [id as Hex]);
      const inserted = await insertLicence(tx, {
        state: "issued",
        origin: "deposited",
        licence_id: id,
        holder,
        issuer_department: officer.departmentId,
        type_id: file.typeId,
        type_version: file.typeVersion,
        field_names: file.fieldNames,
        sealed_file: sealedFile,
        issued_at: record.issuedAt,
        deposited_by: officer.address.toLowerCase(),
      });
      if (inserted) return false;
      // Held already (deposited, or issued through this node): the same licence, or a conflict.
      const row = await lockHeldLicence(tx, id);
      const held = parseSealedLicence(ctx.dataKey, row.sealed_file, id);
      if (withChainTimes(held, record) !== canonical) throw Errors.licenceConflict();
      // An issue through this node still pending: the chain has it now.
      if (row.state === "pending") await markIssued(tx, id);
      // An output held before it was on chain: the chain has it now, issued by this department.
      if (row.state === "pending_output") {
        await promoteOutput(ctx, tx, { licenceId: id, applicationId: row.application_id! }, canonical, record.issuedAt);
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
        issuerDepartment: record.issuerDepartment,
        holder,
        status,
        alreadyHeld,
        seal: {
          state: verdict.seal.state,
          ...(verdict.seal.keyIndex === undefined ? {} : { keyIndex: verdict.seal.keyIndex }),
          reasons: verdict.seal.reasons,
        },
      },
      alreadyHeld ? 200 : 201,
    );
  });
}
