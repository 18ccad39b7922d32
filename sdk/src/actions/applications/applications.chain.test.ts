import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import {
  decodeFunctionData,
  domainSeparator,
  keccak256,
  parseEventLogs,
  stringToHex,
  type Address,
  type Hex,
} from "viem";

import {
  APPROVAL_ENGINE_DOMAIN_NAME,
  APPROVAL_ENGINE_DOMAIN_VERSION,
  approvalEngineDomain,
  autoReview,
  checkConditionsDeclaration,
  checkDeclaredMaterials,
  decide,
  decideBySig,
  DECISION_TYPES,
  flagOverdue,
  getApplication,
  getStep,
  LINKED_START_TYPES,
  resubmit,
  signDecision,
  signLinkedStart,
  submitApplication,
  submitLinkedApplication,
  withdraw,
} from "./index.ts";
import { getNextApplicationId } from "./getNextApplicationId.ts";
import { getMatterMaterials } from "../catalogue/getMatterMaterials.ts";
import { UnknownApplicationError } from "../../errors/application.ts";
import { InvalidParameterError } from "../../errors/parameter.ts";
import type { OneWindowClient } from "../../chain/client.ts";
import { ApplicationStatus, Outcome } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { writeContract } from "../../chain/write.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { approvalEngineAbi } from "../../generated/abis.ts";
import { heldLicence } from "../../licence/present.ts";
import { admin, newAccounts } from "@onewindow/testkit/test-chain";
import { haidianData, haidianDistrict, type HaidianDistrict } from "../../test/district.ts";

type Person = { address: Address; client: OneWindowClient };

let h: HaidianDistrict;
let applicant: Person;
let stranger: Person;
/** An active power-transfer application of `applicant` (one step, by the power company). */
let powerApplication: Hex;
/** A Zhongguancun application of `applicant` (one rule-approved output step). */
let zgcApplication: Hex;

const reverts = (errorName: string, check?: (args: readonly unknown[]) => void) => (error: unknown) => {
  assert.ok(error instanceof ContractRevertError, String(error));
  assert.equal(error.errorName, errorName);
  check?.(error.args);
  return true;
};

/** keccak256 of an EIP-712 type's encoding `Name(type name,…)` (no referenced types here). */
const typehash = (name: string, fields: readonly { name: string; type: string }[]) =>
  keccak256(stringToHex(`${name}(${fields.map((f) => `${f.type} ${f.name}`).join(",")})`));

const invalid = (parameter: string) => (error: unknown) => {
  assert.ok(error instanceof InvalidParameterError, String(error));
  assert.equal(error.parameter, parameter);
  return true;
};

before(async () => {
  const [district, people] = await Promise.all([haidianDistrict(), newAccounts(2)]);
  h = district;
  applicant = people[0]!;
  stranger = people[1]!;
  const [premises, hnte, business] = await Promise.all([
    h.issue("REAL_ESTATE_CERTIFICATE", applicant.address),
    h.issue("NATIONAL_HNTE_CERTIFICATE", applicant.address),
    h.issue("BUSINESS_LICENCE", applicant.address),
  ]);
  const [power, zgc] = await Promise.all([
    submitApplication(applicant.client, {
      matterId: h.matterId("SGCC-POWER-TRANSFER"),
      licences: [{ licence: premises.file }],
    }),
    submitApplication(applicant.client, {
      matterId: h.matterId("HD-ZGC-HNTE"),
      licences: [{ licence: hnte.file }, { licence: business.file }],
    }),
  ]);
  powerApplication = power.applicationId;
  zgcApplication = zgc.applicationId;
});

describe("EIP-712 typed data", () => {
  it("matches the engine's domain separator and typehashes", async () => {
    const [separator, decisionTypehash, linkedStartTypehash] = await Promise.all([
      readContract(admin, { contract: "ApprovalEngine", functionName: "domainSeparator", args: [] }),
      readContract(admin, { contract: "ApprovalEngine", functionName: "decisionTypehash", args: [] }),
      readContract(admin, { contract: "ApprovalEngine", functionName: "linkedStartTypehash", args: [] }),
    ]);
    assert.equal(APPROVAL_ENGINE_DOMAIN_NAME, "OneWindow ApprovalEngine");
    assert.equal(APPROVAL_ENGINE_DOMAIN_VERSION, "1");
    assert.equal(domainSeparator({ domain: approvalEngineDomain(admin) }), separator);
    assert.equal(typehash("Decision", DECISION_TYPES.Decision), decisionTypehash);
    assert.equal(typehash("LinkedStartConsent", LINKED_START_TYPES.LinkedStartConsent), linkedStartTypehash);
  });
});

describe("submitting", () => {
  it("returns the application id the engine announced in advance", async () => {
    const matterId = h.matterId("SGCC-POWER-TRANSFER");
    const expected = await getNextApplicationId(admin, { applicant: applicant.address, matterId });
    await assert.rejects(
      getNextApplicationId(admin, { applicant: "0x1234" as Address, matterId }),
      InvalidParameterError,
    );
    await assert.rejects(
      getNextApplicationId(admin, { applicant: applicant.address, matterId: 0 }),
      InvalidParameterError,
    );
    const premises = await h.issue("REAL_ESTATE_CERTIFICATE", applicant.address);
    const { applicationId, activatedSteps } = await submitApplication(applicant.client, {
      matterId,
      licences: [{ licence: premises.file, material: 0 }],
    });
    assert.equal(applicationId, expected);
    assert.deepEqual(activatedSteps, [0]);
    const step = await getStep(admin, { applicationId, step: 0 });
    assert.equal(step.departmentId, h.departmentId("SGCC-HD"));
    assert.ok(step.deadline > step.activatedAt);
  });

  it("checks a submission against the matter before sending", async () => {
    const matterId = h.matterId("HD-ZGC-HNTE");
    const business = h.build("BUSINESS_LICENCE", applicant.address);
    await assert.rejects(
      submitApplication(applicant.client, { matterId, licences: [{ licence: business.file }] }),
      invalid("licences"),
    );
    await assert.rejects(
      submitApplication(applicant.client, { matterId, licences: [{ licence: business.file, material: 0 }] }),
      invalid("licences[0].licence"),
    );
    await assert.rejects(
      submitApplication(applicant.client, {
        matterId,
        uploads: [{ material: 0, contentHash: keccak256(stringToHex("x")) }],
      }),
      invalid("uploads[0].material"),
    );
    await assert.rejects(submitApplication(applicant.client, { matterId: 999_999 }), invalid("matterId"));
  });

  it("checks conditional materials off chain and puts them in the declaration, never on chain", async () => {
    const matterId = h.matterId("HD-GALLERY");
    const business = await h.issue("BUSINESS_LICENCE", applicant.address);
    const upload = (material: number) => ({ material, contentHash: keccak256(stringToHex(`gallery-${material}`)) });
    const nonBeijingResident = haidianData().conditions!.NonBeijingResident!;
    // The residence proof (material 3) is required of a non-Beijing resident: named before sending.
    await assert.rejects(
      submitApplication(applicant.client, {
        matterId,
        conditions: nonBeijingResident,
        licences: [{ licence: business.file }],
        uploads: [upload(1)],
      }),
      (error: unknown) => invalid("uploads")(error) && /required material 3/.test(String(error)),
    );
    const { applicationId, declaration, hash } = await submitApplication(applicant.client, {
      matterId,
      conditions: nonBeijingResident,
      licences: [{ licence: business.file }],
      uploads: [upload(1), upload(3)],
    });
    // The residence proof is in the declaration, which opens the commitment; not on chain.
    assert.equal(declaration.conditions, nonBeijingResident);
    assert.deepEqual(declaration.materials, [{ material: 3, id: upload(3).contentHash }]);
    assert.ok(checkConditionsDeclaration(declaration.commitment, declaration));
    assert.ok(!checkConditionsDeclaration(declaration.commitment, { ...declaration, materials: [] }));
    const materials = await getMatterMaterials(admin, { matterId });
    assert.deepEqual(checkDeclaredMaterials(materials, declaration), { missing: [], unexpected: [] });
    assert.deepEqual(checkDeclaredMaterials(materials, { ...declaration, materials: [] }).missing, [3]);
    // On chain: the commitment, in the event and in the calldata; not the flags, not material 3.
    const receipt = await admin.public.getTransactionReceipt({ hash });
    const [submitted] = parseEventLogs({
      abi: approvalEngineAbi,
      logs: receipt.logs,
      eventName: "ApplicationSubmitted",
    });
    assert.equal(submitted!.args.applicationId, applicationId);
    assert.equal(submitted!.args.conditionsCommitment, declaration.commitment);
    assert.ok(!("conditions" in submitted!.args));
    assert.deepEqual(submitted!.args.uploadHashes, [upload(1).contentHash]);
    const tx = await admin.public.getTransaction({ hash });
    const call = decodeFunctionData({ abi: approvalEngineAbi, data: tx.input });
    assert.deepEqual(Object.keys(call.args![0] as object).sort(), [
      "conditionsCommitment",
      "licenceMaterials",
      "licences",
      "matterId",
      "uploads",
    ]);
    // An applicant without the condition sends the same shape.
    const again = await submitApplication(applicant.client, {
      matterId,
      licences: [{ licence: business.file }],
      uploads: [upload(1)],
    });
    assert.notEqual(again.declaration.commitment, declaration.commitment);
    assert.deepEqual(again.declaration.materials, []);
    const againTx = await admin.public.getTransaction({ hash: again.hash });
    assert.equal(againTx.input.length, tx.input.length);
    // The engine refuses a conditional material sent by hand, and still requires the unconditional ones.
    const raw = (uploads: { material: number; contentHash: Hex }[]) =>
      writeContract(applicant.client, {
        contract: "ApprovalEngine",
        functionName: "submit",
        args: [
          {
            matterId,
            conditionsCommitment: declaration.commitment,
            licenceMaterials: [0],
            licences: [heldLicence(business.file)],
            uploads,
          },
        ],
      });
    await assert.rejects(
      raw([upload(1), upload(3)]),
      reverts("ApprovalEngineUnexpectedMaterial", (args) => assert.equal(args[0], 3)),
    );
    await assert.rejects(
      raw([]),
      reverts("ApprovalEngineMissingMaterial", (args) => assert.equal(args[0], 1)),
    );
  });

  it("refuses a licence presented by someone who does not hold it", async () => {
    const premises = await h.issue("REAL_ESTATE_CERTIFICATE", applicant.address);
    await assert.rejects(
      submitApplication(stranger.client, {
        matterId: h.matterId("SGCC-POWER-TRANSFER"),
        licences: [{ licence: premises.file }],
      }),
      reverts("ApprovalEngineInvalidLicence", (args) => assert.equal(args[2], 2)),
    );
  });
});

describe("automatic review", () => {
  it("uses the licences the application presented at submission: the applicant is not asked again", async () => {
    const [holder] = await newAccounts(1);
    const [hnte, business] = await Promise.all([
      h.issue("NATIONAL_HNTE_CERTIFICATE", holder!.address),
      h.issue("BUSINESS_LICENCE", holder!.address),
    ]);
    const { applicationId } = await submitApplication(holder!.client, {
      matterId: h.matterId("HD-ZGC-HNTE"),
      licences: [{ licence: hnte.file }, { licence: business.file }],
    });
    const output = h.build("ZGC_HNTE_CERTIFICATE", holder!.address);
    // No evidence given, no licence file of the applicant at hand: the node reviews at once.
    const reviewed = await autoReview(h.officer("HD-ZGC").client, {
      applicationId,
      step: 0,
      outputLicence: output.file,
    });
    assert.equal(reviewed.status, ApplicationStatus.Completed);
    assert.equal(reviewed.outputLicenceId, output.licenceId);
  });
});

describe("output licence bound to the applicant", () => {
  it("refuses an output licence held by someone else, or a new one named by id alone; the applicant's own completes", async () => {
    const [buyer] = await newAccounts(1);
    const { applicationId } = await submitApplication(buyer!.client, {
      matterId: h.matterId("BJ-REAL-ESTATE-TRANSFER"),
      uploads: [{ material: 0, contentHash: keccak256(stringToHex("contract")) }],
    });
    const planning = h.officer("BJ-PLANNING").client;
    const theirs = h.build("REAL_ESTATE_CERTIFICATE", stranger.address, {}, "BJ-PLANNING");
    const notTheApplicants = reverts("ApprovalEngineOutputHolderNotApplicant", (args) => {
      assert.equal(args[0], applicationId);
      assert.equal(args[1], theirs.licenceId);
    });
    const approve = { applicationId, step: 0, outcome: Outcome.Approve } as const;
    await assert.rejects(decide(planning, { ...approve, outputLicence: theirs.file }), notTheApplicants);
    await assert.rejects(decide(planning, { ...approve, outputLicenceId: theirs.licenceId }), notTheApplicants);
    const signed = await signDecision(planning, { ...approve, round: 0, outputLicence: theirs.file });
    await assert.rejects(decideBySig(admin, { signatures: [signed] }), notTheApplicants);
    assert.equal((await getApplication(admin, { applicationId })).status, ApplicationStatus.Active);

    const mine = h.build("REAL_ESTATE_CERTIFICATE", buyer!.address, {}, "BJ-PLANNING");
    const done = await decide(planning, { ...approve, outputLicence: mine.file });
    assert.equal(done.status, ApplicationStatus.Completed);
    assert.equal(done.outputLicenceId, mine.licenceId);
  });
});

describe("who may act", () => {
  it("refuses a direct decision from an account that is no officer of the step's department", async () => {
    const notSgcc = h.officer("HD-ZGC");
    await assert.rejects(
      decide(stranger.client, { applicationId: powerApplication, step: 0, outcome: Outcome.Approve }),
      reverts("ApprovalEngineNotStepOfficer", (args) => assert.equal(args[1], h.departmentId("SGCC-HD"))),
    );
    await assert.rejects(
      decide(notSgcc.client, { applicationId: powerApplication, step: 0, outcome: Outcome.Approve }),
      reverts("ApprovalEngineNotStepOfficer"),
    );
  });

  it("refuses signed decisions by non-officers, too few officers, or from another round", async () => {
    const decision = { applicationId: powerApplication, step: 0, round: 0, outcome: Outcome.Approve } as const;
    await assert.rejects(
      decideBySig(admin, { signatures: [await signDecision(stranger.client, decision)] }),
      reverts("NotDepartmentOfficer"),
    );
    await assert.rejects(
      decideBySig(admin, { signatures: [await signDecision(h.officer("SGCC-HD").client, { ...decision, round: 1 })] }),
      reverts("ApprovalEngineWrongRound"),
    );
    const culture = h.officers("HD-CULTURE");
    const signed = await signDecision(culture[0]!.client, decision);
    await assert.rejects(decideBySig(admin, { signatures: [signed, signed] }), invalid("signatures[1].signer"));
    const other = await signDecision(culture[1]!.client, { ...decision, deadline: signed.decision.deadline + 1n });
    await assert.rejects(decideBySig(admin, { signatures: [signed, other] }), invalid("signatures[1].decision"));
  });

  it("refuses the output step's rule review from an account that is no officer of its department", async () => {
    const output = h.build("ZGC_HNTE_CERTIFICATE", applicant.address);
    await assert.rejects(
      autoReview(stranger.client, { applicationId: zgcApplication, step: 0, outputLicence: output.file }),
      reverts("ApprovalEngineInvalidOutputLicence"),
    );
    await assert.rejects(
      autoReview(h.officer("HD-ZGC").client, {
        applicationId: zgcApplication,
        step: 0,
        evidence: "0x", // explicitly none: the rule does not hold
        outputLicence: output.file,
      }),
      reverts("ApprovalEngineRuleNotSatisfied"),
    );
  });

  it("lets only the applicant resubmit or withdraw", async () => {
    await decide(h.officer("SGCC-HD").client, {
      applicationId: powerApplication,
      step: 0,
      outcome: Outcome.Return,
      reason: 3,
    });
    await assert.rejects(
      resubmit(stranger.client, { applicationId: powerApplication }),
      reverts("ApprovalEngineNotApplicant", (args) => assert.equal(args[0], stranger.address)),
    );
    await assert.rejects(
      withdraw(stranger.client, { applicationId: powerApplication }),
      reverts("ApprovalEngineNotApplicant"),
    );
    await resubmit(applicant.client, { applicationId: powerApplication });
    assert.equal((await getApplication(admin, { applicationId: powerApplication })).status, ApplicationStatus.Active);
    assert.equal((await getStep(admin, { applicationId: powerApplication, step: 0 })).round, 1);
  });

  it("flags only a step past its deadline", async () => {
    await assert.rejects(
      flagOverdue(stranger.client, { applicationId: powerApplication, step: 0 }),
      reverts("ApprovalEngineNotOverdue"),
    );
  });

  it("starts a linked matter only with the holder's own consent", async () => {
    const buyer = applicant;
    const { applicationId: transfer } = await submitApplication(buyer.client, {
      matterId: h.matterId("BJ-REAL-ESTATE-TRANSFER"),
      uploads: [{ material: 0, contentHash: keccak256(stringToHex("contract")) }],
    });
    const certificate = h.build("REAL_ESTATE_CERTIFICATE", buyer.address, {}, "BJ-PLANNING");
    await decide(h.officer("BJ-PLANNING").client, {
      applicationId: transfer,
      step: 0,
      outcome: Outcome.Approve,
      outputLicence: certificate.file,
    });
    const sgcc = h.officer("SGCC-HD");
    const consent = {
      parentApplicationId: transfer,
      matterId: h.matterId("SGCC-POWER-TRANSFER"),
      starter: sgcc.address,
    };
    const forged = await signLinkedStart(stranger.client, consent);
    await assert.rejects(
      submitLinkedApplication(sgcc.client, { start: forged }),
      reverts("ApprovalEngineInvalidSignature", (args) => assert.equal(args[0], buyer.address)),
    );
    const genuine = await signLinkedStart(buyer.client, consent);
    await assert.rejects(submitLinkedApplication(stranger.client, { start: genuine }), invalid("start.starter"));
  });
});

describe("decision input", () => {
  it("checks outcome, reason and output licence before sending", async () => {
    const applicationId = powerApplication;
    const client = h.officer("SGCC-HD").client;
    await assert.rejects(
      decide(client, { applicationId, step: 0, outcome: Outcome.Approve, reason: 4 }),
      invalid("reason"),
    );
    await assert.rejects(decide(client, { applicationId, step: 0, outcome: Outcome.Reject }), invalid("reason"));
    await assert.rejects(
      decide(client, {
        applicationId,
        step: 0,
        outcome: Outcome.Return,
        reason: 2,
        outputLicenceId: keccak256("0x01"),
      }),
      invalid("outputLicenceId"),
    );
    await assert.rejects(decide(client, { applicationId, step: 0, outcome: Outcome.None }), invalid("outcome"));
  });

  it("names an unknown application", async () => {
    await assert.rejects(
      getApplication(admin, { applicationId: keccak256(stringToHex("no such application")) }),
      (error: unknown) => error instanceof UnknownApplicationError && error.code === "APPLICATION_UNKNOWN",
    );
  });
});

describe("a block later than the estimate", () => {
  it("resubmits when the block that includes it falls days after the estimate (the calendar does more work)", async (t) => {
    // Returned and resubmitted on the same day, the engine counts no working days with the
    // applicant; a block days later makes the calendar count them and restart the step's clock on
    // a later date. A busy chain's blocks run ahead of the clock the estimate saw, so the send needs
    // room above the node's estimate (it ran out of gas, "revert data 0x", in the scenarios).
    const [person] = await newAccounts(1);
    const premises = await h.issue("REAL_ESTATE_CERTIFICATE", person!.address);
    const { applicationId } = await submitApplication(person!.client, {
      matterId: h.matterId("SGCC-POWER-TRANSFER"),
      licences: [{ licence: premises.file }],
    });
    await decide(h.officer("SGCC-HD").client, { applicationId, step: 0, outcome: Outcome.Return, reason: 3 });
    const request = (method: string, params: unknown[] = []) =>
      admin.public.request({ method: method as never, params: params as never });
    if (/anvil/i.test(String(await request("web3_clientVersion")))) {
      // anvil's evm_revert does not take its clock back: the later files would run three days ahead.
      t.skip("hardhat only: anvil keeps the moved clock after evm_revert");
      return;
    }
    // The chain goes back to this point afterwards: the test files share the chain, and a clock
    // three days ahead would expire the signature deadlines (wall clock + minutes) of later files.
    const snapshot = await request("evm_snapshot");
    await request("evm_setAutomine", [false]);
    try {
      const sent = resubmit(person!.client, { applicationId });
      // Once the transaction waits in the pool (estimated on today's clock), mine it three days on.
      for (;;) {
        const pending = await admin.public.getBlock({ blockTag: "pending" });
        if (pending.transactions.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const latest = await admin.public.getBlock();
      await request("evm_setNextBlockTimestamp", [Number(latest.timestamp) + 3 * 86_400]);
      await request("evm_mine");
      await sent;
      assert.equal((await getApplication(admin, { applicationId })).status, ApplicationStatus.Active);
    } finally {
      await request("evm_setAutomine", [true]);
      await request("evm_revert", [snapshot]);
    }
  });
});
