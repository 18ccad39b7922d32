/**
 * An application's output licence file, held before the approving vote names its id (officer of
 * the output step's department); served once the chain issues it (jobs/settle-outputs.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import {
  ApplicationStatus,
  getApplication,
  getLicence,
  getMatter,
  getStep,
  serializeLicenceFile,
  UnknownApplicationError,
} from "@onewindow/sdk";
import type { Hex } from "viem";

import { officerOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors } from "../errors.ts";
import { checkedFile, holderOf, openLicence, sealLicence } from "../licence-files.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { insertLicence, lockHeldLicence } from "../store/licences.ts";

const holdRoute = createRoute({
  method: "post",
  path: "/",
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
});

/** Mounted at /licences/outputs. */
export function outputRoutes(ctx: ExchangeContext) {
  const { db, client, log } = ctx;
  return newRouter().openapi(holdRoute, async (c) => {
    const body = c.req.valid("json");
    const officer = await officerOf(ctx, c);
    const file = checkedFile(ctx, body.file);
    const applicationId = body.applicationId.toLowerCase() as Hex;
    let application;
    try {
      application = await getApplication(client, { applicationId });
    } catch (error) {
      if (!(error instanceof UnknownApplicationError)) throw error;
      throw Errors.applicationNotFound();
    }
    if (application.status !== ApplicationStatus.Active && application.status !== ApplicationStatus.Returned) {
      throw Errors.applicationFinished();
    }
    const step =
      body.step < application.stepCount ? await getStep(client, { applicationId, step: body.step }) : undefined;
    if (!step?.isOutput) throw Errors.notOutputStep();
    if (step.departmentId !== officer.departmentId) throw Errors.notStepDepartment();
    const holder = holderOf(file);
    if (holder !== application.applicant.toLowerCase()) throw Errors.outputHolderMismatch();
    if (file.issuerDepartment !== officer.departmentId) throw Errors.outputIssuerMismatch();
    const matter = await getMatter(client, { matterId: application.matterId, version: application.matterVersion });
    if (file.typeId !== matter.definition.steps[body.step]?.issues) throw Errors.outputTypeMismatch();
    const id = file.licenceId.toLowerCase();
    // An id already on chain could never be issued for this application (the engine refuses it).
    if (await getLicence(client, { licenceId: file.licenceId })) throw Errors.outputLicenceExists();
    const serialized = serializeLicenceFile(file);
    const sealedFile = sealLicence(ctx.dataKey, serialized, id);
    // Several files may be held for one application (e.g. a vote that did not pass, then another):
    // only the id the chain issues is promoted, the others are deleted when the application finishes.
    const alreadyHeld = await db.transaction(async (tx) => {
      const inserted = await insertLicence(tx, {
        state: "pending_output",
        origin: "output",
        licence_id: id,
        holder,
        issuer_department: officer.departmentId,
        type_id: file.typeId,
        type_version: file.typeVersion,
        field_names: file.fieldNames,
        sealed_file: sealedFile,
        deposited_by: officer.address.toLowerCase(),
        application_id: applicationId,
        output_step: body.step,
      });
      if (inserted) return false;
      const row = await lockHeldLicence(tx, id);
      // Issued (or being issued) through this node: it exists, whatever the file.
      if (row.state !== "pending_output") throw Errors.outputLicenceExists();
      const held = openLicence(ctx.dataKey, row.sealed_file, id);
      if (row.application_id !== applicationId || held !== serialized) {
        throw Errors.licenceConflict();
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
  });
}
