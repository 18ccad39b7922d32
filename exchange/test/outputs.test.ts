/**
 * Output licences held before they are on chain (POST /licences/outputs): the department that
 * approves an application's output step hands its node the file it built (holder = applicant,
 * values, salts) before its vote names the id. The row is never served while pending; once the
 * ApprovalEngine issues that id on completion the holder's GET /licences (or `reconcile`) promotes
 * it, with issue and expiry times from the chain; the files of an application that finished with
 * another id, or was rejected, are deleted. Every refusal writes nothing.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

import {
  ApplicationStatus,
  buildLicence,
  decide,
  getApplication,
  issueLicence,
  loadDistrict,
  Outcome,
  serializeLicenceFile,
  submitApplication,
  verifyLicence,
  type LicenceFile,
} from "@onewindow/sdk";
import { bytesToHex, type Address, type Hex } from "viem";

import type { ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import { clientFor, newAccounts, testChain, testDistrict, type Account, type TestDistrict } from "./helpers/chain.ts";
import { backends, call, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

let district: TestDistrict;
let applicant: Account;
let stranger: Account;
let matterId: number;
/** Step 0: the power company (no output); step 1: the housing commission issues the certificate. */
const OUTPUT_STEP = 1;
/** What `reconcile` answers when it found nothing to do. */
const NOTHING_TO_RECONCILE = { issued: 0, dropped: 0, outputs: 0, outputsDropped: 0, abandonedUploads: 0 };

before(async () => {
  district = await testDistrict();
  [applicant, stranger] = (await newAccounts(2)) as [Account, Account];
  const { admin } = await testChain();
  const code = `OUTPUT-TEST-${district.suffix}`;
  const ids = await loadDistrict(
    admin,
    {
      matters: [
        {
          code,
          name: "出证测试事项",
          steps: [
            { department: `SGCC-HD-${district.suffix}`, timeLimit: 5 },
            { department: `HD-HOUSING-${district.suffix}`, timeLimit: 5, issues: district.realEstateCode },
          ],
          materials: [{ kind: "upload", name: "申请书" }],
        },
      ],
    },
    {
      officersOf: () => {
        throw new Error("no department is loaded here");
      },
      encryptionKeyOf: () => {
        throw new Error("no department is loaded here");
      },
    },
  );
  matterId = ids.matters[code]!;
});

/** The applicant submits an application (both steps active at once). */
async function apply(): Promise<Hex> {
  const { applicationId } = await submitApplication(applicant.client, {
    matterId,
    uploads: [{ material: 0, contentHash: bytesToHex(randomBytes(32)) }],
  });
  return applicationId;
}

/** An output certificate as the housing commission's browser builds it (not issued). */
async function buildOutput(
  options: { holder?: Address; issuerDepartment?: number; typeId?: number; owner?: string } = {},
): Promise<LicenceFile> {
  const client = await clientFor();
  return buildLicence({
    typeId: options.typeId ?? district.realEstateTypeId,
    typeVersion: 1,
    fieldNames: district.realEstateFields,
    fields: Object.fromEntries(
      district.realEstateFields
        .filter((n) => n !== "holder")
        .map((n) => [n, n === "owner" ? (options.owner ?? "王五") : `${n}-${bytesToHex(randomBytes(4))}`]),
    ),
    holder: options.holder ?? applicant.address,
    issuerDepartment: options.issuerDepartment ?? district.departmentId("HD-HOUSING"),
    chainId: client.chain.id,
    registry: client.addresses.LicenceRegistry,
  }).file;
}

const asJson = (file: LicenceFile) => JSON.parse(serializeLicenceFile(file)) as Record<string, unknown>;

/** The department of `code` approves `step` (naming the licence `output` on the output step). */
const approve = (code: string, applicationId: Hex, step: number, output?: LicenceFile) =>
  decide(district.officer(code).client, {
    applicationId,
    step,
    outcome: Outcome.Approve,
    ...(output ? { outputLicence: output } : {}),
  });

for (const backend of backends()) {
  describe(`holding output licences before they are on chain, on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    const tokens = { housing: "", power: "", applicant: "" };
    let completed: Hex;

    before(async () => {
      ({ db, cleanup } = await backend.open());
      app = await testExchange(db, {});
      tokens.housing = await signIn(app, district.officer("HD-HOUSING").key);
      tokens.power = await signIn(app, district.officer("SGCC-HD").key);
      tokens.applicant = await signIn(app, applicant.key);
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    const hold = (token: string | undefined, body: unknown) =>
      call(app, "POST", "/licences/outputs", { token, json: body });
    const stateOf = async (licenceId: string) =>
      (
        await db.query<{ state: string; origin: string; application_id: string }>(
          "SELECT state, origin, application_id FROM licences WHERE licence_id = $1",
          [licenceId.toLowerCase()],
        )
      )[0];
    const listed = async (token: string) =>
      (await call(app, "GET", "/licences", { token })).body.licences.map((l: { licenceId: string }) => l.licenceId);

    it("holds the file before the vote, serves it only once the application completed with its id", async () => {
      const applicationId = await apply();
      const file = await buildOutput({ owner: "王五" });
      const answer = await hold(tokens.housing, { applicationId, step: OUTPUT_STEP, file: asJson(file) });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, {
        licenceId: file.licenceId,
        applicationId: applicationId.toLowerCase(),
        step: OUTPUT_STEP,
        holder: applicant.address.toLowerCase(),
        state: "pending",
        alreadyHeld: false,
      });
      const rows = await db.query<{ sealed_file: Uint8Array }>(
        "SELECT sealed_file FROM licences WHERE licence_id = $1",
        [file.licenceId],
      );
      assert.ok(!Buffer.from(rows[0]!.sealed_file).toString("utf8").includes("王五"), "sealed at rest");
      assert.equal((await stateOf(file.licenceId))!.state, "pending_output");

      // The same file again: nothing changes.
      const counts = await rowCounts(db);
      const again = await hold(tokens.housing, { applicationId, step: OUTPUT_STEP, file: asJson(file) });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.alreadyHeld, true);
      assert.deepEqual(await rowCounts(db), counts);

      // Pending: served to nobody, not even the holder; not disclosed.
      assert.deepEqual(await listed(tokens.applicant), []);
      assert.equal((await call(app, "GET", `/licences/${file.licenceId}`, { token: tokens.applicant })).status, 404);

      // The housing commission's vote names the id; the application still waits for the power company.
      await approve("HD-HOUSING", applicationId, OUTPUT_STEP, file);
      assert.deepEqual(await listed(tokens.applicant), []);
      assert.equal((await call(app, "GET", `/licences/${file.licenceId}`, { token: tokens.applicant })).status, 404);
      assert.equal((await stateOf(file.licenceId))!.state, "pending_output");

      // The power company's vote completes it: the engine issues the id, the holder fetches the file at once.
      await approve("SGCC-HD", applicationId, 0);
      const onChainApplication = await getApplication(await clientFor(), { applicationId });
      assert.equal(onChainApplication.status, ApplicationStatus.Completed);
      assert.equal(onChainApplication.outputLicenceId, file.licenceId);
      assert.deepEqual(await listed(tokens.applicant), [file.licenceId]);
      const fetched = await call(app, "GET", `/licences/${file.licenceId}`, { token: tokens.applicant });
      assert.equal(fetched.status, 200, JSON.stringify(fetched.body));
      assert.deepEqual(fetched.body.fields, asJson(file).fields);
      const verdict = await verifyLicence(await clientFor(), { file: fetched.body });
      assert.equal(verdict.valid, true);
      assert.equal(fetched.body.issuedAt, verdict.record!.issuedAt, "issue time from the chain's record");
      assert.equal(fetched.body.expiresAt, verdict.record!.expiresAt, "expiry from the chain's record");
      assert.deepEqual(await stateOf(file.licenceId), {
        state: "issued",
        origin: "output",
        application_id: applicationId.toLowerCase(),
      });
      // Only the holder.
      assert.equal((await call(app, "GET", `/licences/${file.licenceId}`, { token: tokens.power })).status, 404);
      // Nothing left for reconcile.
      assert.deepEqual(await app.exchange.reconcile(), NOTHING_TO_RECONCILE);
      completed = applicationId;
    });

    it("keeps competing files while pending; reconcile promotes the issued one and removes the other", async () => {
      const applicationId = await apply();
      const [first, second] = [await buildOutput(), await buildOutput()];
      for (const file of [first, second]) {
        const answer = await hold(tokens.housing, { applicationId, step: OUTPUT_STEP, file: asJson(file) });
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
      }
      assert.deepEqual(await app.exchange.reconcile(), NOTHING_TO_RECONCILE);
      await approve("HD-HOUSING", applicationId, OUTPUT_STEP, second);
      await approve("SGCC-HD", applicationId, 0);
      // Nobody asked: reconcile settles both.
      assert.deepEqual(await app.exchange.reconcile(), { ...NOTHING_TO_RECONCILE, outputs: 1, outputsDropped: 1 });
      assert.equal(await stateOf(first.licenceId), undefined, "the competing file is removed");
      assert.equal((await stateOf(second.licenceId))!.state, "issued");
      const fetched = await call(app, "GET", `/licences/${second.licenceId}`, { token: tokens.applicant });
      assert.equal(fetched.status, 200);
      assert.equal((await call(app, "GET", `/licences/${first.licenceId}`, { token: tokens.applicant })).status, 404);
    });

    it("deletes the held file of a rejected application", async () => {
      const applicationId = await apply();
      const file = await buildOutput();
      assert.equal((await hold(tokens.housing, { applicationId, step: OUTPUT_STEP, file: asJson(file) })).status, 201);
      await decide(district.officer("SGCC-HD").client, { applicationId, step: 0, outcome: Outcome.Reject, reason: 1 });
      assert.equal((await getApplication(await clientFor(), { applicationId })).status, ApplicationStatus.Rejected);
      // The holder asking settles it too: nothing served, the row gone.
      assert.ok(!(await listed(tokens.applicant)).includes(file.licenceId));
      assert.equal(await stateOf(file.licenceId), undefined);
      // A rejected application takes no file any more.
      const counts = await rowCounts(db);
      const late = await hold(tokens.housing, { applicationId, step: OUTPUT_STEP, file: asJson(file) });
      assert.equal(late.status, 409, JSON.stringify(late.body));
      assert.equal(late.body.error.code, "APPLICATION_FINISHED");
      assert.deepEqual(await rowCounts(db), counts);
    });

    it("refuses unauthorised callers and wrong files with their codes, writing nothing", async () => {
      const applicationId = await apply();
      const file = await buildOutput();
      const json = asJson(file);
      const fields = json.fields as { name: string; value: string }[];
      const body = { applicationId, step: OUTPUT_STEP, file: json };
      const { chainId: _chainId, registry: _registry, ...bare } = json;
      const counts = await rowCounts(db);
      const cases: [string, string | undefined, unknown, number, string][] = [
        ["no session", undefined, body, 401, "UNAUTHENTICATED"],
        ["the applicant (no officer)", tokens.applicant, body, 403, "NOT_AN_OFFICER"],
        ["an officer of another department", tokens.power, body, 403, "NOT_STEP_DEPARTMENT"],
        ["no file", tokens.housing, { applicationId, step: OUTPUT_STEP }, 400, "INVALID_REQUEST"],
        ["an extra key", tokens.housing, { ...body, holder: applicant.address }, 400, "INVALID_REQUEST"],
        ["a negative step", tokens.housing, { ...body, step: -1 }, 400, "INVALID_REQUEST"],
        ["not an application id", tokens.housing, { ...body, applicationId: "0x1234" }, 400, "INVALID_REQUEST"],
        [
          "not a licence file",
          tokens.housing,
          { ...body, file: { format: "onewindow.licence", version: 1, licenceId: file.licenceId } },
          400,
          "LICENCE_FORMAT_INVALID",
        ],
        [
          "an altered value",
          tokens.housing,
          { ...body, file: { ...json, fields: fields.map((f) => (f.name === "owner" ? { ...f, value: "李四" } : f)) } },
          400,
          "LICENCE_FILE_INVALID",
        ],
        ["another chain", tokens.housing, { ...body, file: { ...json, chainId: 1 } }, 400, "LICENCE_OTHER_DEPLOYMENT"],
        [
          "another registry",
          tokens.housing,
          { ...body, file: { ...json, registry: "0x000000000000000000000000000000000000bEEF" } },
          400,
          "LICENCE_OTHER_DEPLOYMENT",
        ],
        [
          "an unknown application",
          tokens.housing,
          { ...body, applicationId: bytesToHex(randomBytes(32)) },
          404,
          "APPLICATION_NOT_FOUND",
        ],
        ["a completed application", tokens.housing, { ...body, applicationId: completed }, 409, "APPLICATION_FINISHED"],
        ["a step that issues nothing", tokens.housing, { ...body, step: 0 }, 400, "NOT_OUTPUT_STEP"],
        ["a step the application does not have", tokens.housing, { ...body, step: 7 }, 400, "NOT_OUTPUT_STEP"],
        [
          "another holder than the applicant",
          tokens.housing,
          { ...body, file: asJson(await buildOutput({ holder: stranger.address })) },
          400,
          "OUTPUT_HOLDER_MISMATCH",
        ],
        [
          "another issuing department in the file",
          tokens.housing,
          { ...body, file: asJson(await buildOutput({ issuerDepartment: district.departmentId("SGCC-HD") })) },
          400,
          "OUTPUT_ISSUER_MISMATCH",
        ],
        [
          "another licence type than the step issues",
          tokens.housing,
          { ...body, file: asJson(await buildOutput({ typeId: district.realEstateTypeId + 1000 })) },
          400,
          "OUTPUT_TYPE_MISMATCH",
        ],
      ];
      for (const [why, token, request, status, code] of cases) {
        const answer = await hold(token, request);
        assert.equal(answer.status, status, `${why}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.error.code, code, why);
        assert.equal(typeof answer.body.error.message.zh, "string", why);
        assert.equal(typeof answer.body.error.message.en, "string", why);
        assert.ok(!JSON.stringify(answer.body).includes("李四"), `${why}: no value in the answer`);
      }
      assert.deepEqual(await rowCounts(db), counts, "nothing written");

      // Held once; a different file under the same id (no chain or registry named) is a conflict.
      assert.equal((await hold(tokens.housing, body)).status, 201);
      const held = await rowCounts(db);
      const conflict = await hold(tokens.housing, { ...body, file: bare });
      assert.equal(conflict.status, 409, JSON.stringify(conflict.body));
      assert.equal(conflict.body.error.code, "LICENCE_CONFLICT");
      assert.deepEqual(await rowCounts(db), held);
    });

    it("refuses an output licence id that already exists, saying it already exists, writing nothing", async () => {
      const applicationId = await apply();
      // Issued directly on chain by the housing commission (this node never held it)…
      const onChain = await buildOutput();
      await issueLicence(district.officer("HD-HOUSING").client, { file: onChain });
      // …and the output of the completed application, issued and held here.
      const heldHere = (
        await db.query<{ licence_id: string }>(
          "SELECT licence_id FROM licences WHERE application_id = $1 AND state = 'issued'",
          [completed.toLowerCase()],
        )
      )[0]!;
      const issuedHere = (await call(app, "GET", `/licences/${heldHere.licence_id}`, { token: tokens.applicant }))
        .body as unknown;
      const counts = await rowCounts(db);
      for (const file of [asJson(onChain), issuedHere]) {
        const answer = await hold(tokens.housing, { applicationId, step: OUTPUT_STEP, file });
        assert.equal(answer.status, 409, JSON.stringify(answer.body));
        assert.equal(answer.body.error.code, "OUTPUT_LICENCE_EXISTS");
        assert.match(answer.body.error.message.en, /already exists/);
        assert.match(answer.body.error.message.zh, /已存在/);
        assert.doesNotMatch(answer.body.error.message.en, /missing|different file/);
      }
      assert.deepEqual(await rowCounts(db), counts, "nothing written");
    });

    it("a pending output deposited after completion is promoted (the deposit path still works)", async () => {
      const applicationId = await apply();
      const file = await buildOutput();
      assert.equal((await hold(tokens.housing, { applicationId, step: OUTPUT_STEP, file: asJson(file) })).status, 201);
      await approve("HD-HOUSING", applicationId, OUTPUT_STEP, file);
      await approve("SGCC-HD", applicationId, 0);
      const deposited = await call(app, "POST", "/licences/deposit", {
        token: tokens.housing,
        json: { file: asJson(file) },
      });
      assert.equal(deposited.status, 200, JSON.stringify(deposited.body));
      assert.equal(deposited.body.alreadyHeld, true);
      assert.deepEqual(await stateOf(file.licenceId), {
        state: "issued",
        origin: "output",
        application_id: applicationId.toLowerCase(),
      });
    });

    it("is in the OpenAPI document", async () => {
      const doc = await call(app, "GET", "/openapi.json");
      const route = doc.body.paths["/licences/outputs"].post;
      assert.ok(route.requestBody.content["application/json"].schema);
      for (const status of ["200", "201", "400", "401", "403", "404", "409"])
        assert.ok(route.responses[status], status);
    });
  });
}
