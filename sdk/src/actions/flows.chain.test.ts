/**
 * The article scenarios end to end through the SDK alone, on a fresh Haidian district: the VR
 * experience hall's parallel approval (six departments, one deciding 3-of-5 by collected EIP-712
 * signatures, the output licence issued on completion and verified), the Zhongguancun high-tech
 * enterprise certification approved at once by its rule, a return for correction and resubmission,
 * a withdrawal, and the real-estate transfer starting the electricity transfer on the buyer's consent.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { keccak256, stringToHex, type Address } from "viem";

import {
  autoReview,
  decide,
  decideBySig,
  getApplication,
  getApplicationSteps,
  resubmit,
  signDecision,
  signLinkedStart,
  submitApplication,
  submitLinkedApplication,
  waitForApplication,
  withdraw,
} from "./applications/index.ts";
import { ApplicationWaitError } from "../errors/application.ts";
import { getMatter, getMatterMaterials } from "./catalogue/index.ts";
import { getIssuedLicenceFile } from "./licences/getIssuedLicenceFile.ts";
import { verifyLicence } from "./licences/verifyLicence.ts";
import { compositeEvidence, holdsValidLicenceEvidence, NO_EVIDENCE } from "./rules/index.ts";
import type { OneWindowClient } from "../chain/client.ts";
import { ApplicationStatus, Outcome } from "../chain/enums.ts";
import { admin, newAccounts } from "@onewindow/testkit/test-chain";
import { haidianDistrict, type HaidianDistrict } from "../test/district.ts";

/** A stand-in for the content hash of an encrypted document held by the exchange. */
const documentHash = (name: string) => keccak256(stringToHex(`document:${name}:${Math.random()}`));

let h: HaidianDistrict;
let applicant: { address: Address; client: OneWindowClient };
let buyer: { address: Address; client: OneWindowClient };

before(async () => {
  const [district, people] = await Promise.all([haidianDistrict(), newAccounts(2)]);
  h = district;
  applicant = people[0]!;
  buyer = people[1]!;
});

describe("VR experience hall (我要开VR体验馆)", () => {
  it("runs six departments in parallel, one by 3-of-5 signatures, and issues the entertainment licence", async () => {
    const matterId = h.matterId("HD-VR-HALL");
    const matter = await getMatter(admin, { matterId });
    assert.equal(matter.sequentialDays, 47);
    assert.equal(matter.criticalPathDays, 26);
    assert.equal(matter.definition.materials.length, 23);
    assert.equal(matter.definition.materials.filter((m) => m.kind === "licence").length, 2);

    // The applicant's licences, issued by their departments.
    const [business, premises] = await Promise.all([
      h.issue("BUSINESS_LICENCE", applicant.address, { name: "北京海淀VR体验馆有限公司" }),
      h.issue("REAL_ESTATE_CERTIFICATE", applicant.address, { address: "北京市海淀区中关村大街1号B1" }),
    ]);

    // Materials from the chain: licences matched by type, one upload per unconditional upload.
    const materials = await getMatterMaterials(admin, { matterId });
    const uploads = materials
      .filter((m) => m.kind === "upload" && m.condition === undefined)
      .map((m) => ({ material: m.index, contentHash: documentHash(m.name) }));
    assert.equal(uploads.length, 20);
    const submitted = await submitApplication(applicant.client, {
      matterId,
      licences: [{ licence: business.file }, { licence: premises.file }],
      uploads,
    });
    assert.deepEqual(submitted.activatedSteps, [0]);
    const applicationId = submitted.applicationId;

    // Market supervision, 2 of 3 officers voting directly (sent together).
    const samr = await Promise.all(
      h
        .officers("HD-SAMR")
        .slice(0, 2)
        .map((o) => decide(o.client, { applicationId, step: 0, outcome: Outcome.Approve })),
    );
    assert.equal(samr.filter((r) => r.decided).length, 1);
    assert.deepEqual(samr.flatMap((r) => r.activatedSteps).sort(), [1, 2, 4]);

    // Housing then fire; health and ecology meanwhile.
    const approve = (department: string, step: number) =>
      decide(h.officer(department).client, { applicationId, step, outcome: Outcome.Approve });
    const [, , fire] = await Promise.all([
      approve("HD-HEALTH", 2),
      approve("HD-ECOLOGY", 4),
      approve("HD-HOUSING", 1).then((housing) => {
        assert.deepEqual(housing.activatedSteps, [3]);
        return approve("HD-FIRE", 3);
      }),
    ]);
    const midway = await getApplicationSteps(admin, { applicationId });
    assert.deepEqual(
      midway.steps.map((s) => s.state),
      ["approved", "approved", "approved", "approved", "approved", "active"],
    );
    assert.ok(fire.activatedSteps.includes(5) || midway.steps[5]!.state === "active");
    assert.equal(midway.steps[5]!.departmentId, h.departmentId("HD-CULTURE"));

    // Culture and tourism: 3 of 5 officers sign offline; a clerk submits the signatures.
    const output = h.build("ENTERTAINMENT_LICENCE", applicant.address, { name: "北京海淀VR体验馆有限公司" });
    const culture = h.officers("HD-CULTURE");
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 600); // one deadline: the signers sign one decision
    const signed = await Promise.all(
      [culture[4]!, culture[0]!, culture[2]!].map((o) =>
        signDecision(o.client, {
          applicationId,
          step: 5,
          round: 0,
          outcome: Outcome.Approve,
          outputLicence: output.file, // signed: its id; sent along: the proof the applicant holds it
          deadline,
        }),
      ),
    );
    const done = await decideBySig(admin, { signatures: signed });
    assert.equal(done.status, ApplicationStatus.Completed);
    assert.equal(done.outputLicenceId, output.licenceId);

    const completed = await waitForApplication(admin, { applicationId, status: ApplicationStatus.Completed });
    assert.equal(completed.outputLicenceId, output.licenceId);
    assert.deepEqual(completed.approvedSteps, [0, 1, 2, 3, 4, 5]);
    // The signers are the step's voters, as direct votes would be: the web shows 3/3, not 0/3.
    const cultureStep = (await getApplicationSteps(admin, { applicationId })).steps[5]!;
    assert.equal(cultureStep.votes, 3);
    const verdict = await verifyLicence(admin, { file: await getIssuedLicenceFile(admin, { file: output.file }) });
    assert.equal(verdict.valid, true, JSON.stringify([verdict.integrity, verdict.status, verdict.issuer]));
    assert.equal(verdict.issuer.departmentId, h.departmentId("HD-CULTURE"));
  });
});

describe("Zhongguancun high-tech enterprise certification (中关村高新技术企业认定)", () => {
  it("is approved at once by its rule and issues the Zhongguancun certificate", async () => {
    const [hnte, business] = await Promise.all([
      h.issue("NATIONAL_HNTE_CERTIFICATE", applicant.address, { name: "北京海淀VR体验馆有限公司" }),
      h.issue("BUSINESS_LICENCE", applicant.address),
    ]);
    const { applicationId } = await submitApplication(applicant.client, {
      matterId: h.matterId("HD-ZGC-HNTE"),
      licences: [{ licence: hnte.file }, { licence: business.file }],
    });
    const output = h.build("ZGC_HNTE_CERTIFICATE", applicant.address);
    const reviewed = await autoReview(h.officer("HD-ZGC").client, {
      applicationId,
      step: 0,
      evidence: compositeEvidence([holdsValidLicenceEvidence(hnte.file), NO_EVIDENCE]),
      outputLicence: output.file,
    });
    assert.equal(reviewed.decided, true);
    assert.equal(reviewed.status, ApplicationStatus.Completed);
    assert.equal(reviewed.outputLicenceId, output.licenceId);

    // The engine set the expiry at completion (the type's three-year validity): the file the
    // department built before its vote could not know it, and verification says so; the file as
    // issued carries the chain's issue and expiry times and verifies, expiry equal.
    const built = await verifyLicence(admin, { file: output.file });
    assert.ok(built.record!.expiresAt > 0, "ZGC_HNTE_CERTIFICATE has a default validity");
    assert.equal(built.valid, false);
    assert.match(built.integrity.problems.join("\n"), /expiry .* disagrees with the chain's record/);
    const issued = await getIssuedLicenceFile(admin, { file: output.file });
    assert.equal(issued.expiresAt, built.record!.expiresAt);
    assert.equal(issued.issuedAt, built.record!.issuedAt);
    const verdict = await verifyLicence(admin, { file: issued });
    assert.equal(verdict.valid, true, JSON.stringify(verdict.integrity));
    assert.equal(verdict.record!.expiresAt, issued.expiresAt);
    assert.deepEqual(verdict.integrity.mismatches, []);
  });
});

describe("return for correction, resubmission and withdrawal", () => {
  it("returns an application, stops its clock, resubmits it and approves it", async () => {
    const certificate = await h.issue("REAL_ESTATE_CERTIFICATE", applicant.address);
    const { applicationId } = await submitApplication(applicant.client, {
      matterId: h.matterId("SGCC-POWER-TRANSFER"),
      licences: [{ licence: certificate.file }],
    });
    const sgcc = h.officer("SGCC-HD").client;
    const returned = await decide(sgcc, { applicationId, step: 0, outcome: Outcome.Return, reason: 7 });
    assert.equal(returned.status, ApplicationStatus.Returned);
    const paused = await getApplicationSteps(admin, { applicationId });
    assert.equal(paused.steps[0]!.state, "paused");
    assert.equal(paused.steps[0]!.round, 1);

    const again = await resubmit(applicant.client, { applicationId });
    assert.deepEqual(again.restartedSteps, [0]);
    assert.equal((await getApplication(admin, { applicationId })).status, ApplicationStatus.Active);
    const approved = await decide(sgcc, { applicationId, step: 0, outcome: Outcome.Approve });
    assert.equal(approved.status, ApplicationStatus.Completed);
    assert.equal(approved.outputLicenceId, undefined);
  });

  it("lets the applicant withdraw", async () => {
    const certificate = await h.issue("REAL_ESTATE_CERTIFICATE", applicant.address);
    const { applicationId } = await submitApplication(applicant.client, {
      matterId: h.matterId("SGCC-POWER-TRANSFER"),
      licences: [{ licence: certificate.file }],
    });
    await withdraw(applicant.client, { applicationId });
    const steps = await getApplicationSteps(admin, { applicationId });
    assert.equal(steps.application.status, ApplicationStatus.Withdrawn);
    assert.equal(steps.steps[0]!.state, "closed");
    await assert.rejects(
      waitForApplication(admin, { applicationId, status: ApplicationStatus.Completed }),
      (error: unknown) => error instanceof ApplicationWaitError && error.code === "APPLICATION_WAIT_FINAL",
    );
  });
});

describe("real-estate transfer → electricity account transfer (不动产登记 + 电力过户)", () => {
  it("starts the power transfer for the buyer with the buyer's signed consent", async () => {
    const { applicationId: transfer } = await submitApplication(buyer.client, {
      matterId: h.matterId("BJ-REAL-ESTATE-TRANSFER"),
      uploads: [{ material: 0, contentHash: documentHash("不动产买卖合同") }],
    });
    const certificate = h.build("REAL_ESTATE_CERTIFICATE", buyer.address, {}, "BJ-PLANNING");
    const registered = await decide(h.officer("BJ-PLANNING").client, {
      applicationId: transfer,
      step: 0,
      outcome: Outcome.Approve,
      outputLicence: certificate.file,
    });
    assert.equal(registered.status, ApplicationStatus.Completed);

    const sgcc = h.officer("SGCC-HD");
    const start = await signLinkedStart(buyer.client, {
      parentApplicationId: transfer,
      matterId: h.matterId("SGCC-POWER-TRANSFER"),
      starter: sgcc.address,
    });
    const { applicationId } = await submitLinkedApplication(sgcc.client, { start });
    const linked = await getApplication(admin, { applicationId });
    assert.equal(linked.applicant, buyer.address);
    assert.equal(linked.status, ApplicationStatus.Active);
  });
});
