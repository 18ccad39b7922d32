"use client";
import {
  chainTime,
  createOneWindowClient,
  getNextApplicationId,
  grantConsents,
  isConsentGranted,
  parseLicenceFile,
  submitApplication,
  verifyLicence,
  type ConsentData,
  type LicenceFile,
  type VerifyLicenceReturnType,
} from "@onewindow/sdk";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useAccount, useSignMessage } from "wagmi";

import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { humanError } from "@/lib/errors.ts";
import { ExchangeError, myLicenceFile, myLicences, shareUpload, signIn, upload } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { CONSENT_DAYS, ConsentStep, type ConsentRow } from "./ConsentStep.tsx";

/** What a department may read of a licence material (the matter's definition on chain). */
export type MaterialConsent = {
  departmentId: number;
  departmentName: string;
  /** Decimal text of the uint128 field mask (props reach the browser as JSON). */
  fieldMask: string;
  /** The licence type's current field names (the pulled licence's own names replace them). */
  typeFieldNames: string[];
};

export type WizardMaterial =
  | {
      index: number;
      kind: "licence";
      name: string;
      typeId: number;
      typeName: string;
      consent: MaterialConsent | undefined;
    }
  | { index: number; kind: "upload"; name: string };

type Pulled = { material: number; file: LicenceFile; verdict: VerifyLicenceReturnType };

export function ApplyWizard(props: {
  matterId: number;
  name: string;
  materials: WizardMaterial[];
  /** Departments of the matter's steps: they may view the uploaded documents. */
  stepDepartments: number[];
  departments: Record<number, string>;
}) {
  const { m, lang } = useMessages();
  const { deployment, rpcUrl, exchangeDomain } = usePlatform();
  const { address, isConnected } = useAccount();
  const { signMessageAsync } = useSignMessage();
  const writer = useOneWindowWriter();
  const router = useRouter();
  const [pulled, setPulled] = useState<Pulled[] | undefined>();
  const [missing, setMissing] = useState<string[]>([]);
  const [uploads, setUploads] = useState<Record<number, Hex>>({});
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [purpose, setPurpose] = useState<{ id: Hex; expiresAt: number } | undefined>();
  const [granted, setGranted] = useState<string | undefined>();
  const licenceMaterials = props.materials.filter((x) => x.kind === "licence");
  const uploadMaterials = props.materials.filter((x) => x.kind === "upload");
  const consentRows: ConsentRow[] = licenceMaterials.flatMap((x) => {
    if (x.kind !== "licence" || !x.consent) return [];
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
  const reader = () => createOneWindowClient({ rpcUrl, deployment: deployment! });

  // The purpose (the id this application will get) and the expiry, shown before anything is signed.
  useEffect(() => {
    if (!address || !deployment || consentRows.length === 0) return;
    let live = true;
    const client = createOneWindowClient({ rpcUrl, deployment });
    void Promise.all([
      getNextApplicationId(client, { applicant: address, matterId: props.matterId }),
      chainTime(client),
    ])
      .then(([id, now]) => {
        if (live) setPurpose({ id, expiresAt: Number(now) + CONSENT_DAYS * 86_400 });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [address, deployment, rpcUrl, props.matterId, consentRows.length]);

  const explain = (e: unknown) => (e instanceof ExchangeError ? e.text(lang) : humanError(e, lang, m, rpcUrl));
  const session = () =>
    signIn({
      address: address!,
      chainId: deployment!.chainId,
      domain: exchangeDomain,
      signMessage: (message) => signMessageAsync({ message }),
    });

  const pull = async () => {
    setError(undefined);
    setBusy(m.apply.pulling);
    try {
      const token = await session();
      const { licences } = await myLicences(token);
      const client = reader();
      const found: Pulled[] = [];
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
    setBusy(m.apply.pulling);
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

  const todo = [
    ...(isConnected ? [] : [m.apply.step1]),
    ...(pulled && missing.length === 0 && pulled.every((p) => p.verdict.valid) ? [] : [m.apply.step2]),
    ...(uploadMaterials.every((u) => uploads[u.index]) ? [] : [m.apply.step4]),
  ];

  /**
   * Grants every consent the matter needs in ONE transaction (ConsentRegistry multicall), for the
   * id this application will get; consents already on chain are not asked again. False (with the
   * error shown) when nothing may be submitted.
   */
  const grantAll = async (): Promise<boolean> => {
    if (consentRows.length === 0) return true;
    setBusy(m.consent.granting);
    try {
      const client = reader();
      const [id, now] = await Promise.all([
        getNextApplicationId(client, { applicant: address!, matterId: props.matterId }),
        chainTime(client),
      ]);
      const expiresAt = Number(now) + CONSENT_DAYS * 86_400;
      setPurpose({ id, expiresAt });
      const wanted: ConsentData[] = consentRows.map((r) => ({
        departmentId: r.departmentId,
        licenceId: pulled!.find((p) => p.material === r.material)!.file.licenceId,
        fieldMask: r.fieldMask,
        purpose: id,
        expiresAt,
      }));
      const held = await Promise.all(
        wanted.map((c) => isConsentGranted(client, { holder: address!, ...c }).catch(() => false)),
      );
      const missing = wanted.filter((_, i) => !held[i]);
      if (missing.length === 0) {
        setGranted(m.consent.alreadyGranted);
        return true;
      }
      const { hash } = await grantConsents(await writer(), { consents: missing });
      setGranted(format(m.consent.granted, { hash: `${hash.slice(0, 12)}…` }));
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
    if (hashes.length === 0 || props.stepDepartments.length === 0) return true;
    setBusy(m.consent.sharing);
    try {
      const token = await session();
      for (const hash of hashes)
        await Promise.all(props.stepDepartments.map((departmentId) => shareUpload(token, hash, departmentId)));
      return true;
    } catch (e) {
      setError(format(m.consent.shareFailed, { message: explain(e) }));
      setBusy(undefined);
      return false;
    }
  };

  const submit = async () => {
    setError(undefined);
    setGranted(undefined);
    if (!(await grantAll())) return;
    if (!(await shareAll())) return;
    setBusy(m.apply.submitting);
    try {
      const result = await submitApplication(await writer(), {
        matterId: props.matterId,
        licences: (pulled ?? []).map((p) => ({ licence: p.file, material: p.material })),
        uploads: uploadMaterials.map((u) => ({ material: u.index, contentHash: uploads[u.index]! })),
      });
      router.push(`/applications/${result.applicationId}`);
    } catch (e) {
      setError(explain(e));
      setBusy(undefined);
    }
  };

  const tick = (ok: boolean) => (ok ? "✓" : "✗");
  return (
    <>
      <h1>{format(m.apply.title, { name: props.name })}</h1>
      <h2>{m.apply.step1}</h2>
      <p>{isConnected ? <span className="mono">{address}</span> : m.errors.notConnected}</p>

      <h2>{m.apply.step2}</h2>
      <button
        type="button"
        disabled={!isConnected || busy !== undefined}
        onClick={() => void pull()}
        data-testid="pull"
      >
        {m.apply.pull}
      </button>
      {missing.map((name) => (
        <p key={name} role="alert" className="banner warn">
          {format(m.apply.missing, { name })}
        </p>
      ))}
      {pulled?.map((p) => (
        <div key={p.material} className="card" data-testid="pulled-licence" data-valid={p.verdict.valid}>
          <strong>{licenceMaterials.find((x) => x.index === p.material)?.name}</strong>{" "}
          <span className={`tag ${p.verdict.valid ? "chain" : "upload"}`}>
            {p.verdict.valid ? m.apply.valid : m.apply.invalid}
          </span>
          <ul className="row" style={{ listStyle: "none", padding: 0 }} aria-label={m.apply.verdict}>
            <li data-testid="verdict-integrity">
              {tick(p.verdict.integrity.ok)} {m.apply.integrity}
            </li>
            <li data-testid="verdict-status">
              {tick(p.verdict.status.ok)} {m.apply.statusOk}
            </li>
            <li data-testid="verdict-issuer">
              {tick(p.verdict.issuer.ok)} {m.apply.issuer}
            </li>
          </ul>
        </div>
      ))}

      <h2>{m.apply.step3}</h2>
      {pulled?.flatMap((p) => {
        const type = licenceMaterials.find((x) => x.index === p.material);
        const provenance = format(m.apply.provenance, {
          licence: type && type.kind === "licence" ? type.typeName : "",
          department: props.departments[p.file.issuerDepartment] ?? `#${p.file.issuerDepartment}`,
        });
        return p.file.fields
          .filter((f) => f.name !== "holder")
          .map((f) => (
            <div key={`${p.material}-${f.name}`} className="row" style={{ marginBottom: "0.4rem" }}>
              <label>
                <span style={{ minWidth: "9rem", display: "inline-block" }} title={f.name}>
                  {m.consent.fieldLabels[f.name] ?? f.name}
                </span>
                <input
                  value={f.value}
                  readOnly
                  data-testid={`field-${f.name}`}
                  aria-describedby={`prov-${p.material}-${f.name}`}
                />
              </label>
              <span id={`prov-${p.material}-${f.name}`} className="muted" data-testid="provenance">
                {provenance}
              </span>
            </div>
          ));
      })}

      <h2>{m.apply.step4}</h2>
      {uploadMaterials.map((u) => (
        <div key={u.index} className="row" style={{ marginBottom: "0.4rem" }}>
          <label>
            {u.name}
            <input
              type="file"
              disabled={!isConnected || busy !== undefined}
              onChange={(e) => void choose(u.index, e.target.files)}
              data-testid={`upload-${u.index}`}
            />
          </label>
          {uploads[u.index] ? (
            <span className="muted mono">
              {format(m.apply.uploaded, { hash: `${uploads[u.index]!.slice(0, 12)}…` })}
            </span>
          ) : null}
        </div>
      ))}

      <h2>{m.apply.step5}</h2>
      {consentRows.length === 0 ? (
        <p data-testid="no-consent">{m.apply.noConsent}</p>
      ) : (
        <ConsentStep rows={consentRows} purpose={purpose?.id} expiresAt={purpose?.expiresAt} granted={granted} />
      )}

      <h2>{m.apply.step6}</h2>
      {todo.length > 0 ? <p className="muted">{format(m.apply.notReady, { what: todo.join("、") })}</p> : null}
      <button
        type="button"
        disabled={todo.length > 0 || busy !== undefined}
        onClick={() => void submit()}
        data-testid="submit"
      >
        {consentRows.length > 0 ? m.consent.submitWithConsent : m.apply.submit}
      </button>
      {busy ? <p role="status">{busy}</p> : null}
      {error ? (
        <p role="alert" className="banner error" data-testid="apply-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
