"use client";
/** The verdict on an exported credential first, then its parts and the fields the holder disclosed. */
import type { CredentialVerdict } from "@onewindow/sdk/vc";

import { licenceTypeName } from "@/lib/i18n.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { dateText, fieldLabel } from "@/lib/verdict.ts";
import { format } from "@/messages/index.ts";

export function CredentialResult({ verdict }: { verdict: CredentialVerdict }) {
  const { m, lang } = useMessages();
  const t = m.credentials.verify;
  const c = verdict.credential;
  const department = c.departmentName ?? String(c.issuerDepartment);
  const block = verdict.status.blockNumber.toString();
  const statusText =
    verdict.status.status === "revoked"
      ? t.statusRevoked
      : verdict.status.status === "suspended"
        ? t.statusSuspended
        : t.statusValid;
  const parts: { name: string; ok: boolean; text: string; testid: string }[] = [
    { name: t.signature, ok: true, text: format(t.signatureOk, { department }), testid: "credential-signature" },
    {
      name: t.issuer,
      ok: verdict.issuer.ok,
      text: verdict.issuer.ok
        ? format(t.issuerOk, { department, type: c.typeName ? licenceTypeName(lang, c.typeName) : String(c.typeId) })
        : verdict.issuer.problems.join("; "),
      testid: "credential-issuer",
    },
    { name: t.status, ok: verdict.status.ok, text: format(statusText, { block }), testid: "credential-status" },
    {
      name: t.expiry,
      ok: verdict.expiry.ok,
      text: verdict.expiry.ok
        ? c.expiresAt === 0
          ? t.expiryNever
          : `${t.expiryOk} (${dateText(c.expiresAt, lang)})`
        : t.expired,
      testid: "credential-expiry",
    },
  ];
  const fields = Object.entries(c.fields);
  return (
    <section
      className="card"
      data-testid="credential-result"
      data-valid={verdict.valid}
      style={verdict.valid ? undefined : { borderLeft: "6px solid #b42318" }}
    >
      <h2 style={{ marginTop: 0 }}>
        {t.title}: <span data-testid="credential-verdict">{verdict.valid ? t.valid : t.invalid}</span>
      </h2>
      <p className="muted">
        {c.typeName ? licenceTypeName(lang, c.typeName) : c.typeId} · {c.format === "vc" ? t.formatVc : t.formatSdJwt}
      </p>
      <ul style={{ listStyle: "none", padding: 0 }}>
        {parts.map((p) => (
          <li key={p.name} data-testid={p.testid} data-ok={p.ok}>
            <span aria-hidden="true">{p.ok ? "✔" : "✘"}</span> <strong>{p.name}</strong>: {p.text}
          </li>
        ))}
      </ul>
      <h3>{t.disclosed}</h3>
      {fields.length === 0 ? (
        <p className="muted">{t.noneDisclosed}</p>
      ) : (
        <dl
          style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.2rem 0.8rem" }}
          data-testid="credential-fields"
        >
          {fields.map(([name, value]) => (
            <div key={name} style={{ display: "contents" }}>
              <dt data-field={name}>{fieldLabel(m, name)}</dt>
              <dd style={{ wordBreak: "break-word" }}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {c.holder === undefined ? <p className="muted">{t.holderHidden}</p> : null}
    </section>
  );
}
