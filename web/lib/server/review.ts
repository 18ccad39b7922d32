/**
 * What an officer reviews for one step of one application, read from the chain (SDK): the
 * materials presented (the `ApplicationSubmitted` event's licence ids and upload hashes, matched to
 * the matter version's materials through the submit transaction), each licence's on-chain verdict
 * (status now, issuer authorised at issue time, holder = applicant) and, for licence materials
 * whose consent names this step's department, the fields that department may ask the exchange for.
 */
import {
  ABIS,
  fieldLeafHash,
  fieldNamesOfMask,
  getApplicationSteps,
  getDepartment,
  getLicence,
  getLicenceType,
  getMatter,
  HOLDER_FIELD,
  LicenceStatus,
  readContract,
  type LicenceRecord,
  type OneWindowClient,
} from "@onewindow/sdk";
import { decodeFunctionData, type Hex } from "viem";

import { getCatalogue, getPlatform } from "./platform.ts";

const ZERO: Hex = `0x${"0".repeat(64)}`;

/** The badge text key of a licence status (LicenceStatus numbers). */
export type StatusName = "unknown" | "valid" | "suspended" | "revoked" | "expired";
const STATUS_NAMES: Record<number, StatusName> = {
  [LicenceStatus.Unknown]: "unknown",
  [LicenceStatus.Valid]: "valid",
  [LicenceStatus.Suspended]: "suspended",
  [LicenceStatus.Revoked]: "revoked",
  [LicenceStatus.Expired]: "expired",
};

export type ReviewLicence = {
  licenceId: Hex;
  /** The matter material it was presented for (index, name), when known. */
  material: { index: number; name: string } | undefined;
  typeId: number;
  typeName: string;
  typeVersion: number;
  /** The issuing department's names (its id when it is not in the catalogue). */
  issuerDepartment: { name: string; nameEn: string };
  /** Unix seconds; 0 = never. */
  expiresAt: number;
  status: StatusName;
  issuerAuthorised: boolean;
  /** The holder field is the applicant (undefined when the presentation could not be read). */
  holderIsApplicant: boolean | undefined;
  /** Fields this step's department may read under the material's consent (none: undefined). */
  consentFields: string[] | undefined;
  /** The type version's field names (bit i of a mask = field i). */
  fieldNames: string[];
};

export type ReviewUpload = { hash: Hex; material: { index: number; name: string } | undefined; resubmitted: boolean };

export type ReviewView = {
  applicationId: Hex;
  step: number;
  applicant: Hex;
  status: number;
  stepState: string;
  deadline: number;
  matter: { code: string; name: string; nameEn: string };
  department: { id: number; code: string; name: string; nameEn: string; encryptionKey: Hex };
  licences: ReviewLicence[];
  uploads: ReviewUpload[];
};

type HeldLicence = {
  licenceId: Hex;
  batchRoot: Hex;
  batchProof: readonly Hex[];
  holderSalt: Hex;
  holderProof: readonly Hex[];
};
type Presented = {
  licences: { held: HeldLicence; material: number }[];
  uploads: { contentHash: Hex; material: number }[];
};

/** The submission as sent (material indexes, holder proofs), from the transaction that emitted the event. */
async function presentedIn(client: OneWindowClient, transactionHash: Hex): Promise<Presented | undefined> {
  try {
    const transaction = await client.public.getTransaction({ hash: transactionHash });
    const call = decodeFunctionData({ abi: ABIS.ApprovalEngine, data: transaction.input });
    const submission =
      call.functionName === "submit" ? call.args[0] : call.functionName === "submitLinked" ? call.args[1] : undefined;
    if (!submission) return undefined;
    return {
      licences: submission.licences.map((held, i) => ({ held, material: submission.licenceMaterials[i]! })),
      uploads: submission.uploads.map((u) => ({ contentHash: u.contentHash, material: u.material })),
    };
  } catch {
    // Sent through another contract (a multisig, a batcher): the materials are matched by type below.
    return undefined;
  }
}

/** A licence's verdict on chain: status now, issuer authorised, and whether the holder field is the applicant. */
async function licenceVerdict(
  client: OneWindowClient,
  applicant: Hex,
  licenceId: Hex,
  held: HeldLicence | undefined,
): Promise<{ record: LicenceRecord | undefined; status: number; issuerAuthorised: boolean; holder: boolean }> {
  const batchRoot = held?.batchRoot ?? ZERO;
  const record =
    (await getLicence(client, { licenceId })) ??
    (batchRoot !== ZERO ? await getLicence(client, { licenceId: batchRoot }) : undefined);
  const leaf =
    held && record ? fieldLeafHash(record.typeId, HOLDER_FIELD, applicant.toLowerCase(), held.holderSalt) : ZERO;
  const verdict = await readContract(client, {
    contract: "LicenceRegistry",
    functionName: "verify",
    args: [
      {
        licenceId,
        batchRoot,
        batchProof: [...(held?.batchProof ?? [])],
        leaves: [leaf],
        fieldProof: [...(held?.holderProof ?? [])],
        fieldProofFlags: (held?.holderProof ?? []).map(() => false),
      },
    ],
  });
  return { record, status: verdict.status, issuerAuthorised: verdict.issuerAuthorised, holder: verdict.integrity };
}

export async function getReviewView(applicationId: Hex, step: number): Promise<ReviewView | undefined> {
  const { client, deployment } = await getPlatform();
  const [{ application, steps }, catalogue] = await Promise.all([
    getApplicationSteps(client, { applicationId }),
    getCatalogue(),
  ]);
  const state = steps[step];
  if (!state) return undefined;
  const fromBlock = BigInt(deployment.startBlock);
  const [matter, department, submitted, resubmitted] = await Promise.all([
    getMatter(client, { matterId: application.matterId, version: application.matterVersion }),
    getDepartment(client, { departmentId: state.departmentId }),
    client.public.getContractEvents({
      address: client.addresses.ApprovalEngine,
      abi: ABIS.ApprovalEngine,
      eventName: "ApplicationSubmitted",
      args: { applicationId },
      fromBlock,
    }),
    client.public.getContractEvents({
      address: client.addresses.ApprovalEngine,
      abi: ABIS.ApprovalEngine,
      eventName: "ApplicationResubmitted",
      args: { applicationId },
      fromBlock,
    }),
  ]);
  const event = submitted[0];
  if (!event) return undefined;
  const presented = await presentedIn(client, event.transactionHash);
  const materials = matter.definition.materials;
  const materialOf = (index: number | undefined) =>
    index === undefined || !materials[index] ? undefined : { index, name: materials[index].name };

  const taken = new Set<number>();
  const licences = await Promise.all(
    event.args.licenceIds!.map(async (licenceId, i): Promise<ReviewLicence> => {
      const given = presented?.licences[i];
      const verdict = await licenceVerdict(client, application.applicant, licenceId, given?.held);
      const typeId = verdict.record?.typeId ?? 0;
      const type = typeId ? await getLicenceType(client, { typeId, version: verdict.record!.typeVersion }) : undefined;
      // Without the transaction's material indexes (or for a linked start's inherited licence): by type.
      let index = given?.material;
      if (index === undefined) {
        index = materials.findIndex((x, k) => !taken.has(k) && x.kind === "licence" && x.licenceTypeId === typeId);
        if (index < 0) index = undefined;
      }
      if (index !== undefined) taken.add(index);
      const material = index === undefined ? undefined : materials[index];
      const consent = material?.kind === "licence" ? material.consent : undefined;
      const fieldNames = type?.version.fieldNames ?? [];
      const issuer = catalogue.departments.find((d) => d.departmentId === verdict.record?.issuerDepartment);
      return {
        licenceId,
        material: materialOf(index),
        typeId,
        typeName: type?.name ?? "",
        typeVersion: verdict.record?.typeVersion ?? 0,
        issuerDepartment: issuer
          ? { name: issuer.name, nameEn: issuer.nameEn }
          : {
              name: `#${verdict.record?.issuerDepartment ?? "?"}`,
              nameEn: `#${verdict.record?.issuerDepartment ?? "?"}`,
            },
        expiresAt: verdict.record?.expiresAt ?? 0,
        status: STATUS_NAMES[verdict.status] ?? "unknown",
        issuerAuthorised: verdict.issuerAuthorised,
        holderIsApplicant: given ? verdict.holder : undefined,
        consentFields:
          consent && consent.departmentId === state.departmentId
            ? fieldNamesOfMask(fieldNames, BigInt(consent.fieldMask ?? 0n))
            : undefined,
        fieldNames,
      };
    }),
  );
  const uploads: ReviewUpload[] = [
    ...event.args.uploadHashes!.map((hash, i) => ({
      hash,
      material: materialOf(presented?.uploads[i]?.material),
      resubmitted: false,
    })),
    ...resubmitted.flatMap((e) =>
      e.args.uploadHashes!.map((hash) => ({ hash, material: undefined, resubmitted: true })),
    ),
  ];
  const view = catalogue.matters.find((v) => v.matterId === application.matterId);
  const departmentView = catalogue.departments.find((d) => d.departmentId === state.departmentId);
  return {
    applicationId,
    step,
    applicant: application.applicant,
    status: application.status,
    stepState: state.state,
    deadline: state.deadline,
    matter: { code: matter.code, name: matter.name, nameEn: view?.nameEn ?? matter.name },
    department: {
      id: department.departmentId,
      code: department.code,
      name: department.name,
      nameEn: departmentView?.nameEn ?? department.name,
      encryptionKey: department.encryptionKey,
    },
    licences,
    uploads,
  };
}
