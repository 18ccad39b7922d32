"use client";
/**
 * The fields the applicant consented to show this department, read and checked in the browser with
 * the department's key (useDisclosures), each with its proof. The officer may then record the check
 * on chain (useRecordVerification: licence id, application id, the field mask and the result bits;
 * no field value) so that auditors see which department checked what.
 */
import type { Hex } from "viem";

import { ResultBanner } from "@/components/ResultBanner.tsx";
import { useDisclosures } from "@/hooks/useDisclosures.ts";
import { useRecordVerification } from "@/hooks/useRecordVerification.ts";
import { licenceTypeName } from "@/lib/i18n.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import type { ReviewView } from "@/lib/api.ts";
import { format } from "@/messages/index.ts";
import { Badge } from "./Badge.tsx";

export function DisclosedFields({
  view,
  departmentName,
  onProven,
}: {
  view: ReviewView;
  departmentName: string;
  /** Called with the proven fields' values (name → value) after a read. */
  onProven?: (fields: Record<string, string>) => void;
}) {
  const { m, lang } = useMessages();
  const { consented, keyText, setKeyText, chooseKeyFile, busy, keyError, reads, read } = useDisclosures({
    view,
    departmentName,
    onProven,
  });

  if (consented.length === 0)
    return (
      <>
        <h2>{m.review.disclosed}</h2>
        <p className="muted" data-testid="no-consent-materials">
          {format(m.review.noConsentMaterials, { department: departmentName })}
        </p>
      </>
    );

  return (
    <>
      <h2>{m.review.disclosed}</h2>
      <div className="card">
        <div className="row">
          <label htmlFor="department-key">{m.review.keyLabel}</label>
          <input
            id="department-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={m.review.keyPlaceholder}
            value={keyText}
            onChange={(e) => setKeyText(e.target.value)}
            style={{ minWidth: "24rem" }}
            data-testid="department-key"
          />
          <label>
            {m.review.keyFile}{" "}
            <input type="file" onChange={(e) => void chooseKeyFile(e.target.files)} data-testid="department-key-file" />
          </label>
        </div>
        <p className="muted" data-testid="key-note">
          {m.review.keyNote}
        </p>
        <button type="button" disabled={busy || keyText === ""} onClick={() => void read()} data-testid="read-fields">
          {m.review.read}
        </button>
        {busy ? <p role="status">{m.review.reading}</p> : null}
        {keyError ? (
          <p role="alert" className="banner error" data-testid="key-error">
            {keyError}
          </p>
        ) : null}
      </div>
      {consented.map((licence) => {
        const outcome = reads[licence.licenceId];
        if (!outcome) return null;
        return (
          <div key={licence.licenceId} className="card" data-testid="disclosure" data-licence={licence.licenceId}>
            <h3>{licenceTypeName(lang, licence.typeName)}</h3>
            {outcome.kind === "noConsent" ? (
              <p role="alert" className="banner warn" data-testid="no-consent">
                {format(m.review.noConsent, {
                  department: departmentName,
                  licence: licenceTypeName(lang, licence.typeName),
                  fields: licence.consentFields!.join(", "),
                })}
              </p>
            ) : outcome.kind === "error" ? (
              <p role="alert" className="banner error">
                {outcome.text}
              </p>
            ) : (
              <>
                <table>
                  <thead>
                    <tr>
                      <th>{m.review.field}</th>
                      <th>{m.review.value}</th>
                      <th>{m.review.proof}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.fields.map((f) => (
                      <tr key={f.name} data-testid="disclosed-field" data-field={f.name}>
                        <td className="mono">{f.name}</td>
                        <td data-testid="disclosed-value">{f.value}</td>
                        <td>
                          <Badge ok={f.proven} testId="proof-badge">
                            {f.proven ? m.review.proofOk : m.review.proofBad}
                          </Badge>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted">{m.review.proofNote}</p>
                <p className="muted mono">
                  {format(m.review.evidence, { consent: outcome.consentId, block: outcome.block })}
                </p>
                {outcome.problems.length > 0 ? (
                  <p role="alert" className="banner error" data-testid="disclosure-problems">
                    {format(m.review.disclosureBad, { problems: outcome.problems.join("; ") })}
                  </p>
                ) : null}
                <RecordCheck
                  licenceId={licence.licenceId}
                  purpose={view.applicationId}
                  fieldMask={outcome.fieldMask}
                  result={outcome.result}
                />
              </>
            )}
          </div>
        );
      })}
    </>
  );
}

/** Records the check on chain as evidence, signed by the officer's wallet: one transaction, no field value. */
function RecordCheck(props: { licenceId: Hex; purpose: Hex; fieldMask: bigint; result: number }) {
  const { m } = useMessages();
  const { busy, outcome, record } = useRecordVerification(props);
  return (
    <div className="row">
      <button
        type="button"
        disabled={busy || outcome?.ok === true}
        onClick={() => void record()}
        data-testid="record-verification"
      >
        {busy ? m.review.recording : m.review.record}
      </button>
      <span className="muted">{m.review.recordNote}</span>
      <ResultBanner result={outcome} testId="record-result" />
    </div>
  );
}
