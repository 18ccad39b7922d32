/**
 * Every state-changing function of every OneWindow contract, read from the compiled ABIs, called by
 * a fresh account that holds no role, is no officer and holds nothing: it must revert with a named
 * error. Functions open to anyone by design are listed in OPEN_BY_DESIGN with a reason, and their
 * own guard is tested instead. A state-changing function in neither table fails the suite, so a
 * function added later needs one of the two.
 */
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { heldLicence, LicenceProblem, Outcome } from "@onewindow/sdk";
import type { BaseContract, FunctionFragment, HDNodeWallet, ParamType } from "ethers";
import { Interface } from "ethers";
import { artifacts } from "hardhat";

import { ROLES } from "../ignition/modules/roles.ts";
import {
  engineDomain,
  holderProof,
  LINKED_START_TYPES,
  NO_HOLDER,
  signDecision,
  type Decision,
} from "./helpers/decision.ts";
import { delegatedConsent } from "./helpers/eip712.ts";
import { ethers, loadFixture, networkHelpers, time } from "./helpers/fixture.ts";
import { Dept, haidianPlatform, LicenceType, vrHallSubmission } from "./helpers/haidian.ts";

const ZERO = ethers.ZeroHash;
const HOUR = 3_600;
const DAY = 86_400;
/** ERC-1967 implementation slot: keccak256("eip1967.proxy.implementation") - 1. */
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

// ---------------------------------------------------------------- the functions, from the ABIs

/** One state-changing function of one contract, as the compiled ABI gives it. */
type Entry = { contract: string; fragment: FunctionFragment; key: string };

/**
 * Every non-abstract contract under contracts/ (mocks aside) with its non-view, non-pure functions,
 * read from the build's artifacts.
 */
async function stateChangingFunctions(): Promise<{ contracts: string[]; entries: Entry[] }> {
  const contracts: string[] = [];
  const entries: Entry[] = [];
  const names = [...(await artifacts.getAllFullyQualifiedNames())]
    .filter((fqn) => fqn.startsWith("contracts/") && !fqn.startsWith("contracts/mocks/"))
    .sort();
  for (const fqn of names) {
    const artifact = await artifacts.readArtifact(fqn);
    if (artifact.bytecode === "0x") continue; // interfaces and abstract contracts are never deployed
    if (!artifact.abi.some((item) => item.type === "function")) continue; // libraries of constants
    contracts.push(artifact.contractName);
    new Interface(artifact.abi).forEachFunction((fragment) => {
      if (fragment.stateMutability === "view" || fragment.stateMutability === "pure") return;
      entries.push({ contract: artifact.contractName, fragment, key: `${artifact.contractName}.${fragment.name}` });
    });
  }
  return { contracts, entries };
}

const { contracts: CONTRACTS, entries: ENTRIES } = await stateChangingFunctions();

// ---------------------------------------------------------------- the platform and the caller

/** A funded wallet from a fresh random key: it holds no role, is no officer and holds nothing. */
async function freshWallet(): Promise<HDNodeWallet> {
  const wallet = ethers.Wallet.createRandom().connect(ethers.provider);
  await networkHelpers.setBalance(wallet.address, ethers.parseEther("10"));
  return wallet;
}

/** The address behind an ERC-1967 proxy. */
async function implementationOf(proxy: BaseContract): Promise<string> {
  const slot = await ethers.provider.getStorage(await proxy.getAddress(), IMPLEMENTATION_SLOT);
  return ethers.getAddress(ethers.dataSlice(slot, 12));
}

/**
 * The Haidian platform (tests' shared fixture) with something for each guarded function to act on:
 * the VR hall application (step 0 active at market supervision), a Zhongguancun certification
 * awaiting its rule, a completed real-estate transfer offering the electricity transfer, the
 * applicant's consent, a subject on the court's list, and the outsider.
 */
async function platformWithApplications() {
  const h = await haidianPlatform();
  const outsider = await freshWallet();
  const now = await time.latest();

  const vrHall = await h.engine.nextApplicationId(h.applicant.address, 1);
  await h.engine.connect(h.applicant).submit(vrHallSubmission(h));

  const hnte = await h.issue(LicenceType.NATIONAL_HNTE, h.applicant.address);
  const zgc = await h.engine.nextApplicationId(h.applicant.address, 2);
  await h.engine.connect(h.applicant).submit({
    matterId: 2,
    conditionsCommitment: ethers.ZeroHash,
    licenceMaterials: [0, 1],
    licences: [heldLicence(hnte.file), heldLicence(h.businessLicence.file)],
    uploads: [],
  });
  const coder = ethers.AbiCoder.defaultAbiCoder();
  const held =
    "tuple(bytes32 licenceId,bytes32 batchRoot,bytes32[] batchProof,bytes32 holderSalt,bytes32[] holderProof)";
  const zgcEvidence = coder.encode(["bytes[]"], [[coder.encode([held], [heldLicence(hnte.file)]), "0x"]]);
  const zgcOutputLicence = h.buildFor(LicenceType.ZGC_HNTE, h.applicant.address);
  const zgcOutput = zgcOutputLicence.licenceId;
  const zgcHolder = holderProof(zgcOutputLicence);

  const transfer = await h.engine.nextApplicationId(h.buyer.address, 4);
  await h.engine.connect(h.buyer).submit({
    matterId: 4,
    conditionsCommitment: ethers.ZeroHash,
    licenceMaterials: [],
    licences: [],
    uploads: [{ material: 0, contentHash: ethers.id("contract") }],
  });
  const certificate = h.buildFor(LicenceType.REAL_ESTATE, h.buyer.address);
  await h.engine
    .connect(h.officer(Dept.PLANNING))
    .approveOutput(transfer, 0, certificate.licenceId, holderProof(certificate));

  const consent = {
    departmentId: Dept.SAMR,
    licenceId: h.businessLicence.licenceId,
    fieldMask: 0b11n,
    purpose: vrHall,
    expiresAt: now + DAY,
  };
  await h.consents.connect(h.applicant).grant(consent);

  const subject = ethers.id("unauthorised: a listed subject");
  await h.restrictions.connect(h.officer(Dept.COURT)).list(subject, 1, 0);

  const accessManagerAddress = await h.accessManager.getAddress();
  return {
    ...h,
    accessManagerAddress,
    outsider,
    vrHall,
    zgc,
    zgcEvidence,
    zgcOutput,
    zgcHolder,
    transfer,
    consent,
    subject,
  };
}

type F = Awaited<ReturnType<typeof platformWithApplications>>;

/** The deployed instance of each contract (the proxies; the rules the fixture deploys). */
const INSTANCES: Record<string, (f: F) => BaseContract> = {
  DepartmentRegistry: (f) => f.departments,
  LicenceTypeRegistry: (f) => f.licenceTypes,
  LicenceRegistry: (f) => f.licences,
  ConsentRegistry: (f) => f.consents,
  WorkingCalendar: (f) => f.calendar,
  ServiceCatalog: (f) => f.catalog,
  ApprovalEngine: (f) => f.engine,
  RestrictionList: (f) => f.restrictions,
  CompositeRule: (f) => f.rules.zgcRule,
  HoldsValidLicenceRule: (f) => f.rules.holdsHnte,
  NotRestrictedRule: (f) => f.rules.notDishonest,
};

// ---------------------------------------------------------------- arguments from the ABI types

/** A well-formed value of `param`: 1 for numbers, the outsider itself for addresses, one-element arrays. */
function defaultValue(param: ParamType, outsider: string): unknown {
  if (param.isArray()) {
    const length = param.arrayLength === -1 ? 1 : param.arrayLength;
    return Array.from({ length }, () => defaultValue(param.arrayChildren, outsider));
  }
  if (param.isTuple()) return param.components.map((c) => defaultValue(c, outsider));
  const type = param.baseType;
  if (type === "address") return outsider;
  if (type === "bool") return true;
  if (type === "string") return "unauthorised";
  if (type === "bytes") return "0x";
  if (type.startsWith("bytes")) return ethers.dataSlice(ethers.id("unauthorised"), 0, Number(type.slice(5)));
  if (type.startsWith("uint") || type.startsWith("int")) return 1n;
  throw new Error(`no default value for ABI type ${param.type}`);
}

// ---------------------------------------------------------------- refused callers

/** How a function refuses the outsider: the named error, its arguments, and the call's arguments. */
type Refusal = {
  error: string;
  /** The error's expected arguments (none checked when omitted). */
  errorArgs?: (f: F) => unknown[];
  /** Realistic arguments where the defaults would not reach the access check. */
  args?: (f: F, contract: BaseContract) => Promise<unknown[]> | unknown[];
  /** A further check of the same kind (e.g. on the implementation behind the proxy). */
  also?: (f: F, contract: BaseContract, args: unknown[]) => Promise<void>;
};

const ROLE: Refusal = { error: "AccessManagedUnauthorized", errorArgs: (f) => [f.outsider.address] };
const OFFICER: Refusal = { error: "NotDepartmentOfficer", errorArgs: (f) => [f.outsider.address, 0] };
const NOT_APPLICANT: Refusal = { error: "ApprovalEngineNotApplicant", errorArgs: (f) => [f.outsider.address] };

/**
 * Functions that refuse a caller without a role, an officer seat or an application of its own.
 * `*.name` applies to every contract with that function (the shared upgradeable base).
 */
const REFUSED: Record<string, Refusal> = {
  "*.initialize": {
    error: "InvalidInitialization",
    errorArgs: () => [],
    args: (f, contract) =>
      contract.interface.getFunction("initialize")!.inputs.map((p) => defaultValue(p, f.accessManagerAddress)),
    // The implementation behind the proxy was never initialisable either.
    also: async (f, contract, args) => {
      const implementation = contract.attach(await implementationOf(contract)).connect(f.outsider) as BaseContract;
      await expect(implementation.getFunction("initialize")(...args)).to.be.revertedWithCustomError(
        contract,
        "InvalidInitialization",
      );
    },
  },
  // An outsider naming itself (or any manager) as the authority.
  "*.setAuthority": ROLE,
  "*.upgradeToAndCall": { ...ROLE, args: async (_f, contract) => [await implementationOf(contract), "0x"] },

  "DepartmentRegistry.registerDepartment": ROLE,
  "DepartmentRegistry.updateDepartment": ROLE,
  "DepartmentRegistry.setOfficers": ROLE,
  "DepartmentRegistry.setDepartmentActive": ROLE,
  "DepartmentRegistry.setOfficerListeners": ROLE,
  "DepartmentRegistry.setSealKey": ROLE,
  "DepartmentRegistry.renounceOfficer": OFFICER,

  "LicenceTypeRegistry.registerType": ROLE,
  "LicenceTypeRegistry.publishVersion": ROLE,
  "LicenceTypeRegistry.deactivateType": ROLE,

  "LicenceRegistry.issue": OFFICER,
  "LicenceRegistry.issueBatch": OFFICER,
  "LicenceRegistry.issueFor": { ...ROLE, args: () => [Dept.SAMR, ethers.id("forged licence"), 1, 1, 0] },
  "LicenceRegistry.revoke": { ...OFFICER, args: (f) => [f.businessLicence.licenceId, ZERO, [], 1] },
  "LicenceRegistry.suspend": { ...OFFICER, args: (f) => [f.businessLicence.licenceId, ZERO, [], 1] },
  "LicenceRegistry.resume": { ...OFFICER, args: (f) => [f.businessLicence.licenceId, ZERO, []] },
  "LicenceRegistry.replace": {
    ...OFFICER,
    args: (f) => [f.businessLicence.licenceId, ZERO, [], ethers.id("forged licence"), 1, 0, 1],
  },
  "LicenceRegistry.recordVerification": {
    ...OFFICER,
    args: (f) => [f.businessLicence.licenceId, f.vrHall, 0b11n, 7],
  },
  // Only the department registry may tell the licence registry who acts for which department.
  "LicenceRegistry.officerChanged": {
    error: "LicenceRegistryUnauthorizedSync",
    errorArgs: (f) => [f.outsider.address],
    args: (f) => [f.outsider.address, Dept.SAMR],
  },

  "WorkingCalendar.setYear": { ...ROLE, args: () => [2026, [], [], "unauthorised"] },
  "WorkingCalendar.setTimeZone": { ...ROLE, args: () => [0] },

  "ServiceCatalog.registerMatter": ROLE,
  "ServiceCatalog.publishVersion": ROLE,
  "ServiceCatalog.setMatterActive": { ...ROLE, args: () => [1, false] },

  "RestrictionList.setLister": ROLE,
  "RestrictionList.unlistByRegistrar": { ...ROLE, args: (f) => [f.subject] },
  "RestrictionList.list": { ...OFFICER, args: () => [ethers.id("unauthorised: someone"), 1, 0] },
  "RestrictionList.unlist": { ...OFFICER, args: (f) => [f.subject] },

  // Only an officer of the step's department votes.
  "ApprovalEngine.decide": {
    error: "ApprovalEngineNotStepOfficer",
    errorArgs: (f) => [f.outsider.address, Dept.SAMR],
    args: (f) => [f.vrHall, 0, Outcome.Approve, 0, ZERO],
  },
  "ApprovalEngine.approveOutput": {
    error: "ApprovalEngineNotStepOfficer",
    errorArgs: (f) => [f.outsider.address, Dept.ZGC],
    args: (f) => [f.zgc, 0, f.zgcOutput, f.zgcHolder],
  },
  "ApprovalEngine.resubmit": { ...NOT_APPLICANT, args: (f) => [f.vrHall, []] },
  "ApprovalEngine.withdraw": { ...NOT_APPLICANT, args: (f) => [f.vrHall] },
};

// ---------------------------------------------------------------- open by design

type Open = { reason: string; guard: (f: F) => Promise<void> };

/** A decision on the VR hall's first step (market supervision), as its officers would sign it. */
async function vrHallDecision(f: F): Promise<Decision> {
  return {
    applicationId: f.vrHall,
    step: 0,
    round: 0,
    outcome: Outcome.Approve,
    reason: 0,
    outputLicenceId: ZERO,
    deadline: (await time.latest()) + HOUR,
  };
}

const OPEN_BY_DESIGN: Record<string, Open> = {
  "DepartmentRegistry.syncOfficer": {
    reason: "pushes the registry's own record of an account to the listeners; the caller supplies nothing else",
    guard: async (f) => {
      await expect(f.departments.connect(f.outsider).syncOfficer(f.outsider.address))
        .to.emit(f.licences, "IssuerOfficerSynced")
        .withArgs(f.outsider.address, 0);
      const samr = f.officer(Dept.SAMR).address;
      await expect(f.departments.connect(f.outsider).syncOfficer(samr))
        .to.emit(f.licences, "IssuerOfficerSynced")
        .withArgs(samr, Dept.SAMR);
      await expect(f.licences.connect(f.outsider).issue(ethers.id("after sync"), 1, 1, 0))
        .to.be.revertedWithCustomError(f.licences, "NotDepartmentOfficer")
        .withArgs(f.outsider.address, 0);
    },
  },

  "ConsentRegistry.grant": {
    reason: "a holder grants its own consent; it is recorded under msg.sender, never another holder",
    guard: async (f) => {
      const { departmentId, licenceId, purpose } = f.consent;
      const theirs = await f.consents.consentId(f.applicant.address, departmentId, licenceId, purpose);
      const before = await f.consents.getConsent(theirs);
      const mine = await f.consents.consentId(f.outsider.address, departmentId, licenceId, purpose);
      // Naming the applicant's licence and purpose with every field: only the outsider's own record.
      await expect(f.consents.connect(f.outsider).grant({ ...f.consent, fieldMask: (1n << 128n) - 1n }))
        .to.emit(f.consents, "ConsentGranted")
        .withArgs(mine, f.outsider.address, departmentId, licenceId, (1n << 128n) - 1n, purpose, anyValue, anyValue);
      expect(await f.consents.getConsent(theirs)).to.deep.equal(before);
      expect(await f.consents.isGranted(f.applicant.address, departmentId, licenceId, 0b100n, purpose)).to.equal(false);
    },
  },
  "ConsentRegistry.grantBySig": {
    reason: "a signed-request entry: its security is the holder's EIP-712 (or EIP-1271) signature",
    guard: async (f) => {
      const deadline = (await time.latest()) + HOUR;
      const forged = await delegatedConsent(
        f.consents,
        f.outsider,
        { ...f.consent, purpose: ethers.id("forged") },
        { holder: f.applicant.address, deadline },
      );
      await expect(f.consents.connect(f.outsider).grantBySig(forged))
        .to.be.revertedWithCustomError(f.consents, "ConsentRegistryInvalidSignature")
        .withArgs(f.applicant.address);
    },
  },
  "ConsentRegistry.revoke": {
    reason: "a holder revokes its own consent: the consent id is derived from msg.sender",
    guard: async (f) => {
      const { departmentId, licenceId, purpose } = f.consent;
      const mine = await f.consents.consentId(f.outsider.address, departmentId, licenceId, purpose);
      await expect(f.consents.connect(f.outsider).revoke(departmentId, licenceId, purpose))
        .to.be.revertedWithCustomError(f.consents, "ConsentRegistryUnknownConsent")
        .withArgs(mine);
      expect(await f.consents.isGranted(f.applicant.address, departmentId, licenceId, 0b11n, purpose)).to.equal(true);
    },
  },
  "ConsentRegistry.cancelSignatures": {
    reason: "voids the caller's own pending consent signatures (uses its own nonce only)",
    guard: async (f) => {
      const theirs = await f.consents.nonces(f.applicant.address);
      await expect(f.consents.connect(f.outsider).cancelSignatures())
        .to.emit(f.consents, "ConsentNonceUsed")
        .withArgs(f.outsider.address, 0);
      expect(await f.consents.nonces(f.applicant.address)).to.equal(theirs);
    },
  },
  "ConsentRegistry.multicall": {
    reason: "batches the caller's own calls (delegatecall keeps msg.sender): each call keeps its own check",
    guard: async (f) => {
      const { interface: iface } = f.consents;
      const { departmentId, licenceId, purpose } = f.consent;
      for (const call of [
        iface.encodeFunctionData("setAuthority", [f.outsider.address]),
        iface.encodeFunctionData("upgradeToAndCall", [await implementationOf(f.consents), "0x"]),
      ]) {
        await expect(f.consents.connect(f.outsider).multicall([call]))
          .to.be.revertedWithCustomError(f.consents, "AccessManagedUnauthorized")
          .withArgs(f.outsider.address);
      }
      const revoke = iface.encodeFunctionData("revoke", [departmentId, licenceId, purpose]);
      await expect(f.consents.connect(f.outsider).multicall([revoke])).to.be.revertedWithCustomError(
        f.consents,
        "ConsentRegistryUnknownConsent",
      );
    },
  },

  "ApprovalEngine.submit": {
    reason: "anyone applies for a matter, as applicant in its own name; presented licences must be its own",
    guard: async (f) => {
      await expect(f.engine.connect(f.outsider).submit(vrHallSubmission(f)))
        .to.be.revertedWithCustomError(f.engine, "ApprovalEngineInvalidLicence")
        .withArgs(0, f.businessLicence.licenceId, LicenceProblem.NotHolder);
    },
  },
  "ApprovalEngine.submitLinked": {
    reason: "a signed-request entry: the parent applicant's EIP-712 consent names the starter",
    guard: async (f) => {
      const start = {
        parentApplicationId: f.transfer,
        matterId: 3,
        starter: f.outsider.address,
        deadline: (await time.latest()) + HOUR,
      };
      const signature = await f.outsider.signTypedData(await engineDomain(f.engine), LINKED_START_TYPES, start);
      const submission = {
        matterId: 3,
        conditionsCommitment: ethers.ZeroHash,
        licenceMaterials: [],
        licences: [],
        uploads: [],
      };
      await expect(f.engine.connect(f.outsider).submitLinked({ ...start, signature }, submission))
        .to.be.revertedWithCustomError(f.engine, "ApprovalEngineInvalidSignature")
        .withArgs(f.buyer.address);
    },
  },
  "ApprovalEngine.decideBySig": {
    reason: "a signed-request entry: the department's officers' EIP-712 signatures are the authority",
    guard: async (f) => {
      const decision = await vrHallDecision(f);
      // Signed by the outsider itself: not an officer of the step's department.
      await expect(
        f.engine
          .connect(f.outsider)
          .decideBySig(decision, await signDecision(f.engine, [f.outsider], decision), NO_HOLDER),
      )
        .to.be.revertedWithCustomError(f.departments, "NotDepartmentOfficer")
        .withArgs(f.outsider.address, Dept.SAMR);
      // Signed by the outsider in an officer's name.
      const officer = f.officer(Dept.SAMR).address;
      const [{ signature }] = await signDecision(f.engine, [f.outsider], decision);
      await expect(
        f.engine.connect(f.outsider).decideBySig(decision, [{ signer: officer, signature: signature! }], NO_HOLDER),
      )
        .to.be.revertedWithCustomError(f.engine, "ApprovalEngineInvalidSignature")
        .withArgs(officer);
    },
  },
  "ApprovalEngine.autoReview": {
    reason:
      "anyone may trigger a step's automatic review: the step's rule decides, and an output step needs its department",
    guard: async (f) => {
      // A step without a rule is never approved by anyone's trigger.
      await expect(f.engine.connect(f.outsider).autoReview(f.vrHall, 0, "0x", ZERO, NO_HOLDER))
        .to.be.revertedWithCustomError(f.engine, "ApprovalEngineRuleNotSatisfied")
        .withArgs(f.vrHall, 0);
      // An output step names a licence: only its department may trigger it; its officer can.
      await expect(f.engine.connect(f.outsider).autoReview(f.zgc, 0, f.zgcEvidence, f.zgcOutput, f.zgcHolder))
        .to.be.revertedWithCustomError(f.engine, "ApprovalEngineInvalidOutputLicence")
        .withArgs(f.zgc, 0);
      await expect(
        f.engine.connect(f.officer(Dept.ZGC)).autoReview(f.zgc, 0, f.zgcEvidence, f.zgcOutput, f.zgcHolder),
      ).to.emit(f.engine, "StepApprovedByRule");
    },
  },
  "ApprovalEngine.flagOverdue": {
    reason: "anyone may flag an overdue step (public supervision of time limits); only once it is overdue",
    guard: async (f) => {
      await expect(f.engine.connect(f.outsider).flagOverdue(f.vrHall, 0))
        .to.be.revertedWithCustomError(f.engine, "ApprovalEngineNotOverdue")
        .withArgs(f.vrHall, 0);
      const { deadline } = await f.engine.getStep(f.vrHall, 0);
      await time.increaseTo(deadline + 1n);
      await expect(f.engine.connect(f.outsider).flagOverdue(f.vrHall, 0))
        .to.emit(f.engine, "StepOverdue")
        .withArgs(f.vrHall, 0, Dept.SAMR, deadline, f.outsider.address);
      await expect(f.engine.connect(f.outsider).flagOverdue(f.vrHall, 0)).to.be.revertedWithCustomError(
        f.engine,
        "ApprovalEngineNotOverdue",
      );
    },
  },
};

const refusalOf = (e: Entry): Refusal | undefined => REFUSED[e.key] ?? REFUSED[`*.${e.fragment.name}`];

// ---------------------------------------------------------------- the suite

describe("Unauthorised callers", function () {
  /** Keys of the functions that refused the outsider, and of the open ones whose guard held. */
  const refused = new Set<string>();
  const guarded = new Set<string>();

  after(function () {
    console.log(
      `unauthorised callers: ${ENTRIES.length} state-changing functions, ${refused.size} refused by role/officer checks, ${guarded.size} open by design with their guard tested`,
    );
  });

  it("the outsider holds no role, is no officer and holds nothing", async function () {
    const f = await loadFixture(platformWithApplications);
    const who = f.outsider.address;
    for (const [role, id] of Object.entries(ROLES)) {
      const [isMember] = await f.accessManager.hasRole(id, who);
      expect(isMember, role).to.equal(false);
    }
    expect((await f.departments.departmentOf(who)).departmentId).to.equal(0);
    expect(await f.licences.issuerDepartmentOf(who)).to.equal(0);
    expect(await f.consents.nonces(who)).to.equal(0);
  });

  it("knows every contract and every function: each one is refused or open by design, and no entry is stale", function () {
    expect(
      CONTRACTS.filter((c) => !(c in INSTANCES)),
      "contracts with no deployed instance here",
    ).to.deep.equal([]);
    // The rules are read too (they have no state-changing function today).
    expect(CONTRACTS, "contracts read from the artifacts").to.have.members(Object.keys(INSTANCES));
    const keys = ENTRIES.map((e) => e.key);
    expect(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      "overloads: key the tables by signature",
    ).to.deep.equal([]);
    const both = keys.filter((k) => refusalOf(ENTRIES[keys.indexOf(k)]!) !== undefined && k in OPEN_BY_DESIGN);
    expect(both, "both refused and open by design").to.deep.equal([]);
    const uncovered = ENTRIES.filter((e) => refusalOf(e) === undefined && !(e.key in OPEN_BY_DESIGN)).map((e) => e.key);
    expect(uncovered, "state-changing functions neither refused nor open by design").to.deep.equal([]);
    const names = new Set(ENTRIES.map((e) => e.fragment.name));
    const stale = [
      ...Object.keys(REFUSED).filter((k) => (k.startsWith("*.") ? !names.has(k.slice(2)) : !keys.includes(k))),
      ...Object.keys(OPEN_BY_DESIGN).filter((k) => !keys.includes(k)),
    ];
    expect(stale, "table entries for functions that no longer exist").to.deep.equal([]);
  });

  for (const entry of ENTRIES) {
    const open = OPEN_BY_DESIGN[entry.key];
    const refusal = refusalOf(entry);
    if (open !== undefined) {
      it(`${entry.key} is open by design (${open.reason}); its guard holds`, async function () {
        await open.guard(await loadFixture(platformWithApplications));
        guarded.add(entry.key);
      });
    } else if (refusal !== undefined) {
      it(`${entry.key} reverts with ${refusal.error} for the outsider`, async function () {
        const f = await loadFixture(platformWithApplications);
        const contract = INSTANCES[entry.contract]!(f);
        const args = refusal.args
          ? await refusal.args(f, contract)
          : entry.fragment.inputs.map((p) => defaultValue(p, f.outsider.address));
        const call = (contract.connect(f.outsider) as BaseContract).getFunction(entry.fragment)(...args);
        const reverted = expect(call, entry.key).to.be.revertedWithCustomError(contract, refusal.error);
        const errorArgs = refusal.errorArgs?.(f) ?? [];
        await (errorArgs.length > 0 ? reverted.withArgs(...errorArgs) : reverted);
        await refusal.also?.(f, contract, args);
        refused.add(entry.key);
      });
    } else {
      it(`${entry.key} is neither refused nor open by design`, function () {
        expect.fail(`${entry.key}: add it to REFUSED (with its named error) or to OPEN_BY_DESIGN (with its guard)`);
      });
    }
  }
});
