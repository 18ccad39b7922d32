import { expect } from "chai";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import {
  ApplicationStatus as AppStatus,
  BEIJING_OFFSET_SECONDS as BEIJING,
  checkConditionsDeclaration,
  conditionsCommitment,
  heldLicence,
  LicenceProblem,
  Outcome,
} from "@onewindow/sdk";

import {
  engineDomain,
  holderProof,
  LINKED_START_TYPES,
  NO_HOLDER,
  signDecision,
  type Decision,
} from "./helpers/decision.ts";
import { ethers, loadFixture, time } from "./helpers/fixture.ts";
import {
  Condition,
  Dept,
  DISHONEST_LIST,
  haidianPlatform,
  licenceMaterial,
  LicenceType,
  vrHallSubmission,
  vrHallMatter,
  type Haidian,
} from "./helpers/haidian.ts";

const ZERO = ethers.ZeroHash;
/** Unix seconds of a Beijing local time "YYYY-MM-DDTHH:MM". */
const beijing = (local: string) => Math.floor(Date.parse(`${local}:00+08:00`) / 1000);
/** The last second of a Beijing local date. */
const endOfDay = (date: string) => beijing(`${date}T23:59`) + 59;

const sign = signDecision;

/** Submits the VR hall application and returns its id. */
async function submitVrHall(h: Haidian, conditions = 0) {
  const id = await h.engine.nextApplicationId(h.applicant.address, 1);
  await h.engine.connect(h.applicant).submit(vrHallSubmission(h, conditions));
  return id;
}

/** The buyer submits a real-estate transfer (its sale contract uploaded) and returns its id. */
/** An applicant holding a national high-tech certificate; their Zhongguancun submission and rule evidence. */
async function zgcApplicant(h: Haidian) {
  const hnte = await h.issue(LicenceType.NATIONAL_HNTE, h.applicant.address, { name: "北京海淀VR体验馆有限公司" });
  const submission = {
    matterId: 2,
    conditionsCommitment: conditionsCommitment(0).commitment,
    licenceMaterials: [0, 1],
    licences: [heldLicence(hnte.file), heldLicence(h.businessLicence.file)],
    uploads: [],
  };
  const evidence = ethers.AbiCoder.defaultAbiCoder().encode(
    ["bytes[]"],
    [
      [
        ethers.AbiCoder.defaultAbiCoder().encode(
          ["tuple(bytes32 licenceId,bytes32 batchRoot,bytes32[] batchProof,bytes32 holderSalt,bytes32[] holderProof)"],
          [heldLicence(hnte.file)],
        ),
        "0x",
      ],
    ],
  );
  return { hnte, submission, evidence };
}

/** The VR hall at its culture step (3 of 5 officers), with the signed decision naming its output licence. */
async function atCultureStep(h: Haidian) {
  const id = await submitVrHall(h);
  await approve(h, id, 0, Dept.SAMR, 0);
  await approve(h, id, 0, Dept.SAMR, 1);
  for (const [s, d] of [
    [1, Dept.HOUSING],
    [2, Dept.HEALTH],
    [4, Dept.ECOLOGY],
    [3, Dept.FIRE],
  ] as const) {
    await approve(h, id, s, d);
  }
  const output = h.buildFor(LicenceType.ENTERTAINMENT, h.applicant.address);
  const decision: Decision = {
    applicationId: id,
    step: 5,
    round: 0,
    outcome: Outcome.Approve,
    reason: 0,
    outputLicenceId: output.licenceId,
    deadline: (await time.latest()) + 3600,
  };
  return { id, decision, culture: h.officers[Dept.CULTURE - 1]!, holder: holderProof(output) };
}

async function submitTransfer(h: Haidian) {
  const id = await h.engine.nextApplicationId(h.buyer.address, 4);
  await h.engine.connect(h.buyer).submit({
    matterId: 4,
    conditionsCommitment: conditionsCommitment(0).commitment,
    licenceMaterials: [],
    licences: [],
    uploads: [{ material: 0, contentHash: ethers.id("contract") }],
  });
  return id;
}

/** One officer of `departmentId` approves `step` directly. */
async function approve(h: Haidian, id: string, step: number, departmentId: number, officerIndex = 0, output = ZERO) {
  return h.engine.connect(h.officer(departmentId, officerIndex)).decide(id, step, Outcome.Approve, 0, output);
}

const activeSteps = async (h: Haidian, id: string) => {
  const mask = Number((await h.engine.getApplication(id)).activeSteps);
  return [...Array(16).keys()].filter((i) => (mask >> i) & 1);
};

describe("ApprovalEngine", () => {
  describe("the VR experience hall (six departments, parallel flow)", () => {
    it("runs submission → parallel steps → completion with the output licence issued", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      expect(await activeSteps(h, id)).to.deep.equal([0]);

      // Market supervision decides 2 of 3: one vote moves nothing.
      await approve(h, id, 0, Dept.SAMR, 0);
      expect(await activeSteps(h, id)).to.deep.equal([0]);
      await expect(approve(h, id, 0, Dept.SAMR, 2))
        .to.emit(h.engine, "StepDecided")
        .withArgs(id, 0, Dept.SAMR, Outcome.Approve, 0, 0, 0b101, true);
      // Housing, health and ecology now run in parallel.
      expect(await activeSteps(h, id)).to.deep.equal([1, 2, 4]);

      await approve(h, id, 2, Dept.HEALTH);
      await approve(h, id, 1, Dept.HOUSING);
      expect(await activeSteps(h, id)).to.deep.equal([3, 4]); // fire joins after housing
      await approve(h, id, 4, Dept.ECOLOGY);
      await approve(h, id, 3, Dept.FIRE);
      expect(await activeSteps(h, id)).to.deep.equal([5]);

      // Culture and tourism: 3 of 5 officers sign; anyone submits.
      const output = h.buildFor(LicenceType.ENTERTAINMENT, h.applicant.address);
      const decision = {
        applicationId: id,
        step: 5,
        round: 0,
        outcome: Outcome.Approve,
        reason: 0,
        outputLicenceId: output.licenceId,
        deadline: (await time.latest()) + 3600,
      };
      const culture = h.officers[Dept.CULTURE - 1]!;
      const tx = h.engine
        .connect(h.buyer)
        .decideBySig(decision, await sign(h.engine, culture.slice(0, 3), decision), holderProof(output));
      await expect(tx)
        .to.emit(h.engine, "ApplicationCompleted")
        .withArgs(id, output.licenceId, LicenceType.ENTERTAINMENT);
      await expect(tx)
        .to.emit(h.engine, "VoteCast")
        .withArgs(id, 5, anyValue, Outcome.Approve, 0, 0, true, output.licenceId);
      await expect(tx)
        .to.emit(h.licences, "LicenceIssued")
        .withArgs(
          output.licenceId,
          Dept.CULTURE,
          LicenceType.ENTERTAINMENT,
          1,
          anyValue,
          0,
          await h.engine.getAddress(),
        );

      const app = await h.engine.getApplication(id);
      expect(app.status).to.equal(AppStatus.Completed);
      expect(app.approvedSteps).to.equal(0b111111n);
      expect(await h.engine.outputLicenceOf(id)).to.equal(output.licenceId);
      // The output licence is the applicant's and valid: it can be presented for the next matter.
      const check = await h.licences.checkHeldLicences(h.applicant.address, [heldLicence(output.file)]);
      expect(check.problems).to.deep.equal([0n]);
    });

    it("binds the application to the matter version it was submitted under", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      // Version 2: a single culture-and-tourism step (it issues the licence); the application keeps
      // running on version 1.
      const v2 = {
        ...vrHallMatter(),
        steps: [{ departmentId: Dept.CULTURE, dependsOn: 0, timeLimit: 1, rule: ethers.ZeroAddress }],
        outputStep: 0,
      };
      await h.catalog.publishVersion(1, v2);
      expect((await h.engine.getApplication(id)).matterVersion).to.equal(1n);
      await approve(h, id, 0, Dept.SAMR, 0);
      await approve(h, id, 0, Dept.SAMR, 1);
      expect(await activeSteps(h, id)).to.deep.equal([1, 2, 4]);
      const next = await h.engine.nextApplicationId(h.applicant.address, 1);
      await h.engine.connect(h.applicant).submit(vrHallSubmission(h));
      expect((await h.engine.getApplication(next)).matterVersion).to.equal(2n);
      expect((await h.engine.getApplication(next)).stepCount).to.equal(1n);
    });

    it("emits the submission, the first steps' activation and every vote with their arguments", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await h.engine.nextApplicationId(h.applicant.address, 1);
      const submission = vrHallSubmission(h);
      const tx = h.engine.connect(h.applicant).submit(submission);
      await expect(tx)
        .to.emit(h.engine, "ApplicationSubmitted")
        .withArgs(
          id,
          h.applicant.address,
          1,
          1,
          submission.conditionsCommitment,
          [h.businessLicence.licenceId, h.premises.licenceId],
          submission.uploads.map((u) => u.contentHash),
          ZERO,
          ethers.ZeroAddress,
        );
      await expect(tx).to.emit(h.engine, "StepActivated").withArgs(id, 0, Dept.SAMR, endOfDay("2026-01-08"), 0);
      await expect(approve(h, id, 0, Dept.SAMR, 1))
        .to.emit(h.engine, "VoteCast")
        .withArgs(id, 0, h.officer(Dept.SAMR, 1).address, Outcome.Approve, 0, 0, false, ZERO);
      const signers = h.officers[Dept.SAMR - 1]!.filter((_, i) => i !== 1);
      const decision = {
        applicationId: id,
        step: 0,
        round: 0,
        outcome: Outcome.Approve,
        reason: 0,
        outputLicenceId: ZERO,
        deadline: (await time.latest()) + 600,
      };
      const signed = h.engine.decideBySig(decision, await sign(h.engine, signers, decision), NO_HOLDER);
      for (const officer of signers) {
        await expect(signed)
          .to.emit(h.engine, "VoteCast")
          .withArgs(id, 0, officer.address, Outcome.Approve, 0, 0, true, ZERO);
      }
    });

    it("gives each activated step a deadline of its time limit in working days", async () => {
      const h = await loadFixture(haidianPlatform);
      // Monday 2026-01-05 (chain start): market supervision has 3 working days → end of Thursday 01-08.
      const id = await submitVrHall(h);
      expect((await h.engine.getStep(id, 0)).deadline).to.equal(BigInt(endOfDay("2026-01-08")));
      expect((await h.engine.getStep(id, 0)).departmentId).to.equal(BigInt(Dept.SAMR));
    });

    it("requires every unconditional material: a missing licence or a missing upload", async () => {
      const h = await loadFixture(haidianPlatform);
      const full = vrHallSubmission(h);
      await expect(
        h.engine.connect(h.applicant).submit({ ...full, licenceMaterials: [0], licences: [full.licences[0]!] }),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineMissingMaterial")
        .withArgs(1);
      await expect(h.engine.connect(h.applicant).submit({ ...full, uploads: full.uploads.slice(1) }))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineMissingMaterial")
        .withArgs(2);
      // Whatever conditions are committed to: an unconditional material is still required.
      const agent = vrHallSubmission(h, Condition.HandledByAgent);
      await expect(h.engine.connect(h.applicant).submit({ ...agent, uploads: agent.uploads.slice(1) }))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineMissingMaterial")
        .withArgs(2);
    });

    it("refuses a conditional material on chain: it would tell the applicant's conditions", async () => {
      const h = await loadFixture(haidianPlatform);
      // Handled by an agent: the power of attorney (upload material 22) goes in the declaration;
      // presented on chain, with or without the flag committed, it is refused.
      await expect(h.engine.connect(h.applicant).submit(vrHallSubmission(h, Condition.HandledByAgent))).to.emit(
        h.engine,
        "ApplicationSubmitted",
      );
      const attorney = { material: 22, contentHash: ethers.id("agent") };
      for (const flags of [Condition.HandledByAgent, 0]) {
        const full = vrHallSubmission(h, flags);
        await expect(h.engine.connect(h.applicant).submit({ ...full, uploads: [...full.uploads, attorney] }))
          .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnexpectedMaterial")
          .withArgs(22);
      }
      // A conditional licence material (version 2: a second premises certificate, for premises
      // underground) is refused too, even of the right type and valid.
      const v2 = vrHallMatter();
      v2.materials = [
        ...v2.materials,
        licenceMaterial(LicenceType.REAL_ESTATE, "人防工程使用证明", Condition.PremisesUnderground),
      ];
      await h.catalog.publishVersion(1, v2);
      const full = vrHallSubmission(h, Condition.PremisesUnderground);
      await expect(
        h.engine
          .connect(h.applicant)
          .submit({ ...full, licenceMaterials: [0, 1, 23], licences: [...full.licences, full.licences[1]!] }),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnexpectedMaterial")
        .withArgs(23);
      await expect(h.engine.connect(h.applicant).submit(full)).to.emit(h.engine, "ApplicationSubmitted");
      // An unconditional material is still required, whatever is committed to.
      await expect(h.engine.connect(h.applicant).submit({ ...full, uploads: full.uploads.slice(1) }))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineMissingMaterial")
        .withArgs(2);
      await expect(
        h.engine.connect(h.applicant).submit({ ...full, licenceMaterials: [0], licences: full.licences.slice(0, 1) }),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineMissingMaterial")
        .withArgs(1);
    });

    it("gives every application of a matter version the same shape whatever the conditions", async () => {
      const h = await loadFixture(haidianPlatform);
      const shapes = [];
      for (const flags of [0, Condition.HandledByAgent, Condition.HandledByAgent | Condition.PremisesUnderground]) {
        const tx = await h.engine.connect(h.applicant).submit(vrHallSubmission(h, flags));
        const receipt = (await tx.wait())!;
        const log = receipt.logs
          .map((l) => h.engine.interface.parseLog(l))
          .find((l) => l?.name === "ApplicationSubmitted")!;
        const call = h.engine.interface.parseTransaction({ data: tx.data })!;
        const submitted = call.args[0] as { licenceMaterials: bigint[]; uploads: { material: bigint }[] };
        shapes.push({
          licences: (log.args.licenceIds as string[]).length,
          uploads: (log.args.uploadHashes as string[]).length,
          licenceMaterials: submitted.licenceMaterials.map(Number),
          uploadMaterials: submitted.uploads.map((u) => Number(u.material)),
          calldata: ethers.dataLength(tx.data),
        });
      }
      expect(shapes[1]).to.deep.equal(shapes[0]);
      expect(shapes[2]).to.deep.equal(shapes[0]);
    });

    it("refuses a conditional upload in a correction too", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h, Condition.HandledByAgent);
      for (const officer of [0, 1]) {
        await h.engine.connect(h.officer(Dept.SAMR, officer)).decide(id, 0, Outcome.Return, 7, ZERO);
      }
      expect((await h.engine.getApplication(id)).status).to.equal(AppStatus.Returned);
      await expect(h.engine.connect(h.applicant).resubmit(id, [{ material: 22, contentHash: ethers.id("agent-2") }]))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnexpectedMaterial")
        .withArgs(22);
      await expect(h.engine.connect(h.applicant).resubmit(id, [{ material: 0, contentHash: ethers.id("x") }]))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnexpectedMaterial")
        .withArgs(0);
      await expect(
        h.engine.connect(h.applicant).resubmit(id, [{ material: 3, contentHash: ethers.id("corrected") }]),
      ).to.emit(h.engine, "ApplicationResubmitted");
    });

    it("puts no condition flag on chain: the event and calldata carry only a salted commitment", async () => {
      const h = await loadFixture(haidianPlatform);
      const flags = Condition.HandledByAgent;
      const first = vrHallSubmission(h, flags);
      const second = vrHallSubmission(h, flags);
      // Two applications with the same flags: unrelated commitments.
      expect(first.conditionsCommitment).to.not.equal(second.conditionsCommitment);
      const receipts = [];
      for (const submission of [first, second]) {
        const tx = await h.engine.connect(h.applicant).submit(submission);
        receipts.push({ tx, receipt: (await tx.wait())! });
      }
      const coder = ethers.AbiCoder.defaultAbiCoder();
      const unsalted = new Set(
        [...Array(64).keys()].map((mask) => ethers.keccak256(coder.encode(["uint32", "bytes32"], [mask, ZERO]))),
      );
      for (const [i, { tx, receipt }] of receipts.entries()) {
        const log = receipt.logs
          .map((l) => h.engine.interface.parseLog(l))
          .find((l) => l?.name === "ApplicationSubmitted")!;
        expect(log.fragment.inputs.map((p) => p.name)).to.not.include("conditions");
        const commitment = log.args.conditionsCommitment as string;
        expect(commitment).to.equal([first, second][i]!.conditionsCommitment);
        expect(unsalted.has(commitment)).to.equal(false);
        // The calldata: the submission's fields, none of them the flags.
        const call = h.engine.interface.parseTransaction({ data: tx.data })!;
        const submitted = call.args[0] as { toObject(): Record<string, unknown> };
        expect(Object.keys(submitted.toObject()).sort()).to.deep.equal(
          ["conditionsCommitment", "licenceMaterials", "licences", "matterId", "uploads"].sort(),
        );
        expect(unsalted.has(submitted.toObject().conditionsCommitment as string)).to.equal(false);
      }
      // The stored application has no conditions either.
      const id = receipts[0]!.receipt.logs
        .map((l) => h.engine.interface.parseLog(l))
        .find((l) => l?.name === "ApplicationSubmitted")!.args.applicationId as string;
      const stored = (await h.engine.getApplication(id)) as unknown as { toObject(): Record<string, unknown> };
      expect(Object.keys(stored.toObject()).sort()).to.deep.equal(
        ["activeSteps", "applicant", "approvedSteps", "matterId", "matterVersion", "status", "stepCount"].sort(),
      );
      // The applicant's declaration opens the commitment; any other mask, salt or material does not.
      const declaration = conditionsCommitment(flags, undefined, [
        { material: 22, id: ethers.id("agent") as `0x${string}` },
      ]);
      expect(checkConditionsDeclaration(declaration.commitment, declaration)).to.equal(true);
      expect(checkConditionsDeclaration(declaration.commitment, { ...declaration, conditions: 0 })).to.equal(false);
      expect(checkConditionsDeclaration(declaration.commitment, { ...declaration, materials: [] })).to.equal(false);
    });

    it("refuses unexpected or duplicate materials, other people's licences, and wrong types", async () => {
      const h = await loadFixture(haidianPlatform);
      const full = vrHallSubmission(h);
      await expect(h.engine.connect(h.applicant).submit({ ...full, uploads: [...full.uploads, full.uploads[0]!] }))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnexpectedMaterial")
        .withArgs(2);
      await expect(
        h.engine
          .connect(h.applicant)
          .submit({ ...full, uploads: [...full.uploads, { material: 23, contentHash: ZERO }] }),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnexpectedMaterial")
        .withArgs(23);
      // Someone else presenting the applicant's licences: holder problem.
      await expect(h.engine.connect(h.buyer).submit(full))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidLicence")
        .withArgs(0, h.businessLicence.licenceId, LicenceProblem.NotHolder);
      // The real-estate certificate presented as the business licence: type problem.
      await expect(h.engine.connect(h.applicant).submit({ ...full, licences: [full.licences[1]!, full.licences[0]!] }))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidLicence")
        .withArgs(0, h.premises.licenceId, LicenceProblem.WrongType);
      // A revoked licence: status problem.
      await h.licences.connect(h.officer(Dept.SAMR)).revoke(h.businessLicence.licenceId, ZERO, [], 1);
      await expect(h.engine.connect(h.applicant).submit(full))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidLicence")
        .withArgs(0, h.businessLicence.licenceId, LicenceProblem.NotValid);
      await expect(h.engine.connect(h.applicant).submit({ ...full, matterId: 99 }))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineMatterClosed")
        .withArgs(99);
    });
  });

  describe("rejection, return for correction, withdrawal", () => {
    it("a rejection ends the application", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      await h.engine.connect(h.officer(Dept.SAMR, 0)).decide(id, 0, Outcome.Reject, 12, ZERO);
      await expect(h.engine.connect(h.officer(Dept.SAMR, 1)).decide(id, 0, Outcome.Reject, 12, ZERO))
        .to.emit(h.engine, "ApplicationRejected")
        .withArgs(id, 0, 12);
      expect((await h.engine.getApplication(id)).status).to.equal(AppStatus.Rejected);
      await expect(approve(h, id, 0, Dept.SAMR, 2))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidStatus")
        .withArgs(id, AppStatus.Rejected);
    });

    it("officers must agree: a vote for another outcome reverts; one vote per officer", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      await approve(h, id, 0, Dept.SAMR, 0);
      await expect(h.engine.connect(h.officer(Dept.SAMR, 1)).decide(id, 0, Outcome.Reject, 3, ZERO))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineConflictingVote")
        .withArgs(Outcome.Approve, 0);
      await expect(approve(h, id, 0, Dept.SAMR, 0))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineAlreadyVoted")
        .withArgs(h.officer(Dept.SAMR, 0).address);
      await expect(
        h.engine.connect(h.officer(Dept.SAMR, 1)).decide(id, 0, Outcome.Approve, 5, ZERO),
      ).to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidDecision");
      await expect(
        h.engine.connect(h.officer(Dept.SAMR, 1)).decide(id, 0, Outcome.Reject, 0, ZERO),
      ).to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidDecision");
    });

    it("return for correction stops the clock while the application is with the applicant", async () => {
      const h = await loadFixture(haidianPlatform);
      // Submitted Monday 2026-01-05: SAMR's 3 working days end Thursday 01-08.
      const id = await submitVrHall(h);
      // Tuesday 01-06 10:00 the department returns it (1 working day used: 01-06).
      await time.increaseTo(beijing("2026-01-06T10:00"));
      await h.engine.connect(h.officer(Dept.SAMR, 0)).decide(id, 0, Outcome.Return, 7, ZERO);
      await expect(h.engine.connect(h.officer(Dept.SAMR, 1)).decide(id, 0, Outcome.Return, 7, ZERO))
        .to.emit(h.engine, "ApplicationReturned")
        .withArgs(id, 0, 7);
      const returned = await h.engine.getApplication(id);
      expect(returned.status).to.equal(AppStatus.Returned);
      // While returned, nobody decides and the step is not overdue.
      await expect(approve(h, id, 0, Dept.SAMR, 0)).to.be.revertedWithCustomError(
        h.engine,
        "ApprovalEngineInvalidStatus",
      );
      // The applicant resubmits on Monday 01-12: 2 working days remain → end of Wednesday 01-14.
      await time.increaseTo(beijing("2026-01-12T09:00"));
      await expect(h.engine.connect(h.buyer).resubmit(id, [])).to.be.revertedWithCustomError(
        h.engine,
        "ApprovalEngineNotApplicant",
      );
      await expect(h.engine.connect(h.applicant).resubmit(id, [{ material: 3, contentHash: ethers.id("corrected") }]))
        .to.emit(h.engine, "ApplicationResubmitted")
        .withArgs(id, [ethers.id("corrected")], 4) // with the applicant: 01-07, 01-08, 01-09, 01-12
        .and.to.emit(h.engine, "StepActivated")
        .withArgs(id, 0, Dept.SAMR, endOfDay("2026-01-14"), 1);
      const s = await h.engine.getStep(id, 0);
      expect(s.round).to.equal(1n);
      expect(s.usedDays).to.equal(1n);
      expect(s.votes).to.equal(0n);
      // The first round's votes lapsed: two new votes are needed.
      await approve(h, id, 0, Dept.SAMR, 0);
      await expect(approve(h, id, 0, Dept.SAMR, 1)).to.emit(h.engine, "StepDecided");
    });

    it("the applicant, and only the applicant, withdraws", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      await expect(h.engine.connect(h.buyer).withdraw(id))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineNotApplicant")
        .withArgs(h.buyer.address);
      await expect(h.engine.connect(h.applicant).withdraw(id)).to.emit(h.engine, "ApplicationWithdrawn").withArgs(id);
      expect((await h.engine.getApplication(id)).status).to.equal(AppStatus.Withdrawn);
      await expect(h.engine.connect(h.applicant).withdraw(id))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidStatus")
        .withArgs(id, AppStatus.Withdrawn);
      await expect(h.engine.connect(h.applicant).withdraw(ethers.id("nope")))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnknownApplication")
        .withArgs(ethers.id("nope"));
    });
  });

  describe("overdue flagging across the Spring Festival", () => {
    it("a deadline crossing the holiday and a make-up working day; anyone flags it, once", async () => {
      const h = await loadFixture(haidianPlatform);
      // Submitted Thursday 2026-02-12 10:00. Market supervision has 3 working days:
      // Fri 02-13 (1), Sat 02-14 make-up working day (2), 02-15..02-23 Spring Festival off,
      // Tue 02-24 (3) → deadline end of 2026-02-24.
      await time.increaseTo(beijing("2026-02-12T10:00"));
      const id = await submitVrHall(h);
      const deadline = endOfDay("2026-02-24");
      expect((await h.engine.getStep(id, 0)).deadline).to.equal(BigInt(deadline));
      await time.increaseTo(deadline - 60);
      await expect(h.engine.connect(h.buyer).flagOverdue(id, 0))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineNotOverdue")
        .withArgs(id, 0);
      await time.increaseTo(deadline + 1);
      await expect(h.engine.connect(h.buyer).flagOverdue(id, 0))
        .to.emit(h.engine, "StepOverdue")
        .withArgs(id, 0, Dept.SAMR, deadline, h.buyer.address);
      await expect(h.engine.connect(h.buyer).flagOverdue(id, 0)).to.be.revertedWithCustomError(
        h.engine,
        "ApprovalEngineNotOverdue",
      );
      // Flagging changed nothing else: the department still decides, late.
      await approve(h, id, 0, Dept.SAMR, 0);
      await expect(approve(h, id, 0, Dept.SAMR, 1))
        .to.emit(h.engine, "StepDecided")
        .withArgs(id, 0, Dept.SAMR, Outcome.Approve, 0, 0, anyValue, false);
      await expect(h.engine.flagOverdue(id, 1)).to.be.revertedWithCustomError(h.engine, "ApprovalEngineNotOverdue");
      void BEIJING;
    });
  });

  describe("rules: instant approval and credit restrictions", () => {
    it("Zhongguancun high-tech enterprise certification is approved at once for a valid national certificate", async () => {
      const h = await loadFixture(haidianPlatform);
      const { submission, evidence } = await zgcApplicant(h);
      const id = await h.engine.nextApplicationId(h.applicant.address, 2);
      await h.engine.connect(h.applicant).submit(submission);
      const output = h.buildFor(LicenceType.ZGC_HNTE, h.applicant.address);
      // The output step names a licence: only the certifying department's key may trigger it.
      await expect(h.engine.connect(h.buyer).autoReview(id, 0, evidence, output.licenceId, holderProof(output)))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidOutputLicence")
        .withArgs(id, 0);
      const tx = h.engine
        .connect(h.officer(Dept.ZGC))
        .autoReview(id, 0, evidence, output.licenceId, holderProof(output));
      await expect(tx)
        .to.emit(h.engine, "StepApprovedByRule")
        .withArgs(id, 0, await h.rules.zgcRule.getAddress(), true);
      await expect(tx).to.emit(h.engine, "ApplicationCompleted").withArgs(id, output.licenceId, LicenceType.ZGC_HNTE);
      expect((await h.engine.getApplication(id)).status).to.equal(AppStatus.Completed);
    });

    it("is not approved by rule when the national certificate was revoked", async () => {
      const h = await loadFixture(haidianPlatform);
      const { hnte, submission, evidence } = await zgcApplicant(h);
      const id = await h.engine.nextApplicationId(h.applicant.address, 2);
      await h.engine.connect(h.applicant).submit(submission);
      await h.licences.connect(h.officer(Dept.HNTE)).revoke(hnte.licenceId, ZERO, [], 9);
      const output = h.buildFor(LicenceType.ZGC_HNTE, h.applicant.address);
      await expect(
        h.engine.connect(h.officer(Dept.ZGC)).autoReview(id, 0, evidence, output.licenceId, holderProof(output)),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineRuleNotSatisfied")
        .withArgs(id, 0);
      expect((await h.engine.getApplication(id)).status).to.equal(AppStatus.Active);
    });

    it("an applicant on the dishonest-executor list is stopped by the rule", async () => {
      const h = await loadFixture(haidianPlatform);
      const { submission, evidence } = await zgcApplicant(h);
      const subject = await h.rules.notDishonest.accountSubject(DISHONEST_LIST, h.applicant.address);
      await h.restrictions.connect(h.officer(Dept.COURT)).list(subject, 1, 0);
      const id = await h.engine.nextApplicationId(h.applicant.address, 2);
      await h.engine.connect(h.applicant).submit(submission);
      const output = h.buildFor(LicenceType.ZGC_HNTE, h.applicant.address);
      await expect(
        h.engine.connect(h.officer(Dept.ZGC)).autoReview(id, 0, evidence, output.licenceId, holderProof(output)),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineRuleNotSatisfied")
        .withArgs(id, 0);
      // Unlisted, the same evidence approves at once.
      await h.restrictions.connect(h.officer(Dept.COURT)).unlist(subject);
      await expect(
        h.engine.connect(h.officer(Dept.ZGC)).autoReview(id, 0, evidence, output.licenceId, holderProof(output)),
      ).to.emit(h.engine, "ApplicationCompleted");
    });

    it("a step without a rule, or malformed evidence, is not auto-approved", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      await expect(h.engine.autoReview(id, 0, "0x", ZERO, NO_HOLDER))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineRuleNotSatisfied")
        .withArgs(id, 0);
      const { submission } = await zgcApplicant(h);
      const zgc = await h.engine.nextApplicationId(h.applicant.address, 2);
      await h.engine.connect(h.applicant).submit(submission);
      const output = h.buildFor(LicenceType.ZGC_HNTE, h.applicant.address);
      await expect(
        h.engine.connect(h.officer(Dept.ZGC)).autoReview(zgc, 0, "0x1234", output.licenceId, holderProof(output)),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineRuleNotSatisfied")
        .withArgs(zgc, 0);
    });
  });

  describe("linked services: real-estate transfer → electricity account transfer", () => {
    it("the power company starts the transfer with the buyer's signed consent, and approves it", async () => {
      const h = await loadFixture(haidianPlatform);
      const transfer = await submitTransfer(h);
      const certificate = h.buildFor(LicenceType.REAL_ESTATE, h.buyer.address);
      await expect(
        h.engine
          .connect(h.officer(Dept.PLANNING))
          .approveOutput(transfer, 0, certificate.licenceId, holderProof(certificate)),
      )
        .to.emit(h.engine, "LinkedMatterOffered")
        .withArgs(transfer, 3, h.buyer.address, 1);

      const power = h.officer(Dept.SGCC);
      const start = {
        parentApplicationId: transfer,
        matterId: 3,
        starter: power.address,
        deadline: (await time.latest()) + 3600,
      };
      const signature = await h.buyer.signTypedData(await engineDomain(h.engine), LINKED_START_TYPES, start);
      const submission = {
        matterId: 3,
        conditionsCommitment: conditionsCommitment(0).commitment,
        licenceMaterials: [],
        licences: [],
        uploads: [],
      };
      // Without the buyer's signature (signed by someone else), or by another starter: refused.
      const forged = await power.signTypedData(await engineDomain(h.engine), LINKED_START_TYPES, start);
      await expect(h.engine.connect(power).submitLinked({ ...start, signature: forged }, submission))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidSignature")
        .withArgs(h.buyer.address);
      await expect(h.engine.connect(h.applicant).submitLinked({ ...start, signature }, submission))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidLinkedStart")
        .withArgs(transfer, 3);

      const linked = await h.engine.nextApplicationId(h.buyer.address, 3);
      await expect(h.engine.connect(power).submitLinked({ ...start, signature }, submission))
        .to.emit(h.engine, "ApplicationSubmitted")
        .withArgs(
          linked,
          h.buyer.address,
          3,
          1,
          submission.conditionsCommitment,
          [certificate.licenceId],
          [],
          transfer,
          power.address,
        );
      await expect(h.engine.connect(power).decide(linked, 0, Outcome.Approve, 0, ZERO))
        .to.emit(h.engine, "ApplicationCompleted")
        .withArgs(linked, ZERO, 0);
      // A second start of the same link is refused.
      await expect(h.engine.connect(power).submitLinked({ ...start, signature }, submission))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidLinkedStart")
        .withArgs(transfer, 3);
    });
  });

  describe("m-of-n and signed decisions", () => {
    it("below the threshold nothing moves", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture, holder } = await atCultureStep(h);
      await expect(h.engine.decideBySig(decision, await sign(h.engine, culture.slice(0, 2), decision), holder))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineBelowThreshold")
        .withArgs(2, 3);
      expect(await activeSteps(h, id)).to.deep.equal([5]);
    });

    it("an officer of another department cannot decide, directly or by signature", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture, holder } = await atCultureStep(h);
      await expect(h.engine.connect(h.officer(Dept.SAMR)).approveOutput(id, 5, decision.outputLicenceId, holder))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineNotStepOfficer")
        .withArgs(h.officer(Dept.SAMR).address, Dept.CULTURE);
      const mixed = [culture[0]!, culture[1]!, h.officer(Dept.FIRE)];
      // The department registry's error comes through the engine unchanged.
      await expect(h.engine.decideBySig(decision, await sign(h.engine, mixed, decision), holder))
        .to.be.revertedWithCustomError(h.departments, "NotDepartmentOfficer")
        .withArgs(h.officer(Dept.FIRE).address, Dept.CULTURE);
    });

    it("a signature cannot be replayed: same round, other chain, other contract, after its deadline, unsorted", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture, holder } = await atCultureStep(h);
      const three = culture.slice(0, 3);
      const chainId = (await ethers.provider.getNetwork()).chainId;
      await expect(
        h.engine.decideBySig(
          decision,
          await sign(h.engine, three, decision, await engineDomain(h.engine, { chainId: chainId + 1n })),
          holder,
        ),
      ).to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidSignature");
      await expect(
        h.engine.decideBySig(
          decision,
          await sign(
            h.engine,
            three,
            decision,
            await engineDomain(h.engine, { verifyingContract: await h.licences.getAddress() }),
          ),
          holder,
        ),
      ).to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidSignature");
      const signatures = await sign(h.engine, three, decision);
      await expect(h.engine.decideBySig(decision, [...signatures].reverse(), holder)).to.be.revertedWithCustomError(
        h.engine,
        "ApprovalEngineUnsortedSigners",
      );
      await expect(
        h.engine.decideBySig(decision, [signatures[0]!, signatures[0]!, signatures[1]!], holder),
      ).to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnsortedSigners");
      await expect(
        h.engine.decideBySig(
          { ...decision, outcome: Outcome.Return, reason: 1, outputLicenceId: ZERO },
          signatures,
          holder,
        ),
      ).to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidSignature");
      const late = { ...decision, deadline: (await time.latest()) + 10 };
      const lateSignatures = await sign(h.engine, three, late);
      await time.increase(60);
      await expect(h.engine.decideBySig(late, lateSignatures, holder))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineExpiredSignature")
        .withArgs(late.deadline);

      const fresh = { ...decision, deadline: (await time.latest()) + 3600 };
      const freshSignatures = await sign(h.engine, three, fresh);
      await h.engine.decideBySig(fresh, freshSignatures, holder);
      // Used once: the step is no longer active.
      await expect(h.engine.decideBySig(fresh, freshSignatures, holder))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidStatus")
        .withArgs(id, AppStatus.Completed);
    });

    it("a signed decision records its signers in the step's votes, as direct votes do", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture, holder } = await atCultureStep(h);
      const signers = [culture[0]!, culture[2]!, culture[4]!];
      let mask = 0n;
      for (const signer of signers) mask |= 1n << (await h.departments.voterOf(signer.address))[1];
      expect(mask).to.not.equal(0n);
      const signatures = await sign(h.engine, signers, decision);
      await expect(h.engine.decideBySig(decision, signatures, holder))
        .to.emit(h.engine, "StepDecided")
        .withArgs(id, 5, Dept.CULTURE, Outcome.Approve, 0, 0, mask, true);
      expect((await h.engine.getStep(id, 5)).votes).to.equal(mask);
    });

    it("a signed return for correction starts a new round: the old round's signatures are void", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture, holder } = await atCultureStep(h);
      const three = culture.slice(0, 3);
      const giveBack = { ...decision, outcome: Outcome.Return, reason: 4, outputLicenceId: ZERO };
      await h.engine.decideBySig(giveBack, await sign(h.engine, three, giveBack), holder);
      await h.engine.connect(h.applicant).resubmit(id, []);
      await expect(h.engine.decideBySig(giveBack, await sign(h.engine, three, giveBack), holder))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineWrongRound")
        .withArgs(0, 1);
      const round1 = { ...decision, round: 1 };
      await expect(h.engine.decideBySig(round1, await sign(h.engine, three, round1), holder)).to.emit(
        h.engine,
        "ApplicationCompleted",
      );
    });

    it("decisions in flight for different applications never block each other", async () => {
      const h = await loadFixture(haidianPlatform);
      const first = await submitVrHall(h);
      const second = await submitVrHall(h);
      await approve(h, second, 0, Dept.SAMR, 0);
      await approve(h, first, 0, Dept.SAMR, 0);
      await approve(h, second, 0, Dept.SAMR, 1);
      expect(await activeSteps(h, second)).to.deep.equal([1, 2, 4]);
      expect(await activeSteps(h, first)).to.deep.equal([0]);
    });

    it("a change of the department's officers lapses votes in flight", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      await approve(h, id, 0, Dept.SAMR, 0);
      const samr = h.officers[Dept.SAMR - 1]!;
      await h.departments.setOfficers(
        Dept.SAMR,
        samr.map((w) => w.address),
        2,
      );
      await approve(h, id, 0, Dept.SAMR, 1);
      expect(await activeSteps(h, id)).to.deep.equal([0]);
      await expect(approve(h, id, 0, Dept.SAMR, 2)).to.emit(h.engine, "StepDecided");
    });

    it("an inactive step, an unknown application, or a non-officer cannot be decided", async () => {
      const h = await loadFixture(haidianPlatform);
      const id = await submitVrHall(h);
      await expect(approve(h, id, 1, Dept.HOUSING))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineStepNotActive")
        .withArgs(id, 1);
      await expect(h.engine.connect(h.buyer).decide(id, 0, Outcome.Approve, 0, ZERO))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineNotStepOfficer")
        .withArgs(h.buyer.address, Dept.SAMR);
      await expect(approve(h, ethers.id("x"), 0, Dept.SAMR))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineUnknownApplication")
        .withArgs(ethers.id("x"));
    });

    it("the output step needs its output licence id; other steps must not name one", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture } = await atCultureStep(h);
      await expect(h.engine.connect(culture[0]!).decide(id, 5, Outcome.Approve, 0, ZERO))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidOutputLicence")
        .withArgs(id, 5);
      const other = await submitVrHall(h);
      await expect(approve(h, other, 0, Dept.SAMR, 0, decision.outputLicenceId))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidOutputLicence")
        .withArgs(other, 0);
    });
  });

  describe("output licence named by direct votes", () => {
    it("the first vote may not name a licence that already exists (it could never be issued)", async () => {
      const h = await loadFixture(haidianPlatform);
      const transfer = await submitTransfer(h);
      const planning = h.officer(Dept.PLANNING);
      const existing = await h.issue(LicenceType.REAL_ESTATE, h.buyer.address);
      await expect(h.engine.connect(planning).approveOutput(transfer, 0, existing.licenceId, holderProof(existing)))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineInvalidOutputLicence")
        .withArgs(transfer, 0);
      const certificate = h.buildFor(LicenceType.REAL_ESTATE, h.buyer.address);
      const vote = h.engine
        .connect(planning)
        .approveOutput(transfer, 0, certificate.licenceId, holderProof(certificate));
      await expect(vote).to.emit(h.engine, "ApplicationCompleted");
      await expect(vote)
        .to.emit(h.engine, "VoteCast")
        .withArgs(transfer, 0, planning.address, Outcome.Approve, 0, 0, false, certificate.licenceId);
    });

    it("the first vote proves the applicant holds the output licence; later votes name it without a proof", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture, holder } = await atCultureStep(h);
      const output = decision.outputLicenceId;
      // A plain vote cannot name a new output licence: it carries no proof.
      await expect(h.engine.connect(culture[0]!).decide(id, 5, Outcome.Approve, 0, output))
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineOutputHolderNotApplicant")
        .withArgs(id, output);
      await h.engine.connect(culture[0]!).approveOutput(id, 5, output, holder);
      await h.engine.connect(culture[1]!).decide(id, 5, Outcome.Approve, 0, output);
      await expect(h.engine.connect(culture[2]!).approveOutput(id, 5, output, NO_HOLDER))
        .to.emit(h.engine, "ApplicationCompleted")
        .withArgs(id, output, LicenceType.ENTERTAINMENT);
    });
  });

  describe("output licence bound to the applicant", () => {
    it("refuses an output licence held by someone else, by every entry path; nothing changes", async () => {
      const h = await loadFixture(haidianPlatform);
      const { id, decision, culture } = await atCultureStep(h);
      const theirs = h.buildFor(LicenceType.ENTERTAINMENT, h.buyer.address);
      const forged = { ...decision, outputLicenceId: theirs.licenceId };
      const refused = (tx: Promise<unknown>) =>
        expect(tx)
          .to.be.revertedWithCustomError(h.engine, "ApprovalEngineOutputHolderNotApplicant")
          .withArgs(id, theirs.licenceId);
      // The buyer's own holder proof: a proof for the buyer, not for the applicant.
      await refused(h.engine.connect(culture[0]!).approveOutput(id, 5, theirs.licenceId, holderProof(theirs)));
      await refused(h.engine.connect(culture[0]!).approveOutput(id, 5, theirs.licenceId, NO_HOLDER));
      await refused(
        h.engine.decideBySig(forged, await sign(h.engine, culture.slice(0, 3), forged), holderProof(theirs)),
      );
      // The applicant's proof of another licence does not prove this one.
      const mine = h.buildFor(LicenceType.ENTERTAINMENT, h.applicant.address);
      await refused(h.engine.decideBySig(forged, await sign(h.engine, culture.slice(0, 3), forged), holderProof(mine)));
      const step = await h.engine.getStep(id, 5);
      expect([step.votes, step.pendingOutcome]).to.deep.equal([0n, BigInt(Outcome.None)]);
      expect(await activeSteps(h, id)).to.deep.equal([5]);
      expect(await h.engine.outputLicenceOf(id)).to.equal(ZERO);
    });

    it("refuses a rule review naming an output licence held by someone else", async () => {
      const h = await loadFixture(haidianPlatform);
      const { submission, evidence } = await zgcApplicant(h);
      const id = await h.engine.nextApplicationId(h.applicant.address, 2);
      await h.engine.connect(h.applicant).submit(submission);
      const theirs = h.buildFor(LicenceType.ZGC_HNTE, h.buyer.address);
      await expect(
        h.engine.connect(h.officer(Dept.ZGC)).autoReview(id, 0, evidence, theirs.licenceId, holderProof(theirs)),
      )
        .to.be.revertedWithCustomError(h.engine, "ApprovalEngineOutputHolderNotApplicant")
        .withArgs(id, theirs.licenceId);
      expect((await h.engine.getApplication(id)).status).to.equal(AppStatus.Active);
    });
  });

  describe("views and upgrades", () => {
    it("exposes the EIP-712 domain and type hashes", async () => {
      const h = await loadFixture(haidianPlatform);
      expect(await h.engine.domainSeparator()).to.equal(
        ethers.TypedDataEncoder.hashDomain(await engineDomain(h.engine)),
      );
      expect(await h.engine.decisionTypehash()).to.equal(
        ethers.id(
          "Decision(bytes32 applicationId,uint8 step,uint8 round,uint8 outcome,uint16 reason,bytes32 outputLicenceId,uint64 deadline)",
        ),
      );
      expect(await h.engine.linkedStartTypehash()).to.equal(
        ethers.id("LinkedStartConsent(bytes32 parentApplicationId,uint32 matterId,address starter,uint64 deadline)"),
      );
    });

    it("reverts an upgrade by anyone but the UPGRADER", async () => {
      const h = await loadFixture(haidianPlatform);
      const next = await ethers.deployContract("ApprovalEngine");
      await expect(h.engine.connect(h.applicant).upgradeToAndCall(await next.getAddress(), "0x"))
        .to.be.revertedWithCustomError(h.engine, "AccessManagedUnauthorized")
        .withArgs(h.applicant.address);
    });
  });
});
