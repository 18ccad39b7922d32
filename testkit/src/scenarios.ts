/**
 * Every scenario of the source articles, end to end through the SDK (`runScenarios`), for
 * `npm run scenarios` (scripts/scenarios.ts) and the tests that need a chain with the scenarios
 * run (scenario-chain.ts): the district loaded with `loadDistrict`, licences issued by their
 * departments and pulled from the chain at submission, parallel steps decided by their
 * departments (m of n, directly or by collected EIP-712 signatures), rules approving at once, a
 * return for correction, a rejection by the court's dishonest-executor list, the suggest link from
 * employment registration to the unemployment insurance claim, and the real-estate transfer
 * starting the electricity transfer with the buyer's signed consent, where the power company then
 * reads the consented fields of the buyer's new certificate through the data exchange
 * (`startScenarioExchange`, `exchangeHook`).
 *
 * Every figure is read back: materials before (the matter's baseline) and after (the materials
 * required under the scenario's conditions) and the working days (sequential and critical path)
 * from the catalogue on chain; transactions and gas from the receipts; the outcome from the
 * application's status and events (`aggregates` and `table` summarise them; docs/scenarios.md
 * explains them).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startExchange, type ExchangeServer } from "@onewindow/exchange";
import {
  ALL_EVENTS_ABI,
  ApplicationStatus,
  autoReview,
  checkDisclosure,
  ContractRevertError,
  decide,
  eciesDecrypt,
  fieldMaskOf,
  getApplication,
  getMatter,
  getMatterMaterials,
  grantConsentBySig,
  listSubject,
  LinkMode,
  Outcome,
  parseDisclosure,
  resubmit,
  signConsent,
  signLinkedStart,
  submitApplication,
  submitLinkedApplication,
  verifyLicence,
  type MatterMaterial,
  type OneWindowClient,
} from "@onewindow/sdk";
import { bytesToHex, parseEventLogs, zeroHash, type Hex } from "viem";

import {
  accountSubject,
  applyFor,
  documentHash,
  drive,
  latestTimestamp,
  requiredMaterials,
  ruleEvidence,
  Tally,
  type Actor,
  type Application,
  type HeldLicenceFile,
  type LoadedDistrict,
} from "./demo.ts";
import { exchangePost, exchangeSignIn } from "./exchange-client.ts";
import { freePort } from "./local-chain.ts";

/** How a scenario ended, computed from the chain. */
export type ScenarioOutcome = "completed" | "rejected" | "instant" | "linked-completed";

/** One row of bench/results/scenarios.json. */
export type ScenarioRow = {
  id: string;
  name: string;
  materialsBefore: number;
  materialsAfter: number;
  pulledFromChain: number;
  sequentialDays: number;
  criticalPathDays: number;
  transactions: number;
  gas: number;
  visits: number;
  outcome: ScenarioOutcome;
};

/** The outcome each scenario must reach. */
export const EXPECTED: Readonly<Record<string, ScenarioOutcome>> = {
  "HD-VR-HALL": "completed",
  "HD-GALLERY": "completed",
  "HD-EXHIBITION": "completed",
  "HD-ZGC-HNTE": "instant",
  "HD-ZGC-HNTE/listed": "rejected",
  "HD-EMPLOYMENT-REG": "completed",
  "HD-UI-CLAIM": "instant",
  "BJ-REAL-ESTATE-TRANSFER": "completed",
  "SGCC-POWER-TRANSFER": "linked-completed",
  "HD-SKILL-SUBSIDY": "completed",
  "BJ-SCITECH-AWARD": "completed",
  "HD-NURSE-REG": "completed",
  "BJ-SMALL-LOAN-REG": "completed",
  "BJ-SMALL-LOAN-CHANGE": "completed",
  "HD-MEDICAL-AID": "completed",
  "HD-MEDICAL-REIMBURSE": "completed",
  "HD-COMPANY-SETUP": "completed",
};

/**
 * Extension points for parts that live outside the SDK. `powerCompanyReadsConsentedFields`: the
 * exchange's part of the real-estate → power scenario (the power company reading the fields of
 * the buyer's certificate the buyer consented to); its transactions count in the power transfer's
 * row. `main` wires it to a real exchange ({@link exchangeHook}).
 */
export type ScenarioHooks = {
  powerCompanyReadsConsentedFields?: (context: {
    district: LoadedDistrict;
    buyer: Actor;
    certificate: HeldLicenceFile;
    transferApplicationId: Hex;
    powerApplicationId: Hex;
    powerCompany: Actor;
    tally: Tally;
  }) => Promise<void>;
};
export const hooks: ScenarioHooks = {};

/** The certificate fields the buyer lets the power company read (REAL_ESTATE_CERTIFICATE's names). */
export const POWER_COMPANY_FIELDS = ["address", "owner"] as const;

/** What the power company read through the exchange, for the run's notes (names only, never values). */
export type DisclosureNote = {
  department: string;
  licenceType: string;
  depositedBy: string;
  fields: string[];
  purpose: Hex;
  consentId: Hex;
  evidenceBlock: string;
};

/** The exchange for a scenario run: over HTTP on 127.0.0.1, PGlite in a temporary folder. */
export type ScenarioExchange = { server: ExchangeServer; stop(): Promise<void> };

/**
 * Starts the data exchange in-process on a free loopback port, on the scenario chain, with a fresh
 * data key and an empty PGlite database in a temporary folder; it hosts the issuing keys of the
 * real-estate registration departments (BJ-PLANNING, HD-HOUSING). `stop` stops it and deletes the folder.
 */
export async function startScenarioExchange(
  rpcUrl: string,
  deploymentFile: string,
  district: LoadedDistrict,
): Promise<ScenarioExchange> {
  const dir = mkdtempSync(path.join(tmpdir(), "onewindow-scenarios-exchange-"));
  const issuersFile = path.join(dir, "issuers.json");
  writeFileSync(
    issuersFile,
    JSON.stringify(["BJ-PLANNING", "HD-HOUSING"].map((code) => district.officers(code)[0]!.key)),
    { mode: 0o600 },
  );
  try {
    const server = await startExchange({
      // Only these settings: never the caller's DATABASE_URL or data key.
      env: {
        EXCHANGE_PORT: String(await freePort()),
        ONEWINDOW_RPC_URL: rpcUrl,
        ONEWINDOW_DEPLOYMENT: deploymentFile,
        EXCHANGE_DATA_DIR: dir,
        EXCHANGE_DATA_KEY: bytesToHex(randomBytes(32)).slice(2),
        EXCHANGE_ISSUERS: issuersFile,
      },
      // Ids, codes and counts only; errors shown, the rest kept quiet.
      log: (event) => {
        if (event.event === "error") console.error(`scenarios: exchange: ${JSON.stringify(event)}`);
      },
    });
    return {
      server,
      async stop() {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The exchange's part of the real-estate → power scenario, for real: the real-estate registration
 * department deposits the buyer's certificate it built (the transfer's output licence, issued by
 * the ApprovalEngine) in its node; the buyer signs a consent (EIP-712) for the power company to
 * read the certificate's `address` and `owner` for the power transfer (purpose = its application
 * id), which the power company submits (counted in the power transfer's row); the power company's
 * officer asks for those fields, decrypts the envelope with the company's encryption key and
 * checks the disclosure offline and on chain: exactly those two fields, values as issued.
 */
export function exchangeHook(
  exchange: ScenarioExchange,
  notes: DisclosureNote[],
): NonNullable<ScenarioHooks["powerCompanyReadsConsentedFields"]> {
  const { server } = exchange;
  return async ({ district, buyer, certificate, powerApplicationId, powerCompany, tally }) => {
    const chainId = buyer.client.chain.id;
    const issuerCode = district.codeOfDepartment(certificate.file.issuerDepartment);
    const registrar = district.officers(issuerCode)[0]!;
    const [registrarToken, powerToken] = await Promise.all([
      exchangeSignIn(server.url, chainId, registrar.key),
      exchangeSignIn(server.url, chainId, powerCompany.key),
    ]);
    await exchangePost(
      server.url,
      "/licences/deposit",
      { file: certificate.file },
      {
        token: registrarToken,
        expect: [200, 201],
      },
    );

    const powerCode = "SGCC-HD";
    const fields = [...POWER_COMPANY_FIELDS];
    const now = await latestTimestamp(buyer.client);
    const signed = await signConsent(buyer.client, {
      departmentId: district.departmentId(powerCode),
      licenceId: certificate.licenceId,
      fieldMask: fieldMaskOf(certificate.file.fieldNames, fields),
      purpose: powerApplicationId,
      expiresAt: now + 30 * 86_400,
      deadline: now + 3_600,
    });
    const consent = tally.add(await grantConsentBySig(powerCompany.client, { signed }));

    const answer = await exchangePost<{ envelope: Hex; consentId: Hex; evidence: { blockNumber: string } }>(
      server.url,
      "/disclosures",
      { licenceId: certificate.licenceId, fields, purpose: powerApplicationId },
      { token: powerToken, expect: [200] },
    );
    if (answer.consentId !== consent.consentId) throw new Error("the disclosure names another consent");
    const plaintext = new TextDecoder().decode(eciesDecrypt(district.encryptionKey(powerCode), answer.envelope));
    const disclosure = parseDisclosure(JSON.parse(plaintext));
    const names = disclosure.fields.map((f) => f.name).sort();
    if (names.join() !== [...fields].sort().join()) {
      throw new Error(`the power company got fields ${names.join(", ")}, not ${fields.join(", ")}`);
    }
    for (const field of disclosure.fields) {
      if (certificate.file.fields.find((f) => f.name === field.name)?.value !== field.value)
        throw new Error(`disclosed ${field.name} is not the certificate's value`);
    }
    const offline = checkDisclosure(disclosure, { fieldNames: certificate.file.fieldNames });
    if (!offline.ok) throw new Error(`the disclosure does not check: ${offline.problems.join("; ")}`);
    const verdict = await verifyLicence(powerCompany.client, { disclosure });
    if (!verdict.valid) {
      const problems = [...verdict.integrity.problems, ...verdict.status.problems, ...verdict.issuer.problems];
      throw new Error(`the disclosed certificate is not valid on chain: ${problems.join("; ")}`);
    }
    notes.push({
      department: powerCode,
      licenceType: certificate.typeCode,
      depositedBy: issuerCode,
      fields: names,
      purpose: powerApplicationId,
      consentId: answer.consentId,
      evidenceBlock: answer.evidence.blockNumber,
    });
  };
}

/** What a scenario hands back for its row. */
type Ran = { id: string; matterCode: string; applicationId: Hex; required: MatterMaterial[]; tally: Tally };

const LISTED = "COURT_DISHONEST_EXECUTOR";

/** Decoded OneWindow events of a tally's receipts. */
async function eventsOf(client: OneWindowClient, tally: Tally) {
  const receipts = await Promise.all(tally.hashes.map((hash) => client.public.getTransactionReceipt({ hash })));
  return receipts.flatMap((r) => parseEventLogs({ abi: ALL_EVENTS_ABI, logs: r.logs, strict: true }));
}

/** The row of a scenario, everything read from the chain. */
async function rowOf(reader: OneWindowClient, district: LoadedDistrict, ran: Ran): Promise<ScenarioRow> {
  const matterId = district.matterId(ran.matterCode);
  const [matter, application, events, totals] = await Promise.all([
    getMatter(reader, { matterId }),
    getApplication(reader, { applicationId: ran.applicationId }),
    eventsOf(reader, ran.tally),
    ran.tally.total(reader),
  ]);
  const mine = events.filter((e) => "applicationId" in e.args && e.args.applicationId === ran.applicationId);
  const submitted = mine.find((e) => e.eventName === "ApplicationSubmitted");
  const linked = submitted?.eventName === "ApplicationSubmitted" && submitted.args.parentApplicationId !== zeroHash;
  const byRule = mine.some((e) => e.eventName === "StepApprovedByRule");
  let outcome: ScenarioOutcome;
  if (application.status === ApplicationStatus.Rejected) outcome = "rejected";
  else if (application.status !== ApplicationStatus.Completed)
    throw new Error(`${ran.id}: application ended in status ${application.status}`);
  else outcome = linked ? "linked-completed" : byRule ? "instant" : "completed";
  return {
    id: ran.id,
    name: matter.name,
    materialsBefore: matter.definition.baseline?.materials ?? ran.required.length,
    materialsAfter: ran.required.length,
    pulledFromChain: ran.required.filter((m) => m.kind === "licence").length,
    sequentialDays: matter.sequentialDays,
    criticalPathDays: matter.criticalPathDays,
    transactions: totals.transactions,
    gas: Number(totals.gas),
    visits: matter.definition.visits,
    outcome,
  };
}

/** Runs every scenario on a loaded district; returns the rows in EXPECTED's order. */
export async function runScenarios(
  district: LoadedDistrict,
  admin: Actor,
  newApplicant: () => Promise<Actor>,
): Promise<ScenarioRow[]> {
  const ran = (application: Application, id = application.matterCode): Ran => ({ id, ...application });

  /** Applies and drives to the end with the departments approving. */
  const standard = async (matterCode: string, conditions: string[] = [], holdings?: Map<string, HeldLicenceFile>) => {
    const application = await applyFor({
      district,
      applicant: await newApplicant(),
      matterCode,
      conditions,
      ...(holdings ? { holdings } : {}),
    });
    const driven = await drive(district, application);
    return { application, driven };
  };

  const scenarios: (() => Promise<Ran[]>)[] = [
    // Six departments, housing → fire and health, ecology in parallel, culture 3 of 5 by signatures;
    // handled by an agent (the 23rd material).
    async () => [ran((await standard("HD-VR-HALL", ["HandledByAgent"])).application)],
    async () => [ran((await standard("HD-GALLERY")).application)],
    async () => [ran((await standard("HD-EXHIBITION", ["PremisesUnderground"])).application)],
    async () => [ran((await standard("HD-ZGC-HNTE")).application)],
    // A listed dishonest executor: the rule does not hold, so the committee rejects.
    async () => {
      const applicant = await newApplicant();
      await listSubject(district.officers("HD-COURT")[0]!.client, {
        subject: accountSubject(LISTED, applicant.address),
        reason: 1,
      });
      const application = await applyFor({ district, applicant, matterCode: "HD-ZGC-HNTE" });
      const zgc = district.officers("HD-ZGC")[0]!;
      await autoReview(zgc.client, {
        applicationId: application.applicationId,
        step: 0,
        evidence: ruleEvidence(district, "ZGC-HNTE-INSTANT", application.holdings),
      }).then(
        () => {
          throw new Error("the rule approved a listed dishonest executor");
        },
        (error: unknown) => {
          if (!(error instanceof ContractRevertError)) throw error;
        },
      );
      await drive(district, application, { plans: { 0: { outcome: Outcome.Reject, reason: 3 } } });
      return [ran(application, "HD-ZGC-HNTE/listed")];
    },
    // Employment registration pushes the unemployment insurance claim (a suggest link).
    async () => {
      const { application, driven } = await standard("HD-EMPLOYMENT-REG");
      const offered = (await eventsOf(admin.client, application.tally)).some(
        (e) =>
          e.eventName === "LinkedMatterOffered" &&
          e.args.applicationId === application.applicationId &&
          e.args.linkedMatterId === district.matterId("HD-UI-CLAIM") &&
          e.args.mode === LinkMode.Suggest,
      );
      if (!offered) throw new Error("HD-EMPLOYMENT-REG: the unemployment insurance claim was not pushed");
      const holdings = new Map(application.holdings);
      holdings.set("UNEMPLOYMENT_REGISTRATION", driven.output!);
      const claim = await applyFor({ district, applicant: application.applicant, matterCode: "HD-UI-CLAIM", holdings });
      await drive(district, claim);
      return [ran(application), ran(claim)];
    },
    // Real-estate transfer, then the power company starts the electricity transfer on the buyer's consent.
    async () => {
      const buyer = await newApplicant();
      const tally = new Tally();
      const transferMatter = district.matterId("BJ-REAL-ESTATE-TRANSFER");
      const transferMaterials = await getMatterMaterials(buyer.client, { matterId: transferMatter });
      const transfer = tally.add(
        await submitApplication(buyer.client, {
          matterId: transferMatter,
          uploads: [{ material: 0, contentHash: documentHash("不动产买卖合同", buyer.address) }],
        }),
      );
      const certificate = {
        ...district.build("REAL_ESTATE_CERTIFICATE", buyer.address, {}, "BJ-PLANNING"),
        typeCode: "REAL_ESTATE_CERTIFICATE",
      };
      tally.add(
        await decide(district.officers("BJ-PLANNING")[0]!.client, {
          applicationId: transfer.applicationId,
          step: 0,
          outcome: Outcome.Approve,
          outputLicence: certificate.file,
        }),
      );
      const sgcc = district.officers("SGCC-HD")[0]!;
      const powerMatter = district.matterId("SGCC-POWER-TRANSFER");
      const start = await signLinkedStart(buyer.client, {
        parentApplicationId: transfer.applicationId,
        matterId: powerMatter,
        starter: sgcc.address,
        deadline: BigInt((await latestTimestamp(buyer.client)) + 3600),
      });
      const powerTally = new Tally();
      const power = powerTally.add(await submitLinkedApplication(sgcc.client, { start }));
      await hooks.powerCompanyReadsConsentedFields?.({
        district,
        buyer,
        certificate,
        transferApplicationId: transfer.applicationId,
        powerApplicationId: power.applicationId,
        powerCompany: sgcc,
        tally: powerTally,
      });
      powerTally.add(
        await decide(sgcc.client, { applicationId: power.applicationId, step: 0, outcome: Outcome.Approve }),
      );
      return [
        {
          id: "BJ-REAL-ESTATE-TRANSFER",
          matterCode: "BJ-REAL-ESTATE-TRANSFER",
          applicationId: transfer.applicationId,
          required: requiredMaterials(transferMaterials, 0),
          tally,
        },
        {
          id: "SGCC-POWER-TRANSFER",
          matterCode: "SGCC-POWER-TRANSFER",
          applicationId: power.applicationId,
          // The buyer's new certificate (the parent's output) stands for the licence material.
          required: requiredMaterials(await getMatterMaterials(buyer.client, { matterId: powerMatter }), 0),
          tally: powerTally,
        },
      ];
    },
    async () => [ran((await standard("HD-SKILL-SUBSIDY")).application)],
    async () => [ran((await standard("BJ-SCITECH-AWARD")).application)],
    // Returned for correction once (the clock stops), resubmitted, then approved.
    async () => {
      const application = await applyFor({ district, applicant: await newApplicant(), matterCode: "HD-NURSE-REG" });
      await drive(district, application, { plans: { 0: { outcome: Outcome.Return, reason: 2 } } });
      application.tally.add(await resubmit(application.applicant.client, { applicationId: application.applicationId }));
      await drive(district, application);
      return [ran(application)];
    },
    // A small loan company is set up, then changes its registration with the permit it got.
    async () => {
      const { application, driven } = await standard("BJ-SMALL-LOAN-REG");
      const holdings = new Map(application.holdings);
      holdings.set("SMALL_LOAN_PERMIT", driven.output!);
      const change = await applyFor({
        district,
        applicant: application.applicant,
        matterCode: "BJ-SMALL-LOAN-CHANGE",
        holdings,
      });
      await drive(district, change);
      return [ran(application), ran(change)];
    },
    async () => [ran((await standard("HD-MEDICAL-AID", ["DisabledApplicant"])).application)],
    async () => [ran((await standard("HD-MEDICAL-REIMBURSE")).application)],
    async () => [ran((await standard("HD-COMPANY-SETUP")).application)],
  ];

  const results = (await Promise.all(scenarios.map((run) => run()))).flat();
  const rows = await Promise.all(results.map((r) => rowOf(admin.client, district, r)));
  const order = Object.keys(EXPECTED);
  return rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/** Material and time reductions over the scenarios that were not rejected (instant = 0 days). */
export function aggregates(rows: readonly (ScenarioRow & { baselineDays: number })[]) {
  const done = rows.filter((r) => r.outcome !== "rejected");
  const sum = (f: (r: (typeof done)[number]) => number) => done.reduce((total, r) => total + f(r), 0);
  const pct = (before: number, after: number) => Math.round(((before - after) / before) * 1000) / 10;
  return {
    materialReductionPct: pct(
      sum((r) => r.materialsBefore),
      sum((r) => r.materialsAfter),
    ),
    timeReductionPct: pct(
      sum((r) => r.baselineDays),
      sum((r) => (r.outcome === "instant" ? 0 : r.criticalPathDays)),
    ),
  };
}

/** The rows as a Markdown table. */
export function table(rows: readonly ScenarioRow[]): string {
  const head =
    "| scenario | matter | materials before → after (from chain) | days sequential / critical path | tx | gas | visits | outcome |";
  const line = "|---|---|---|---|---:|---:|---:|---|";
  return [
    head,
    line,
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.name} | ${r.materialsBefore} → ${r.materialsAfter} (${r.pulledFromChain}) | ${r.sequentialDays} / ${r.criticalPathDays} | ${r.transactions} | ${r.gas.toLocaleString("en-US")} | ${r.visits} | ${r.outcome} |`,
    ),
  ].join("\n");
}
