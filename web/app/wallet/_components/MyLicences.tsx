"use client";
/** The holder's licences, each with its verdict on chain now, its fields by label, download and present. */
import { useState } from "react";
import { useAccount } from "wagmi";

import { VerdictFields, VerdictHeadline, VerdictParts } from "@/components/LicenceVerdict.tsx";
import { useDownloadLicence } from "@/hooks/useDownloadLicence.ts";
import { useMyLicences, type HeldLicence } from "@/hooks/useMyLicences.ts";
import { licenceTypeName } from "@/lib/i18n.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { dateText } from "@/lib/verdict.ts";
import { format } from "@/messages/index.ts";
import { ExportCredential } from "./ExportCredential.tsx";
import { PresentLicence } from "./PresentLicence.tsx";

export function MyLicences() {
  const { m } = useMessages();
  const t = m.holder.wallet;
  const { address } = useAccount();
  const { busy, error, licences, load } = useMyLicences();

  if (!address)
    return (
      <p className="banner warn" data-testid="wallet-connect-first">
        {t.connectFirst}
      </p>
    );
  return (
    <>
      {licences === undefined ? (
        <button type="button" disabled={busy} onClick={() => void load()} data-testid="wallet-sign-in">
          {busy ? t.signingIn : t.signIn}
        </button>
      ) : (
        <div className="row">
          <p className="muted" data-testid="licence-count">
            {format(t.count, { n: licences.length })}
          </p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void load()}>
            {t.refresh}
          </button>
        </div>
      )}
      {busy ? <p role="status">{t.loading}</p> : null}
      {error ? (
        <p role="alert" className="banner error" data-testid="wallet-error">
          {error}
        </p>
      ) : null}
      {licences?.length === 0 ? (
        <p className="muted" data-testid="no-licences">
          {t.none}
        </p>
      ) : null}
      {licences?.map((licence) => (
        <LicenceCard key={licence.summary.licenceId} licence={licence} />
      ))}
    </>
  );
}

function LicenceCard({ licence }: { licence: HeldLicence }) {
  const { m, lang } = useMessages();
  const t = m.holder.wallet;
  const { checked, file } = licence;
  const { busy, error, missing, download } = useDownloadLicence(file.licenceId);
  const [presenting, setPresenting] = useState(false);
  const usable = checked.verdict.valid;
  return (
    <section
      className="card"
      data-testid="held-licence"
      data-licence={file.licenceId}
      data-valid={usable}
      aria-labelledby={`licence-${file.licenceId}`}
      style={usable ? undefined : { borderLeft: "6px solid #b42318" }}
    >
      <h2 id={`licence-${file.licenceId}`} style={{ marginTop: 0 }}>
        {licenceTypeName(lang, checked.typeName)}
      </h2>
      <VerdictHeadline checked={checked} />
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.2rem 0.8rem", margin: "0.5rem 0" }}>
        <dt>{t.issuedBy}</dt>
        <dd data-testid="licence-department">{checked.departmentName}</dd>
        <dt>{t.issuedOn}</dt>
        <dd>{checked.issuedAt ? dateText(checked.issuedAt, lang) : "—"}</dd>
        <dt>{t.expiresOn}</dt>
        <dd>{checked.expiresAt === 0 ? t.noExpiry : dateText(checked.expiresAt, lang)}</dd>
        <dt>{t.licenceId}</dt>
        <dd className="mono" style={{ wordBreak: "break-all" }}>
          {file.licenceId}
        </dd>
      </dl>
      <VerdictParts checked={checked} />
      <details>
        <summary>{t.fields}</summary>
        <VerdictFields checked={checked} />
      </details>
      <div className="row" style={{ marginTop: "0.6rem" }}>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void download()}
          data-testid="download"
        >
          {t.download}
        </button>
        <button
          type="button"
          disabled={!usable}
          onClick={() => setPresenting(true)}
          data-testid="present"
          aria-expanded={presenting}
        >
          {t.present}
        </button>
      </div>
      {error || missing ? (
        <p role="alert" className="banner error">
          {error ?? missing}
        </p>
      ) : null}
      <ExportCredential licenceId={file.licenceId} />
      {presenting ? (
        <PresentLicence
          file={file}
          typeName={licenceTypeName(lang, checked.typeName)}
          onClose={() => setPresenting(false)}
        />
      ) : null}
    </section>
  );
}
