/**
 * The Haidian demo district, shared by the dev seed (scripts/seed.ts) and the scenarios
 * (scenarios.ts), written on the SDK alone: the data files, deterministic demo keys from
 * the development mnemonic, loading the district with `loadDistrict`, issuing licences, and
 * driving an application through its steps (departments deciding m of n, directly or by collected
 * EIP-712 signatures; rules approving at once).
 *
 * Every key here is a development key: demo only, never for a real network.
 */
import { pbkdf2Sync } from "node:crypto";
import { readFileSync } from "node:fs";

import {
  type ConditionsDeclaration,
  autoReview,
  buildLicence,
  sealLicence,
  compositeEvidence,
  createOneWindowClient,
  decide,
  decideBySig,
  encryptionPublicKey,
  getApplicationSteps,
  getMatter,
  getMatterMaterials,
  holdsValidLicenceEvidence,
  inOrder,
  issueLicence,
  getSealKeys,
  setSealKey,
  sm2PublicKeyOf,
  waitForTransaction,
  loadDistrict,
  mergeDistrictData,
  NO_EVIDENCE,
  Outcome,
  signDecision,
  submitApplication,
  ApplicationStatus,
  type ApplicationWriteReturnType,
  type BuildLicenceReturnType,
  type CalendarFile,
  type Deployment,
  type DistrictData,
  type DistrictDepartment,
  type DistrictLicenceType,
  type DistrictMatter,
  type DistrictProgress,
  type DistrictRule,
  type GetMatterReturnType,
  type LicenceFile,
  type LoadDistrictReturnType,
  type MatterMaterial,
  type OneWindowClient,
} from "@onewindow/sdk";
import {
  bytesToHex,
  encodeAbiParameters,
  keccak256,
  parseEther,
  stringToHex,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import { HDKey, privateKeyToAccount } from "viem/accounts";

/** Hardhat's and anvil's well-known development mnemonic: demo keys only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** Each department's encryption key is the demo key at this offset plus its position in the data. */
export const DEPARTMENT_KEY_OFFSET = 1000;

/** Each department's SM2 seal key (docs/seal.md) is the demo key at this offset plus its position in the data. */
export const SEAL_KEY_OFFSET = 2000;

let master: HDKey | undefined;

/** The private key at `m/44'/60'/0'/0/<index>` of the development mnemonic (BIP-39 seed computed once). */
export function demoKey(index: number): Hex {
  // BIP-39: seed = PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" + passphrase, 2048 rounds, 64 bytes).
  master ??= HDKey.fromMasterSeed(pbkdf2Sync(DEV_MNEMONIC, "mnemonic", 2048, 64, "sha512"));
  return bytesToHex(master.derive(`m/44'/60'/0'/0/${index}`).privateKey!);
}

/** A department as in departments.json, with what it does (for people; loadDistrict ignores it). */
export type DemoDepartment = DistrictDepartment & { officers: readonly number[]; role?: string };

/** A matter as in matters.json, with where its figures come from (loadDistrict ignores both). */
export type DemoMatter = DistrictMatter & { figures: "article" | "illustrative"; source: string };

/** The Haidian data files. */
export type HaidianData = {
  data: DistrictData;
  departments: DemoDepartment[];
  licenceTypes: DistrictLicenceType[];
  matters: DemoMatter[];
  rules: DistrictRule[];
  conditions: Record<string, number>;
};

/** The demo district's data files (scripts/data). */
const DATA = new URL("../../scripts/data/", import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, DATA), "utf8")) as T;

/** Reads scripts/data/haidian/*.json and the calendar files. */
export function readHaidian(): HaidianData {
  const { departments } = readJson<{ departments: DemoDepartment[] }>("haidian/departments.json");
  const { licenceTypes } = readJson<{ licenceTypes: DistrictLicenceType[] }>("haidian/licence-types.json");
  const matters = readJson<{ conditions: Record<string, number>; rules: DistrictRule[]; matters: DemoMatter[] }>(
    "haidian/matters.json",
  );
  const calendars = ["calendar/cn-2026.json", "calendar/cn-2027.json"].map((path) => readJson<CalendarFile>(path));
  return {
    data: mergeDistrictData({ departments }, { licenceTypes }, { calendars }, matters),
    departments,
    licenceTypes,
    matters: matters.matters,
    rules: matters.rules,
    conditions: matters.conditions,
  };
}

/** An account with a client signing as it. */
export type Actor = { key: Hex; address: Address; client: OneWindowClient };

/** A client for `key` on a deployment. */
export function actor(rpcUrl: string, deployment: Deployment, key: Hex): Actor {
  return {
    key,
    address: privateKeyToAccount(key).address,
    client: createOneWindowClient({ rpcUrl, deployment, account: key, pollingInterval: 100 }),
  };
}

/**
 * Tops each address up to `ether` from `from` (all in flight at once), sending only to those below
 * half of it, so that loading the demo again on the same chain does not drain the deployer; returns
 * the hashes of the transfers sent.
 */
export async function fund(from: Actor, addresses: readonly Address[], ether = "100"): Promise<Hash[]> {
  const target = parseEther(ether);
  const balances = await Promise.all(addresses.map((address) => from.client.public.getBalance({ address })));
  const hashes = await Promise.all(
    addresses
      .map((to, i) => ({ to, balance: balances[i]! }))
      .filter(({ balance }) => balance < target / 2n)
      .map(({ to, balance }) =>
        inOrder(from.client, async (nonce) =>
          from.client.wallet!.sendTransaction({ to, value: target - balance, nonce: await nonce() }),
        ),
      ),
  );
  await Promise.all(hashes.map((hash) => waitForTransaction(from.client, hash)));
  return hashes;
}

/** The subject under which `NotRestrictedRule` looks an account up (`accountSubject` on chain). */
export function accountSubject(listCode: string, account: Address): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "string" }, { type: "string" }, { type: "address" }],
      ["onewindow.restriction.account.v1", listCode, account],
    ),
  );
}

/** A stand-in for the content hash of an encrypted document the exchange would hold. */
export function documentHash(name: string, salt: string): Hex {
  return keccak256(stringToHex(`demo document:${name}:${salt}`));
}

/** Collects the transactions of one scenario or application. */
export class Tally {
  readonly hashes: Hash[] = [];
  add<T extends { hash: Hash }>(result: T): T {
    this.hashes.push(result.hash);
    return result;
  }
  /** Transactions and total gas used, from the receipts. */
  async total(client: OneWindowClient): Promise<{ transactions: number; gas: bigint }> {
    const receipts = await Promise.all(this.hashes.map((hash) => client.public.getTransactionReceipt({ hash })));
    return { transactions: receipts.length, gas: receipts.reduce((sum, r) => sum + r.gasUsed, 0n) };
  }
}

/** A licence a demo holder holds: its file and id. */
export type HeldLicenceFile = { licenceId: Hex; file: LicenceFile; typeCode: string };

/** The Haidian district loaded on a chain: ids by code, officers by department, helpers. */
export type LoadedDistrict = Awaited<ReturnType<typeof loadHaidian>>;

/**
 * Loads the Haidian district into a deployment with `loadDistrict` (idempotent): officers are the
 * demo keys the data names, funded by `admin` first; encryption keys are demo keys too.
 */
export async function loadHaidian(
  admin: Actor,
  rpcUrl: string,
  deployment: Deployment,
  options: { onProgress?: (event: DistrictProgress) => void; haidian?: HaidianData } = {},
) {
  const haidian = options.haidian ?? readHaidian();
  const officers = new Map<string, Actor[]>(
    haidian.departments.map((d) => [d.code, d.officers.map((index) => actor(rpcUrl, deployment, demoKey(index)))]),
  );
  const encryptionKeys = new Map(
    haidian.departments.map((d, position) => [d.code, demoKey(DEPARTMENT_KEY_OFFSET + position)]),
  );
  const sealKeys = new Map(haidian.departments.map((d, position) => [d.code, demoKey(SEAL_KEY_OFFSET + position)]));
  await fund(
    admin,
    [...officers.values()].flat().map((o) => o.address),
  );
  const ids: LoadDistrictReturnType = await loadDistrict(admin.client, haidian.data, {
    officersOf: (code) => officers.get(code)!.map((o) => o.address),
    encryptionKeyOf: (code) => encryptionPublicKey(encryptionKeys.get(code)!),
    onProgress: options.onProgress,
  });
  // Each department's seal key, registered once (idempotent: a department whose current key is it is left alone).
  for (const [code, departmentId] of Object.entries(ids.departments)) {
    const key = sealKeys.get(code);
    if (key === undefined) continue;
    const publicKey = sm2PublicKeyOf(key);
    const current = (await getSealKeys(admin.client, { departmentId })).at(-1);
    if (current?.publicKey !== publicKey) await setSealKey(admin.client, { departmentId, publicKey });
  }
  const need = <T>(map: Record<string, T>, kind: string, code: string): T => {
    const value = map[code];
    if (value === undefined) throw new Error(`no ${kind} ${code} in the Haidian district`);
    return value;
  };
  const department = (code: string) => haidian.departments.find((d) => d.code === code)!;
  const typeOf = (code: string) => {
    const type = haidian.licenceTypes.find((t) => t.code === code);
    if (!type) throw new Error(`no licence type ${code} in the Haidian data`);
    return type;
  };
  const codeOfDepartment = (id: number) => Object.entries(ids.departments).find(([, value]) => value === id)![0];
  const codeOfType = (id: number) => Object.entries(ids.licenceTypes).find(([, value]) => value === id)![0];

  /** Builds a licence of `typeCode` for `holder` (not issued), by `issuer` (default: the type's first issuer). */
  function build(typeCode: string, holder: Address, fields: Record<string, string>, issuer?: string) {
    const type = typeOf(typeCode);
    const issuerCode = issuer ?? type.issuers[0]!;
    return buildLicence({
      typeId: need(ids.licenceTypes, "licence type", typeCode),
      typeVersion: 1,
      fieldNames: type.fieldNames,
      fields: Object.fromEntries(
        type.fieldNames.filter((n) => n !== "holder").map((n) => [n, fields[n] ?? `${n}（示例 demo）`]),
      ),
      holder,
      issuerDepartment: need(ids.departments, "department", issuerCode),
      chainId: admin.client.chain.id,
      registry: admin.client.addresses.LicenceRegistry,
    });
  }

  return {
    haidian,
    ids,
    officers: (code: string): Actor[] => officers.get(code) ?? [],
    encryptionKey: (code: string): Hex => encryptionKeys.get(code)!,
    /** The department's SM2 seal private key (demo only). */
    sealKey: (code: string): Hex => sealKeys.get(code)!,
    department,
    departmentId: (code: string) => need(ids.departments, "department", code),
    typeId: (code: string) => need(ids.licenceTypes, "licence type", code),
    matterId: (code: string) => need(ids.matters, "matter", code),
    matter: (code: string): DemoMatter => haidian.matters.find((m) => m.code === code)!,
    codeOfDepartment,
    codeOfType,
    build,
    /** Builds a licence and has the first officer of its issuing department issue it, sealed with the department's seal key. */
    async issue(
      typeCode: string,
      holder: Address,
      fields: Record<string, string> = {},
      issuer?: string,
    ): Promise<BuildLicenceReturnType & { hash: Hash; typeCode: string }> {
      const built = build(typeCode, holder, fields, issuer);
      const issuerCode = issuer ?? typeOf(typeCode).issuers[0]!;
      const { hash, file } = await issueLicence(officers.get(issuerCode)![0]!.client, {
        file: built.file,
        sealKey: sealKeys.get(issuerCode),
      });
      return { ...built, file: file ?? built.file, hash, typeCode };
    },
  };
}

/** How the departments of an application decide, step by step. */
export type StepPlan = {
  /** Default approve. */
  outcome?: Outcome;
  reason?: number;
};

/** What {@link applyFor} submits. */
export type ApplyParameters = {
  district: LoadedDistrict;
  applicant: Actor;
  matterCode: string;
  /** Condition flags by name. */
  conditions?: readonly string[];
  /** Licences the applicant holds, by type code; missing required ones are issued first. */
  holdings?: Map<string, HeldLicenceFile>;
  /** Fields for licences issued here, by type code. */
  fields?: Record<string, Record<string, string>>;
  tally?: Tally;
};

/** What {@link applyFor} returns. */
export type Application = {
  applicationId: Hex;
  matterCode: string;
  matter: GetMatterReturnType;
  /** The materials required under the application's conditions. */
  required: MatterMaterial[];
  /**
   * The applicant's conditions declaration: the flags, the salt and the conditional materials
   * supplied (licence ids, upload hashes) behind the commitment on chain (the departments get it
   * off chain, with the application; only the unconditional materials are on chain).
   */
  declaration: ConditionsDeclaration;
  /** The licences presented (or issued for it), by type code. */
  holdings: Map<string, HeldLicenceFile>;
  applicant: Actor;
  tally: Tally;
};

/** The materials of a matter required under a conditions mask. */
export function requiredMaterials(materials: readonly MatterMaterial[], conditions: number): MatterMaterial[] {
  return materials.filter((m) => !m.condition || (m.condition & conditions) !== 0);
}

/** Conditions mask of flag names. */
export function conditionMask(district: LoadedDistrict, names: readonly string[] = []): number {
  return names.reduce((mask, name) => {
    const bit = district.haidian.conditions[name];
    if (bit === undefined) throw new Error(`unknown condition ${name}`);
    return mask | bit;
  }, 0);
}

/**
 * Submits an application for a matter: the licences it needs pulled from the chain (issued to the
 * applicant by their departments first when the applicant holds none), an upload hash per
 * required upload. The SDK puts the conditional ones (a power of attorney for an agent, a
 * disability certificate …) in the declaration, off chain, and the unconditional ones on chain.
 */
export async function applyFor(parameters: ApplyParameters): Promise<Application> {
  const { district, applicant, matterCode } = parameters;
  const tally = parameters.tally ?? new Tally();
  const matterId = district.matterId(matterCode);
  const conditions = conditionMask(district, parameters.conditions);
  const [matter, materials] = await Promise.all([
    getMatter(applicant.client, { matterId }),
    getMatterMaterials(applicant.client, { matterId }),
  ]);
  const required = requiredMaterials(materials, conditions);
  const holdings = new Map(parameters.holdings ?? []);
  const licences = required.filter((m) => m.kind === "licence");
  await Promise.all(
    licences.map(async (m) => {
      const typeCode = district.codeOfType(m.licenceTypeId);
      if (holdings.has(typeCode)) return;
      const issued = await district.issue(typeCode, applicant.address, parameters.fields?.[typeCode] ?? {});
      holdings.set(typeCode, issued);
    }),
  );
  const salt = `${applicant.address}:${matterCode}:${Date.now()}:${Math.random()}`;
  const submitted = tally.add(
    await submitApplication(applicant.client, {
      matterId,
      conditions,
      licences: licences.map((m) => ({
        licence: holdings.get(district.codeOfType(m.licenceTypeId))!.file,
        material: m.index,
      })),
      uploads: required
        .filter((m) => m.kind === "upload")
        .map((m) => ({ material: m.index, contentHash: documentHash(m.name, salt) })),
    }),
  );
  return {
    applicationId: submitted.applicationId,
    matterCode,
    matter,
    required,
    declaration: submitted.declaration,
    holdings,
    applicant,
    tally,
  };
}

/** Output licences built for applications, by application id (the engine issues them on completion). */
export type OutputLicence = BuildLicenceReturnType & { typeCode: string };

/**
 * A department decides a step: its first `threshold` officers vote directly (sent together), or,
 * for a threshold of 3 or more, sign offline and its first officer submits the signatures. An
 * approval of the output step names `output`.
 */
export async function departmentDecides(
  district: LoadedDistrict,
  application: Application,
  step: number,
  departmentCode: string,
  plan: StepPlan & { output?: OutputLicence | undefined; round?: number } = {},
): Promise<ApplicationWriteReturnType> {
  const { applicationId, tally } = application;
  const threshold = district.department(departmentCode).threshold;
  const officers = district.officers(departmentCode).slice(0, threshold);
  const outcome = plan.outcome ?? Outcome.Approve;
  const decision = {
    outcome,
    ...(outcome === Outcome.Approve ? {} : { reason: plan.reason ?? 1 }),
    ...(outcome === Outcome.Approve && plan.output ? { outputLicence: plan.output.file } : {}),
  };
  if (threshold < 3) {
    const results = await Promise.all(
      officers.map((o) => decide(o.client, { applicationId, step, ...decision }).then((r) => tally.add(r))),
    );
    return results.find((r) => r.decided) ?? results[results.length - 1]!;
  }
  const deadline = BigInt((await latestTimestamp(application.applicant.client)) + 3600);
  const signatures = await Promise.all(
    officers.map((o) => signDecision(o.client, { applicationId, step, round: plan.round ?? 0, deadline, ...decision })),
  );
  return tally.add(await decideBySig(officers[0]!.client, { signatures }));
}

/** The latest block's timestamp (signature deadlines follow the chain's clock, not the machine's). */
export async function latestTimestamp(client: OneWindowClient): Promise<number> {
  return Number((await client.public.getBlock({ blockTag: "latest" })).timestamp);
}

/** The evidence a rule needs, from the applicant's licences. */
export function ruleEvidence(district: LoadedDistrict, ruleCode: string, holdings: Map<string, HeldLicenceFile>): Hex {
  const rule = district.haidian.rules.find((r) => r.code === ruleCode);
  if (!rule) throw new Error(`no rule ${ruleCode} in the Haidian data`);
  if (rule.kind === "holdsValidLicence") {
    const held = holdings.get(rule.licenceType);
    if (!held) throw new Error(`rule ${ruleCode} needs a ${rule.licenceType} the applicant does not hold`);
    return holdsValidLicenceEvidence(held.file);
  }
  if (rule.kind === "notRestricted") return NO_EVIDENCE;
  return compositeEvidence(rule.rules.map((code) => ruleEvidence(district, code, holdings)));
}

/** What happened to an application driven by {@link drive}. */
export type Driven = {
  status: ApplicationStatus;
  /** Steps approved by their rules. */
  byRule: number[];
  output: OutputLicence | undefined;
};

/**
 * Drives an application to its end: each active step is decided by its department (or approved
 * by its rule, when it has one), parallel steps at once, until it is completed or rejected.
 * `plans[step]` changes a step's outcome; `stopWhen` stops early (e.g. to leave it active).
 */
export async function drive(
  district: LoadedDistrict,
  application: Application,
  options: {
    plans?: Record<number, StepPlan>;
    fields?: Record<string, string>;
    stopWhen?: (approvedSteps: number[]) => boolean;
  } = {},
): Promise<Driven> {
  const { applicationId, applicant, matterCode, tally } = application;
  const data = district.matter(matterCode);
  const outputStep = data.steps.findIndex((s) => s.issues !== undefined);
  const output =
    outputStep < 0
      ? undefined
      : {
          ...district.build(
            data.steps[outputStep]!.issues!,
            applicant.address,
            options.fields ?? {},
            data.steps[outputStep]!.department,
          ),
          typeCode: data.steps[outputStep]!.issues!,
        };
  const byRule: number[] = [];
  const decided = new Set<number>();
  for (;;) {
    const { application: info, steps } = await getApplicationSteps(applicant.client, { applicationId });
    if (info.status === ApplicationStatus.Completed && output) {
      // The engine set the output's issue and expiry times at completion: the holder's file carries them.
      return {
        status: info.status,
        byRule,
        // …and the issuing department's national seal.
        output: {
          ...output,
          file: await sealLicence(applicant.client, {
            file: output.file,
            privateKey: district.sealKey(district.codeOfDepartment(output.file.issuerDepartment)),
          }),
        },
      };
    }
    if (info.status !== ApplicationStatus.Active) return { status: info.status, byRule, output };
    if (options.stopWhen?.(info.approvedSteps)) return { status: info.status, byRule, output };
    const active = steps.filter((s) => s.state === "active" && !decided.has(s.index));
    if (active.length === 0) throw new Error(`${matterCode}: no step to decide`);
    await Promise.all(
      active.map(async (s) => {
        decided.add(s.index);
        const step = data.steps[s.index]!;
        const stepOutput = s.index === outputStep ? output : undefined;
        const plan = options.plans?.[s.index];
        if (step.rule !== undefined && plan === undefined) {
          const reviewer = district.officers(step.department)[0]!;
          tally.add(
            await autoReview(reviewer.client, {
              applicationId,
              step: s.index,
              evidence: ruleEvidence(district, step.rule, application.holdings),
              ...(stepOutput ? { outputLicence: stepOutput.file } : {}),
            }),
          );
          byRule.push(s.index);
          return;
        }
        await departmentDecides(district, application, s.index, step.department, {
          ...plan,
          output: stepOutput,
          round: s.round,
        });
      }),
    );
  }
}
