"use client";
/**
 * An application, start to end: pull the applicant's licences from the exchange (SIWE session) and
 * verify each on chain, upload the documents, then submit: grant the consents the matter needs (one
 * transaction), share the uploads with the matter's departments, submit on chain and open the
 * application's page.
 */
import {
  createOneWindowClient,
  parseLicenceFile,
  submitApplication,
  verifyLicence,
  type LicenceFile,
  type VerifyLicenceReturnType,
} from "@onewindow/sdk";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Hex } from "viem";

import { useConsents, type ConsentPurpose, type ConsentRow } from "@/hooks/useConsents.ts";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { myLicenceFile, myLicences, shareUpload, upload } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

/** What a department may read of a licence material (the matter's definition on chain). */
export type MaterialConsent = {
  departmentId: number;
  departmentName: string;
  /** Decimal text of the uint128 field mask (props reach the browser as JSON). */
  fieldMask: string;
  /** The licence type's current field names (the pulled licence's own names replace them). */
  typeFieldNames: string[];
};

/** A material the applicant presents: a licence pulled from the chain, or an uploaded document. */
export type ApplyMaterial =
  | {
      index: number;
      kind: "licence";
      name: string;
      typeId: number;
      typeName: string;
      consent: MaterialConsent | undefined;
    }
  | { index: number; kind: "upload"; name: string };

/** A licence pulled from the exchange for a material, with its on-chain verdict. */
export type PulledLicence = { material: number; file: LicenceFile; verdict: VerifyLicenceReturnType };

/** What the flow is doing (the pull of licences, an upload, the consents, the shares, the submission). */
export type ApplyPhase = "pulling" | "uploading" | "granting" | "sharing" | "submitting";

export type UseApplyParameters = {
  matterId: number;
  materials: ApplyMaterial[];
  /** Departments of the matter's steps: they may view the uploaded documents. */
  stepDepartments: number[];
};

export type UseApplyReturnType = {
  licenceMaterials: Extract<ApplyMaterial, { kind: "licence" }>[];
  uploadMaterials: Extract<ApplyMaterial, { kind: "upload" }>[];
  /** The licences pulled (undefined before a pull). */
  pulled: PulledLicence[] | undefined;
  /** Type names of licence materials the applicant holds none of. */
  missing: string[];
  /** Content hashes of the uploaded documents, by material index. */
  uploads: Record<number, Hex>;
  /** Which department reads which fields of which licence (the consents the submission grants). */
  consentRows: ConsentRow[];
  purpose: ConsentPurpose | undefined;
  /** What the consent grant did, in words. */
  granted: string | undefined;
  /** Every licence pulled and valid; every document uploaded. */
  ready: { licences: boolean; uploads: boolean };
  busy: ApplyPhase | undefined;
  error: string | undefined;
  pull: () => Promise<void>;
  choose: (material: number, files: FileList | null) => Promise<void>;
  submit: () => Promise<void>;
};

export function useApply({ matterId, materials, stepDepartments }: UseApplyParameters): UseApplyReturnType {
  const { m } = useMessages();
  const { deployment, rpcUrl } = usePlatform();
  const writer = useOneWindowWriter();
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const router = useRouter();
  const [pulled, setPulled] = useState<PulledLicence[] | undefined>();
  const [missing, setMissing] = useState<string[]>([]);
  const [uploads, setUploads] = useState<Record<number, Hex>>({});
  const [busy, setBusy] = useState<ApplyPhase | undefined>();
  const [error, setError] = useState<string | undefined>();
  const licenceMaterials = materials.filter((x) => x.kind === "licence");
  const uploadMaterials = materials.filter((x) => x.kind === "upload");
  const consentRows: ConsentRow[] = licenceMaterials.flatMap((x) => {
    if (!x.consent) return [];
    const file = pulled?.find((p) => p.material === x.index)?.file;
    return [
      {
        material: x.index,
        departmentId: x.consent.departmentId,
        departmentName: x.consent.departmentName,
        licenceName: x.typeName,
        licenceId: file?.licenceId,
        fieldNames: file?.fieldNames ?? x.consent.typeFieldNames,
        fieldMask: BigInt(x.consent.fieldMask),
      },
    ];
  });
  const consents = useConsents({ matterId, rows: consentRows });
  const reader = () => createOneWindowClient({ rpcUrl, deployment: deployment! });

  const pull = async () => {
    setError(undefined);
    setBusy("pulling");
    try {
      const token = await session();
      const { licences } = await myLicences(token);
      const client = reader();
      const found: PulledLicence[] = [];
      const absent: string[] = [];
      for (const material of licenceMaterials) {
        const summary = licences.find((l) => l.typeId === material.typeId);
        if (!summary) {
          absent.push(material.typeName);
          continue;
        }
        const file = parseLicenceFile(await myLicenceFile(token, summary.licenceId));
        found.push({ material: material.index, file, verdict: await verifyLicence(client, { file }) });
      }
      setPulled(found);
      setMissing(absent);
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(undefined);
    }
  };

  const choose = async (material: number, files: FileList | null) => {
    const chosen = files?.[0];
    if (!chosen) return;
    setError(undefined);
    setBusy("uploading");
    try {
      const token = await session();
      const { hash } = await upload(token, await chosen.arrayBuffer());
      setUploads((u) => ({ ...u, [material]: hash }));
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(undefined);
    }
  };

  /** Grants every consent the matter needs; false (with the error shown) when nothing may be submitted. */
  const grantAll = async (): Promise<boolean> => {
    if (consentRows.length === 0) return true;
    setBusy("granting");
    try {
      await consents.grant((material) => pulled!.find((p) => p.material === material)!.file.licenceId);
      return true;
    } catch (e) {
      setError(format(m.consent.failed, { message: explain(e) }));
      setBusy(undefined);
      return false;
    }
  };

  /** Lets the departments of the matter's steps view every uploaded document. */
  const shareAll = async (): Promise<boolean> => {
    const hashes = uploadMaterials.flatMap((u) => (uploads[u.index] ? [uploads[u.index]!] : []));
    if (hashes.length === 0 || stepDepartments.length === 0) return true;
    setBusy("sharing");
    try {
      const token = await session();
      for (const hash of hashes)
        await Promise.all(stepDepartments.map((departmentId) => shareUpload(token, hash, departmentId)));
      return true;
    } catch (e) {
      setError(format(m.consent.shareFailed, { message: explain(e) }));
      setBusy(undefined);
      return false;
    }
  };

  const submit = async () => {
    setError(undefined);
    consents.reset();
    if (!(await grantAll())) return;
    if (!(await shareAll())) return;
    setBusy("submitting");
    try {
      const result = await submitApplication(await writer(), {
        matterId,
        licences: (pulled ?? []).map((p) => ({ licence: p.file, material: p.material })),
        uploads: uploadMaterials.map((u) => ({ material: u.index, contentHash: uploads[u.index]! })),
      });
      router.push(`/applications/${result.applicationId}`);
    } catch (e) {
      setError(explain(e));
      setBusy(undefined);
    }
  };

  return {
    licenceMaterials,
    uploadMaterials,
    pulled,
    missing,
    uploads,
    consentRows,
    purpose: consents.purpose,
    granted: consents.granted,
    ready: {
      licences: pulled !== undefined && missing.length === 0 && pulled.every((p) => p.verdict.valid),
      uploads: uploadMaterials.every((u) => uploads[u.index]),
    },
    busy,
    error,
    pull,
    choose,
    submit,
  };
}
