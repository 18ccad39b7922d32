/**
 * Chains for tests, with the Haidian demo district on them: a fresh hardhat node with OneWindow
 * deployed and the district loaded (`startDistrictChain`); the same with every article scenario
 * run (`startScenarioChain`); and the indexers' audit chain (`startAuditChain`): the scenarios
 * plus what they do not do and auditors need, recorded verifications of one licence and one
 * application that takes working days (the clock moved forward), gets flagged overdue, and
 * completes late. Each helper stops its chain if it fails; otherwise the caller stops it
 * (`chain.stop()`).
 */
import { ALL_EVENTS_ABI, flagOverdue, getApplicationSteps, recordVerification, type Deployment } from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { createPublicClient, http, parseEventLogs, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";

import { actor, applyFor, demoKey, drive, fund, loadHaidian, type Actor, type LoadedDistrict } from "./demo.ts";
import { deployOneWindow, startChain, type LocalChain } from "./local-chain.ts";
import { runScenarios, type ScenarioRow } from "./scenarios.ts";

/** A fresh hardhat node with OneWindow deployed and the Haidian district loaded. */
export type DistrictChain = {
  chain: LocalChain;
  /** The deployment file (`<chainId>.json`, in a temporary folder). */
  deploymentFile: string;
  deployment: Deployment;
  district: LoadedDistrict;
  /** The platform administrator (demo key 0). */
  admin: Actor;
  /** A new applicant with a fresh key, funded by the administrator. */
  newApplicant: () => Promise<Actor>;
};

/** A district chain on which every article scenario has run. */
export type ScenarioChain = DistrictChain & { rows: ScenarioRow[] };

/** The indexers' audit chain: the scenarios, recorded verifications, and one late application. */
export type AuditChain = ScenarioChain & {
  /** The licence verified several times, and by whom. */
  verifiedLicence: Hex;
  /** The application that took working days and was flagged overdue. */
  lateApplication: Hex;
};

/**
 * Starts a hardhat node, deploys OneWindow with the Ignition module and loads the Haidian district.
 *
 * @param options.log - Told each step as it starts (for a command's progress output).
 */
export async function startDistrictChain(options: { log?: (line: string) => void } = {}): Promise<DistrictChain> {
  const log = options.log ?? (() => {});
  log("starting a fresh hardhat node …");
  const chain = await startChain("hardhat");
  try {
    log(`deploying OneWindow to ${chain.rpcUrl} …`);
    const deploymentFile = deployOneWindow(chain);
    const deployment = readDeployment({ file: deploymentFile });
    const admin = actor(chain.rpcUrl, deployment, demoKey(0));
    log("loading the Haidian district …");
    const district = await loadHaidian(admin, chain.rpcUrl, deployment);
    const newApplicant = async () => {
      const applicant = actor(chain.rpcUrl, deployment, generatePrivateKey());
      await fund(admin, [applicant.address], "10");
      return applicant;
    };
    return { chain, deploymentFile, deployment, district, admin, newApplicant };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

/** A district chain (`startDistrictChain`) with every article scenario run on it (`runScenarios`). */
export async function startScenarioChain(): Promise<ScenarioChain> {
  const world = await startDistrictChain();
  try {
    const rows = await runScenarios(world.district, world.admin, world.newApplicant);
    return { ...world, rows };
  } catch (error) {
    await world.chain.stop();
    throw error;
  }
}

export type DecodedLog = ReturnType<typeof parseEventLogs<typeof ALL_EVENTS_ABI>>[number];

/** Every OneWindow event on the chain, decoded, in chain order. */
export async function chainEvents(rpcUrl: string, deployment: Deployment): Promise<DecodedLog[]> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const logs = await client.getLogs({
    address: Object.values(deployment.contracts).map((c) => c.address),
    fromBlock: 0n,
    toBlock: "latest",
  });
  return parseEventLogs({ abi: ALL_EVENTS_ABI, logs });
}

/** Moves the hardhat clock forward by `seconds` and mines a block. */
export async function travel(rpcUrl: string, seconds: number): Promise<void> {
  for (const [method, params] of [
    ["evm_increaseTime", [seconds]],
    ["evm_mine", []],
  ] as const) {
    await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
  }
}

/** Records `count` verifications of `licenceId` by the first officer of each of `departments`. */
export async function verifyTimes(
  district: LoadedDistrict,
  licenceId: Hex,
  departments: readonly string[],
  purpose: Hex,
): Promise<void> {
  for (const code of departments) {
    await recordVerification(district.officers(code)[0]!.client, { licenceId, purpose, fieldMask: 3n, result: 7 });
  }
}

/** The scenario chain (`startScenarioChain`) with recorded verifications and one late application. */
export async function startAuditChain(): Promise<AuditChain> {
  const world = await startScenarioChain();
  const { chain, deployment, district, admin, newApplicant } = world;
  try {
    const events = await chainEvents(chain.rpcUrl, deployment);
    const issued = events.find((e) => e.eventName === "LicenceIssued");
    if (!issued || issued.eventName !== "LicenceIssued") throw new Error("the scenarios issued no licence");
    const verifiedLicence = issued.args.licenceId;
    const departments = Object.keys(district.ids.departments).slice(0, 3);
    await verifyTimes(district, verifiedLicence, departments, `0x${"ab".repeat(32)}`);

    // One application that takes real working days: submitted, 40 days pass, flagged overdue, decided.
    const application = await applyFor({ district, applicant: await newApplicant(), matterCode: "HD-GALLERY" });
    await travel(chain.rpcUrl, 40 * 86_400);
    const { steps } = await getApplicationSteps(admin.client, { applicationId: application.applicationId });
    const active = steps.find((s) => s.state === "active");
    if (!active) throw new Error("HD-GALLERY has no active step after submission");
    await flagOverdue(admin.client, { applicationId: application.applicationId, step: active.index });
    await drive(district, application);
    return { ...world, verifiedLicence, lateApplication: application.applicationId };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
