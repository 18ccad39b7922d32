"use client";
/**
 * Who read my data: one card per access, newest first. Everything the platform says is in its own
 * words; what an officer sent (the purpose id they gave) is labelled as theirs and quoted.
 */
import Link from "next/link";
import { useEffect } from "react";
import { useAccount } from "wagmi";

import { useActivity, type ActivityItem } from "@/hooks/useActivity.ts";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { licenceTypeName, localName } from "@/lib/i18n.ts";
import { dateText, fieldList } from "@/lib/labels.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import type { TrackerNames } from "@/lib/tracker.ts";
import { format, type Lang, type Messages } from "@/messages/index.ts";

import styles from "../../consents/_components/tracker.module.css";

export function Activity() {
  const { m, lang } = useMessages();
  const t = m.tracker.activity;
  const { isConnected, address } = useAccount();
  const activity = useActivity();
  const errorText = useErrorText();
  const { load } = activity;
  const loaded = activity.items !== undefined;

  // Reload when the wallet changes (the sign-in asks the wallet once per session).
  useEffect(() => {
    if (isConnected && loaded) void load();
  }, [address]);

  if (!isConnected)
    return (
      <p className="muted" data-testid="activity-connect-first">
        {t.connectFirst}
      </p>
    );
  return (
    <>
      {activity.error ? (
        <p role="alert" className="banner error" data-testid="activity-error">
          {format(t.loadFailed, { message: errorText(activity.error) })}
        </p>
      ) : null}
      {!loaded ? (
        <p>
          <button type="button" onClick={() => void load()} disabled={activity.busy} data-testid="activity-load">
            {activity.signingIn ? t.signingIn : activity.busy ? t.loading : t.signIn}
          </button>
        </p>
      ) : activity.items!.length === 0 ? (
        <p data-testid="activity-none">{t.none}</p>
      ) : (
        <ol className={styles.list} data-testid="activity-list">
          {activity.items!.map((item) => (
            <Entry
              key={item.source === "exchange" ? `x${item.entry.id}` : `c${item.verification.id}`}
              item={item}
              names={activity.names!}
              m={m}
              lang={lang}
            />
          ))}
        </ol>
      )}
      {loaded ? (
        activity.hasMore ? (
          <p>
            <button
              type="button"
              className="secondary"
              onClick={() => void activity.more()}
              disabled={activity.busy}
              data-testid="activity-more"
            >
              {activity.busy ? t.loading : t.more}
            </button>
          </p>
        ) : activity.items!.length > 0 ? (
          <p className="muted" data-testid="activity-end">
            {t.end}
          </p>
        ) : null
      ) : null}
    </>
  );
}

function Entry({ item, names, m, lang }: { item: ActivityItem; names: TrackerNames; m: Messages; lang: Lang }) {
  const t = m.tracker.activity;
  const departmentName = (id: number | null) => {
    const d = id === null ? undefined : names.departments[id];
    return d ? localName(d, lang) : t.someone;
  };
  const licenceName = (id: string | null) =>
    ((n) => (n ? licenceTypeName(lang, n) : undefined))(id ? names.licences[id.toLowerCase()]?.typeName : undefined) ??
    t.unknownLicence;
  const application = (id: string | null) => {
    const a = id ? names.applications[id.toLowerCase()] : undefined;
    if (!a) return null;
    const matter = lang === "en" ? a.matterNameEn : a.matterName;
    const text = matter
      ? format(m.tracker.consents.applicationOf, { number: a.number, matter })
      : format(m.tracker.consents.application, { number: a.number });
    return a.exists ? <Link href={`/applications/${id}`}>{text}</Link> : <q className={styles.quote}>{a.number}</q>;
  };

  if (item.source === "chain") {
    const v = item.verification;
    const ok = (v.result & 7) === 7;
    const pass = (bit: number) => ((v.result & bit) !== 0 ? t.pass : t.fail);
    const fields = names.fields[`${v.licenceId.toLowerCase()}/${v.fieldMask}`];
    return (
      <li className="card" data-testid="activity-entry" data-kind="verification">
        <p className="row">
          <strong>
            {format(t.verification, { department: departmentName(v.departmentId), licence: licenceName(v.licenceId) })}
          </strong>
        </p>
        <dl className={styles.facts}>
          <dt>{t.at}</dt>
          <dd>{dateText(lang, v.at, true)}</dd>
          <dt>{t.officer}</dt>
          <dd className="mono">{v.officer}</dd>
          {fields && fields.length > 0 ? (
            <>
              <dt>{t.fields}</dt>
              <dd>{fieldList(m, lang, fields)}</dd>
            </>
          ) : null}
          <dt>{t.result}</dt>
          <dd>{ok ? t.resultOk : format(t.resultBad, { integrity: pass(1), status: pass(2), issuer: pass(4) })}</dd>
          <dt>{t.purpose}</dt>
          <dd>{application(v.purpose) ?? "—"}</dd>
          <dt>{t.transaction}</dt>
          <dd className="mono" data-testid="activity-tx">
            {v.tx}
          </dd>
        </dl>
      </li>
    );
  }

  const e = item.entry;
  const values = { department: departmentName(e.departmentId), licence: licenceName(e.licenceId), kind: e.kind };
  const title =
    e.kind === "disclosure"
      ? format(t.disclosure, values)
      : e.kind === "predicate"
        ? format(t.predicate, values)
        : e.kind === "presentation-opened"
          ? format(t.presentation, values)
          : e.kind === "upload"
            ? format(t.upload, values)
            : format(t.other, values);
  return (
    <li className="card" data-testid="activity-entry" data-kind={e.kind} data-outcome={e.outcome} data-entry={e.id}>
      <p className="row">
        <span
          className={`tag ${e.outcome === "granted" ? styles.granted : styles.denied}`}
          data-testid="activity-outcome"
        >
          {e.outcome === "granted" ? t.granted : t.denied}
        </span>
        <strong data-testid="activity-title">{title}</strong>
      </p>
      <dl className={styles.facts}>
        <dt>{t.at}</dt>
        <dd>{dateText(lang, item.at, true)}</dd>
        {e.officer && e.kind !== "presentation-opened" ? (
          <>
            <dt>{t.officer}</dt>
            <dd className="mono" data-testid="activity-officer">
              {e.officer}
            </dd>
          </>
        ) : null}
        {e.fields.length > 0 || e.unknownFields > 0 ? (
          <>
            <dt>{t.fields}</dt>
            <dd data-testid="activity-fields">
              {fieldList(m, lang, e.fields)}
              {e.unknownFields > 0 ? (
                <span className="muted">
                  {e.fields.length > 0 ? " · " : ""}
                  {format(t.unknownFields, { n: e.unknownFields })}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        {e.kind === "predicate" && e.answer !== null ? (
          <>
            <dt>{t.answer}</dt>
            <dd>{e.answer ? t.yes : t.no}</dd>
          </>
        ) : null}
        {e.purpose ? (
          <>
            <dt>{t.purpose}</dt>
            <dd data-testid="activity-purpose">
              {application(e.purpose)} <span className="muted">{t.purposeNote}</span>
            </dd>
          </>
        ) : null}
        {e.evidence ? (
          <>
            <dt />
            <dd className="muted">{format(t.evidence, { block: e.evidence.blockNumber })}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
