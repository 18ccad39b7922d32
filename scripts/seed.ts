/**
 * Loads the Haidian demo district into a deployed OneWindow through the SDK: every department
 * (officers = demo keys of the development mnemonic, funded by the deployer), licence type,
 * working calendar, rule and service matter (`loadDistrict`, idempotent); a dozen demo applicants
 * (citizens and enterprises, invented, marked 示例/demo) with their licences; and demo applications
 * in every state: completed (incl. one approved by rule, and the real-estate → power transfer
 * linked start), active, returned for correction, rejected and overdue.
 *
 * Writes `.data/demo/accounts.json` (every demo account, its key and what it can do, the
 * departments' ids and encryption keys, the applications) and the licence files under
 * `.data/demo/licences/`. Progress lines go to stderr, a JSON summary to stdout.
 *
 *   node --import tsx scripts/seed.ts        (after npm run deploy; ONEWINDOW_RPC_URL, default http://127.0.0.1:8545)
 *
 * Environment: ONEWINDOW_RPC_URL; ONEWINDOW_DEPLOYMENTS_DIR (default deployments/);
 * ONEWINDOW_DEMO_DIR (default .data/demo). The deployer (development account 0) must hold the
 * registrar, calendar keeper and catalogue editor roles, as `npm run deploy` gives it.
 *
 * Overdue: a step is overdue only once its deadline (end of its last working day) has passed.
 * On the embedded hardhat node only (chain 31337, `web3_clientVersion` HardhatNetwork), the seed
 * moves the node's clock past one step's deadline with `evm_increaseTime` + `evm_mine` and flags
 * it; the node's clock then runs ahead of the wall clock by that much (printed). On any other
 * chain no clock is touched and no overdue application is made.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import {
  type ConditionsDeclaration,
  ApplicationStatus,
  decide,
  flagOverdue,
  sealLicence,
  getStep,
  listSubject,
  Outcome,
  serializeLicenceFile,
  signLinkedStart,
  submitApplication,
  submitLinkedApplication,
  type DistrictProgress,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import type { Address, Hex } from "viem";

import {
  accountSubject,
  actor,
  applyFor,
  demoKey,
  DEV_MNEMONIC,
  documentHash,
  drive,
  fund,
  latestTimestamp,
  loadHaidian,
  SEAL_KEY_OFFSET,
  type Actor,
  type HeldLicenceFile,
} from "@onewindow/testkit/demo";

const rpcUrl = process.env.ONEWINDOW_RPC_URL ?? "http://127.0.0.1:8545";
const demoDir = process.env.ONEWINDOW_DEMO_DIR ?? ".data/demo";
const log = (line: string) => console.error(`seed: ${line}`);
const started = Date.now();

/** Index of the first demo applicant's key; the auditor's. */
const APPLICANT_INDEX = 500;
const AUDITOR_INDEX = 600;
const DISHONEST_LIST = "COURT_DISHONEST_EXECUTOR";

async function rpc<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

const chainId = Number(await rpc<string>("eth_chainId"));
const deployment = readDeployment({ chainId, directory: process.env.ONEWINDOW_DEPLOYMENTS_DIR });
const admin = actor(rpcUrl, deployment, demoKey(0));
log(`chain ${chainId} at ${rpcUrl}; deployment ${deployment.network}`);

// ---------------------------------------------------------------- the district
const counts: Record<string, Record<DistrictProgress["action"], number>> = {};
const district = await loadHaidian(admin, rpcUrl, deployment, {
  onProgress: (e: DistrictProgress) => {
    const c = (counts[e.kind] ??= { created: 0, updated: 0, scheduled: 0, skipped: 0 });
    c[e.action]++;
    if (e.action !== "skipped") log(`${e.kind} ${e.code} ${e.action}`);
  },
});
log(
  `district loaded: ${Object.entries(counts)
    .map(([kind, c]) => `${c.created + c.updated + c.skipped} ${kind}s (${c.created} new, ${c.updated} changed)`)
    .join(", ")}`,
);

// ---------------------------------------------------------------- applicants and their licences
type Applicant = Actor & {
  name: string;
  kind: "citizen" | "enterprise";
  /** Fields of their licences by type code (invented values, marked as demo). */
  licences: Record<string, Record<string, string>>;
  held: Map<string, HeldLicenceFile>;
};
const citizen = (n: number, name: string, extra: Record<string, Record<string, string>> = {}) => {
  const idNumber = `DEMO-1101080000${String(n).padStart(2, "0")}`;
  return {
    name,
    kind: "citizen" as const,
    licences: {
      IDENTITY_CARD: { name, idNumber, address: `北京市海淀区示例路${n}号（示例）`, sex: n % 2 ? "女" : "男" },
      HOUSEHOLD_REGISTRATION: { name, idNumber, registeredAddress: `北京市海淀区示例路${n}号（示例）` },
      ...extra,
    },
  };
};
const enterprise = (n: number, name: string, extra: Record<string, Record<string, string>> = {}) => {
  const unifiedSocialCreditCode = `91110108DEMO${String(n).padStart(6, "0")}`;
  return {
    name,
    kind: "enterprise" as const,
    licences: {
      BUSINESS_LICENCE: {
        name,
        unifiedSocialCreditCode,
        legalRepresentative: `法定代表人${n}（示例）`,
        registeredAddress: `北京市海淀区中关村示例大街${n}号（示例）`,
      },
      ...extra,
    },
  };
};
const people = [
  citizen(1, "王示例 (demo buyer)"),
  citizen(2, "李演示 (demo jobseeker)", { SOCIAL_INSURANCE_RECORD: {} }),
  citizen(3, "张样例 (demo nurse)"),
  citizen(4, "赵示范 (demo, medical aid)", { MINIMUM_LIVING_ALLOWANCE: {}, DISABILITY_CERTIFICATE: {} }),
  citizen(5, "陈虚构 (demo parent)", { MARRIAGE_RECORD: {} }),
  citizen(6, "刘测试 (demo talent)", { MARRIAGE_RECORD: {}, SOCIAL_INSURANCE_RECORD: {} }),
  enterprise(7, "北京海淀示例画廊有限公司（示例）"),
  enterprise(8, "北京示例VR体验馆有限公司（示例）", {
    REAL_ESTATE_CERTIFICATE: { address: "北京市海淀区示例大街8号B1（示例）" },
  }),
  enterprise(9, "北京示例高新科技有限公司（示例）", { NATIONAL_HNTE_CERTIFICATE: {}, PATENT_CERTIFICATE: {} }),
  enterprise(10, "北京失信示例科技有限公司（示例，失信被执行人）", { NATIONAL_HNTE_CERTIFICATE: {} }),
  enterprise(11, "北京示例小额贷款有限公司（示例）", { TAX_COMPLIANCE_CERT: {} }),
  enterprise(12, "北京示例环保餐饮有限公司（示例）"),
];
const applicants: Applicant[] = people.map((p, i) => ({
  ...p,
  ...actor(rpcUrl, deployment, demoKey(APPLICANT_INDEX + i)),
  held: new Map(),
}));
const auditor = actor(rpcUrl, deployment, demoKey(AUDITOR_INDEX));
await fund(admin, [...applicants.map((a) => a.address), auditor.address]);
log(`funded ${applicants.length} demo applicants and the auditor`);

rmSync(path.join(demoDir, "licences"), { recursive: true, force: true });
mkdirSync(path.join(demoDir, "licences"), { recursive: true });
const licenceFiles: { licenceId: Hex; type: string; holder: Address; holderName: string; file: string }[] = [];
function keepLicence(holder: Applicant, held: HeldLicenceFile) {
  const file = path.join(demoDir, "licences", `${held.licenceId}.json`);
  writeFileSync(file, serializeLicenceFile(held.file));
  licenceFiles.push({
    licenceId: held.licenceId,
    type: held.typeCode,
    holder: holder.address,
    holderName: holder.name,
    file,
  });
}
await Promise.all(
  applicants.flatMap((a) =>
    Object.entries(a.licences).map(async ([typeCode, fields]) => {
      const issued = await district.issue(typeCode, a.address, fields);
      a.held.set(typeCode, issued);
      keepLicence(a, issued);
    }),
  ),
);
log(`issued ${licenceFiles.length} demo licences (files in ${demoDir}/licences/)`);

// The court lists the dishonest demo enterprise's account (only the account subject's hash goes on chain).
const dishonest = applicants[9]!;
await listSubject(district.officers("HD-COURT")[0]!.client, {
  subject: accountSubject(DISHONEST_LIST, dishonest.address),
  reason: 1,
});
log(`court listed ${dishonest.name} on ${DISHONEST_LIST}`);

// ---------------------------------------------------------------- applications in every state
/**
 * `declaration`: the applicant's conditions, salt and conditional materials (licence ids, upload
 * hashes) behind the commitment on chain (kept off chain).
 */
type DemoApplication = {
  applicationId: Hex;
  matter: string;
  applicant: string;
  state: string;
  note: string;
  declaration: ConditionsDeclaration;
};
const applications: DemoApplication[] = [];
const record = (
  a: { applicationId: Hex; matterCode: string; applicant: Actor; declaration: ConditionsDeclaration },
  state: string,
  note: string,
) => {
  const who = applicants.find((p) => p.address === a.applicant.address)!;
  applications.push({
    applicationId: a.applicationId,
    matter: a.matterCode,
    applicant: who.name,
    state,
    note,
    declaration: a.declaration,
  });
  log(`application ${a.matterCode} of ${who.name}: ${state} (${note})`);
};
const apply = (who: Applicant, matterCode: string, conditions: string[] = []) =>
  applyFor({ district, applicant: who, matterCode, conditions, holdings: who.held });
const keepOutput = (who: Applicant, output: HeldLicenceFile | undefined) => {
  if (!output) return;
  who.held.set(output.typeCode, output);
  keepLicence(who, output);
};

async function completed(who: Applicant, matterCode: string, conditions: string[] = []) {
  const application = await apply(who, matterCode, conditions);
  const { status, byRule, output } = await drive(district, application);
  if (status !== ApplicationStatus.Completed) throw new Error(`${matterCode}: expected completed, got ${status}`);
  keepOutput(who, output);
  record(application, "completed", byRule.length > 0 ? "approved at once by its rule" : "approved by every department");
  return application;
}

await Promise.all([
  completed(applicants[6]!, "HD-GALLERY"),
  completed(applicants[8]!, "HD-ZGC-HNTE"),
  completed(applicants[4]!, "HD-BIRTH-REG"),
  // Employment registration, then the suggested unemployment insurance claim (approved by rule).
  completed(applicants[1]!, "HD-EMPLOYMENT-REG").then(() => completed(applicants[1]!, "HD-UI-CLAIM")),
  // Real-estate transfer; the power company starts the electricity transfer with the buyer's consent.
  (async () => {
    const buyer = applicants[0]!;
    const transfer = await submitApplication(buyer.client, {
      matterId: district.matterId("BJ-REAL-ESTATE-TRANSFER"),
      uploads: [{ material: 0, contentHash: documentHash("不动产买卖合同", buyer.address) }],
    });
    const certificate = district.build(
      "REAL_ESTATE_CERTIFICATE",
      buyer.address,
      { owner: buyer.name, address: "北京市海淀区示例小区1号楼101（示例）" },
      "BJ-PLANNING",
    );
    await decide(district.officers("BJ-PLANNING")[0]!.client, {
      applicationId: transfer.applicationId,
      step: 0,
      outcome: Outcome.Approve,
      outputLicence: certificate.file,
    });
    // The buyer's file as the engine issued it (the chain's issue and expiry times), with the
    // planning commission's national seal.
    const issued = await sealLicence(buyer.client, {
      file: certificate.file,
      privateKey: district.sealKey("BJ-PLANNING"),
    });
    keepOutput(buyer, { ...certificate, file: issued, typeCode: "REAL_ESTATE_CERTIFICATE" });
    record(
      { ...transfer, matterCode: "BJ-REAL-ESTATE-TRANSFER", applicant: buyer },
      "completed",
      "buyer's certificate issued",
    );
    const sgcc = district.officers("SGCC-HD")[0]!;
    const start = await signLinkedStart(buyer.client, {
      parentApplicationId: transfer.applicationId,
      matterId: district.matterId("SGCC-POWER-TRANSFER"),
      starter: sgcc.address,
      deadline: BigInt((await latestTimestamp(buyer.client)) + 3600),
    });
    const linked = await submitLinkedApplication(sgcc.client, { start });
    await decide(sgcc.client, { applicationId: linked.applicationId, step: 0, outcome: Outcome.Approve });
    record(
      { ...linked, matterCode: "SGCC-POWER-TRANSFER", applicant: buyer },
      "completed",
      "started by the power company on the buyer's signed consent",
    );
  })(),
  // Active: the VR hall after market supervision (housing, health, ecology now in parallel).
  (async () => {
    const application = await apply(applicants[7]!, "HD-VR-HALL");
    await drive(district, application, { stopWhen: (approved) => approved.includes(0) });
    record(application, "active", "market supervision approved; housing, health and ecology deciding in parallel");
  })(),
  // Active: medical aid with 1 of the 2 votes civil affairs needs.
  (async () => {
    const application = await apply(applicants[3]!, "HD-MEDICAL-AID", ["DisabledApplicant"]);
    await decide(district.officers("HD-CIVIL")[0]!.client, {
      applicationId: application.applicationId,
      step: 0,
      outcome: Outcome.Approve,
    });
    record(application, "active", "civil affairs: 1 of 2 votes cast");
  })(),
  // Active: talent household registration, just submitted; small loan company after market supervision.
  (async () => record(await apply(applicants[5]!, "HD-TALENT-HUKOU", ["Married"]), "active", "submitted"))(),
  (async () => {
    const application = await apply(applicants[10]!, "BJ-SMALL-LOAN-REG");
    await drive(district, application, { stopWhen: (approved) => approved.includes(0) });
    record(application, "active", "market supervision approved; financial supervision deciding (2 of 3)");
  })(),
  // Returned for correction: the nurse's health certificate.
  (async () => {
    const application = await apply(applicants[2]!, "HD-NURSE-REG");
    const { status } = await drive(district, application, { plans: { 0: { outcome: Outcome.Return, reason: 2 } } });
    if (status !== ApplicationStatus.Returned) throw new Error(`HD-NURSE-REG: expected returned, got ${status}`);
    record(
      application,
      "returned",
      "returned for correction (reason 2: health certificate out of date); clock stopped",
    );
  })(),
  // Rejected: the dishonest executor's Zhongguancun certification (its rule does not hold).
  (async () => {
    const application = await apply(dishonest, "HD-ZGC-HNTE");
    const { status } = await drive(district, application, { plans: { 0: { outcome: Outcome.Reject, reason: 3 } } });
    if (status !== ApplicationStatus.Rejected) throw new Error(`HD-ZGC-HNTE: expected rejected, got ${status}`);
    record(application, "rejected", "on the court's dishonest-executor list (reason 3)");
  })(),
]);

// Overdue (embedded hardhat node only): move the clock past a one-working-day step's deadline.
let clockAhead = 0;
const clientVersion = await rpc<string>("web3_clientVersion").catch(() => "");
if (chainId === 31337 && /hardhat/i.test(clientVersion)) {
  const application = await apply(applicants[11]!, "HD-ENV-FILING");
  const { deadline } = await getStep(auditor.client, { applicationId: application.applicationId, step: 0 });
  const now = await latestTimestamp(auditor.client);
  clockAhead = deadline + 1 - now;
  await rpc("evm_increaseTime", [clockAhead]);
  await rpc("evm_mine");
  await flagOverdue(auditor.client, { applicationId: application.applicationId, step: 0 });
  record(application, "overdue", `ecology step past its deadline, flagged by the auditor`);
  log(`the dev chain's clock now runs ${(clockAhead / 3600).toFixed(1)} h ahead of the wall clock (evm_increaseTime)`);
} else {
  log(`no overdue application: the chain is not the embedded hardhat node (${clientVersion || "unknown client"})`);
}

// ---------------------------------------------------------------- accounts.json
type Account = {
  role: string;
  address: Address;
  privateKey: Hex;
  canDo: string;
  department?: string;
  licences?: string[];
};
const accounts: Account[] = [
  {
    role: "deployer / platform admin (development account 0)",
    address: admin.address,
    privateKey: admin.key,
    canDo: "every platform role: register departments, licence types and matters; set calendars; upgrade",
  },
];
for (const d of district.haidian.departments) {
  const officers = district.officers(d.code);
  officers.forEach((o, i) =>
    accounts.push({
      role: `officer ${i + 1}/${officers.length} of ${d.code} (${d.nameEn ?? d.name}), threshold ${d.threshold}`,
      address: o.address,
      privateKey: o.key,
      department: d.code,
      canDo: `issue, revoke and verify licences for department ${district.departmentId(d.code)}; vote or sign its decisions (${d.threshold} of ${officers.length})${d.restrictionLister ? "; list subjects on restriction lists" : ""}`,
    }),
  );
}
for (const a of applicants) {
  accounts.push({
    role: `applicant: ${a.name} (demo ${a.kind})`,
    address: a.address,
    privateKey: a.key,
    canDo: "hold licences, grant consents, apply for service matters, resubmit or withdraw",
    licences: licenceFiles.filter((l) => l.holder === a.address).map((l) => `${l.type} ${l.licenceId}`),
  });
}
accounts.push({
  role: "auditor (demo)",
  address: auditor.address,
  privateKey: auditor.key,
  canDo: "read every application, decision and verification; flag overdue steps",
});
const states = Object.fromEntries(
  ["completed", "active", "returned", "rejected", "overdue"].map((s) => [
    s,
    applications.filter((a) => a.state === s).length,
  ]),
);
writeFileSync(
  path.join(demoDir, "accounts.json"),
  JSON.stringify(
    {
      $comment:
        "Demo accounts of the development mnemonic: development keys only, never for a real network. Names and id numbers are invented.",
      mnemonic: DEV_MNEMONIC,
      chainId,
      rpcUrl,
      clockAheadSeconds: clockAhead,
      accounts,
      departments: district.haidian.departments.map((d, position) => ({
        code: d.code,
        id: district.departmentId(d.code),
        name: d.name,
        level: d.level,
        kind: d.kind ?? "government",
        threshold: d.threshold,
        officers: district.officers(d.code).map((o) => o.address),
        encryptionKeyIndex: 1000 + position,
        encryptionPrivateKey: district.encryptionKey(d.code),
        sealKeyIndex: SEAL_KEY_OFFSET + position,
        sealPrivateKey: district.sealKey(d.code),
      })),
      licences: licenceFiles,
      applications,
    },
    null,
    2,
  ) + "\n",
);
log(`wrote ${demoDir}/accounts.json (${accounts.length} accounts) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(
  JSON.stringify({
    departments: Object.keys(district.ids.departments).length,
    licenceTypes: Object.keys(district.ids.licenceTypes).length,
    matters: Object.keys(district.ids.matters).length,
    applicants: applicants.length,
    licences: licenceFiles.length,
    applications: states,
  }),
);
