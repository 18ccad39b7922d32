"use client";
/** The holder's consents as a list (phone first: one card per consent), with a revoke of the selected ones in one signature. */
import Link from "next/link";
import { useState } from "react";
import { useAccount } from "wagmi";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useMyConsents } from "@/hooks/useMyConsents.ts";
import { licenceTypeName, localName } from "@/lib/i18n.ts";
import { dateText, fieldList } from "@/lib/labels.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

import styles from "./tracker.module.css";

export function MyConsents() {
  const { m, lang } = useMessages();
  const t = m.tracker.consents;
  const { isConnected } = useAccount();
  const { consents, names, error, stateOf, revoke } = useMyConsents();
  const errorText = useErrorText();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();

  if (!isConnected)
    return (
      <p className="muted" data-testid="consents-connect-first">
        {t.connectFirst}
      </p>
    );
  if (error)
    return (
      <p role="alert" className="banner error" data-testid="consents-error">
        {format(t.loadFailed, { message: error[lang] })}
      </p>
    );
  if (!consents || !names) return <p role="status">{t.loading}</p>;
  if (consents.length === 0) return <p data-testid="consents-none">{t.none}</p>;

  const selected = consents.filter((c) => chosen.has(c.consentId) && stateOf(c) === "active");
  const onRevoke = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      const hash = await revoke(selected);
      setResult({ ok: true, text: format(t.revokedDone, { n: selected.length, hash: `${hash.slice(0, 12)}…` }) });
      setChosen(new Set());
    } catch (e) {
      setResult({ ok: false, text: format(t.revokeFailed, { message: errorText(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ul className={styles.list} data-testid="consent-list">
        {consents.map((c) => {
          const department = names.departments[c.departmentId];
          const departmentName = department
            ? localName({ name: department.name, nameEn: department.nameEn }, lang)
            : t.unknownDepartment;
          const licence = names.licences[c.licenceId.toLowerCase()];
          const licenceName = licence ? licenceTypeName(lang, licence.typeName) : t.unknownLicence;
          const fields = names.fields[`${c.licenceId.toLowerCase()}/${c.fieldMask}`];
          const application = names.applications[c.purpose.toLowerCase()];
          const matter = application ? (lang === "en" ? application.matterNameEn : application.matterName) : null;
          const state = stateOf(c);
          return (
            <li
              key={c.consentId}
              className="card"
              data-testid="consent"
              data-state={state}
              data-department={c.departmentId}
              data-licence={c.licenceId}
              data-purpose={c.purpose}
            >
              <p className="row">
                {state === "active" ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(c.consentId)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(c.consentId);
                        else next.delete(c.consentId);
                        setChosen(next);
                      }}
                      aria-label={format(t.selectRow, { department: departmentName, licence: licenceName })}
                      data-testid="consent-select"
                    />{" "}
                    <strong data-testid="consent-department">{departmentName}</strong>
                  </label>
                ) : (
                  <strong data-testid="consent-department">{departmentName}</strong>
                )}
                <span
                  className={`tag ${state === "active" ? styles.granted : styles.denied}`}
                  data-testid="consent-status"
                  title={
                    state === "revoked" && c.revokedAt
                      ? format(t.revokedOn, { date: dateText(lang, c.revokedAt) })
                      : undefined
                  }
                >
                  {state === "active" ? t.active : state === "revoked" ? t.revoked : t.expired}
                </span>
              </p>
              <dl className={styles.facts}>
                <dt>{t.licence}</dt>
                <dd data-testid="consent-licence">{licenceName}</dd>
                <dt>{t.fields}</dt>
                <dd data-testid="consent-fields">{fields ? fieldList(m, lang, fields) : "…"}</dd>
                <dt>{t.purpose}</dt>
                <dd data-testid="consent-purpose">
                  {application?.exists ? (
                    <Link href={`/applications/${c.purpose}`}>
                      {matter
                        ? format(t.applicationOf, { number: application.number, matter })
                        : format(t.application, { number: application.number })}
                    </Link>
                  ) : (
                    t.notAnApplication
                  )}
                </dd>
                <dt>{t.expires}</dt>
                <dd data-testid="consent-expires">{dateText(lang, c.expiresAt)}</dd>
              </dl>
            </li>
          );
        })}
      </ul>
      <p className="row">
        <button
          type="button"
          onClick={() => void onRevoke()}
          disabled={busy || selected.length === 0}
          data-testid="consents-revoke"
        >
          {busy ? t.revoking : selected.length === 0 ? t.revokeNone : format(t.revokeSelected, { n: selected.length })}
        </button>
      </p>
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={`banner ${result.ok ? "ok" : "error"}`}
          data-testid="consents-result"
        >
          {result.text}
        </p>
      ) : null}
    </>
  );
}
