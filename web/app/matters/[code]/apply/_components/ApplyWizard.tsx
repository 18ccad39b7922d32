"use client";
import { useAccount } from "wagmi";

import { useApply, type ApplyMaterial, type ApplyPhase } from "@/hooks/useApply.ts";
import { licenceTypeName } from "@/lib/i18n.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { SealVerdict } from "@/components/SealVerdict.tsx";
import { format, type Messages } from "@/messages/index.ts";
import { ConsentStep } from "./ConsentStep.tsx";

/** What the wizard says while the flow works. */
const phaseText = (m: Messages, phase: ApplyPhase): string =>
  ({
    pulling: m.apply.pulling,
    uploading: m.apply.pulling,
    granting: m.consent.granting,
    sharing: m.consent.sharing,
    submitting: m.apply.submitting,
  })[phase];

export function ApplyWizard(props: {
  matterId: number;
  name: string;
  materials: ApplyMaterial[];
  /** Departments of the matter's steps: they may view the uploaded documents. */
  stepDepartments: number[];
  departments: Record<number, string>;
}) {
  const { m, lang } = useMessages();
  const { address, isConnected } = useAccount();
  const flow = useApply({
    matterId: props.matterId,
    materials: props.materials,
    stepDepartments: props.stepDepartments,
  });
  const { pulled, missing, uploads, licenceMaterials, uploadMaterials, consentRows, busy, error } = flow;
  const todo = [
    ...(isConnected ? [] : [m.apply.step1]),
    ...(flow.ready.licences ? [] : [m.apply.step2]),
    ...(flow.ready.uploads ? [] : [m.apply.step4]),
  ];

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
        onClick={() => void flow.pull()}
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
            <SealVerdict seal={p.verdict.seal} />
          </ul>
        </div>
      ))}

      <h2>{m.apply.step3}</h2>
      {pulled?.flatMap((p) => {
        const type = licenceMaterials.find((x) => x.index === p.material);
        const provenance = format(m.apply.provenance, {
          licence: type && type.kind === "licence" ? licenceTypeName(lang, type.typeName) : "",
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
              onChange={(e) => void flow.choose(u.index, e.target.files)}
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
        <ConsentStep
          rows={consentRows}
          purpose={flow.purpose?.id}
          expiresAt={flow.purpose?.expiresAt}
          granted={flow.granted}
        />
      )}

      <h2>{m.apply.step6}</h2>
      {todo.length > 0 ? <p className="muted">{format(m.apply.notReady, { what: todo.join("、") })}</p> : null}
      <button
        type="button"
        disabled={todo.length > 0 || busy !== undefined}
        onClick={() => void flow.submit()}
        data-testid="submit"
      >
        {consentRows.length > 0 ? m.consent.submitWithConsent : m.apply.submit}
      </button>
      {busy ? <p role="status">{phaseText(m, busy)}</p> : null}
      {error ? (
        <p role="alert" className="banner error" data-testid="apply-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
