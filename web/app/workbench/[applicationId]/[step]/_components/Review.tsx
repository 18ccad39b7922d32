"use client";
/**
 * The review of one step for an officer of its department: the materials presented with their
 * on-chain verdicts, the consented fields (decrypted here, in the browser, with the department's
 * encryption key), the uploaded documents (checked against their on-chain hash) and the decision.
 * Anyone else gets a clear message and nothing of the review.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { useAccount } from "wagmi";

import type { QueueItem, ReviewView } from "@/lib/api.ts";
import { useQueue } from "@/hooks/useQueue.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { Decision } from "@/app/workbench/_components/Decision.tsx";
import { licenceTypeName, localName } from "@/lib/i18n.ts";
import { Badge } from "./Badge.tsx";
import { DisclosedFields } from "./DisclosedFields.tsx";
import { Uploads } from "./Uploads.tsx";

export function Review({ view }: { view: ReviewView }) {
  const { m, lang } = useMessages();
  const { address, isConnected } = useAccount();
  const queue = useQueue(address);
  const data = queue.data;
  const departmentName = localName(view.department, lang);
  const heading = <h1>{format(m.review.heading, { matter: localName(view.matter, lang), n: view.step + 1 })}</h1>;
  const item = data && "officer" in data && data.officer ? findItem(data.items, view) : undefined;
  // After a decision the step leaves the queue: keep the panel (and its result) on screen, closed.
  const [lastItem, setLastItem] = useState<QueueItem | undefined>();
  // Proven disclosed values, offered to the output licence's fields of the same name.
  const [proven, setProven] = useState<Record<string, string> | undefined>();
  useEffect(() => {
    if (item) setLastItem(item);
  }, [item]);

  if (!isConnected || !address)
    return (
      <>
        {heading}
        <p className="banner warn" data-testid="review-denied">
          {m.review.connectFirst}
        </p>
      </>
    );
  if (!data) return heading;
  if ("error" in data)
    return (
      <>
        {heading}
        <p role="alert" className="banner error">
          {data.error[lang]}
        </p>
      </>
    );
  if (!data.officer || data.department.id !== view.department.id)
    return (
      <>
        {heading}
        <p role="alert" className="banner warn" data-testid="review-denied">
          {data.officer
            ? format(m.review.otherDepartment, {
                department: departmentName,
                mine: localName(data.department, lang),
              })
            : format(m.review.notOfficer, { address, department: departmentName })}
        </p>
      </>
    );

  const shown = item ?? lastItem;
  const date = (seconds: number) =>
    new Date(seconds * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai" });
  return (
    <>
      {heading}
      <p>
        <Link href="/workbench">{m.review.backToQueue}</Link>
      </p>
      <table data-testid="review-summary">
        <tbody>
          <tr>
            <th>{m.review.application}</th>
            <td className="mono">
              <Link href={`/applications/${view.applicationId}`}>{view.applicationId}</Link>
            </td>
          </tr>
          <tr>
            <th>{m.review.applicant}</th>
            <td className="mono">{view.applicant}</td>
          </tr>
          <tr>
            <th>{m.review.department}</th>
            <td>
              {departmentName} (
              {format(m.application.votes, { votes: shown?.votes ?? 0, threshold: data.department.threshold })})
            </td>
          </tr>
          <tr>
            <th>{m.application.status}</th>
            <td>
              {m.stepState[view.stepState as keyof typeof m.stepState] ?? view.stepState}
              {view.deadline > 0 ? ` · ${format(m.application.deadline, { date: date(view.deadline) })}` : ""}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>{m.review.materials}</h2>
      <ul className="cards" data-testid="licences">
        {view.licences.map((licence) => (
          <li key={licence.licenceId} className="card" data-testid="licence" data-licence={licence.licenceId}>
            <h3>{licenceTypeName(lang, licence.typeName)}</h3>
            {licence.material ? (
              <div className="muted">{format(m.review.material, { name: licence.material.name })}</div>
            ) : null}
            <div className="mono">{licence.licenceId}</div>
            <div className="muted">
              {format(m.review.issuedBy, {
                department: localName(licence.issuerDepartment, lang),
              })}{" "}
              ·{" "}
              {licence.expiresAt > 0 ? format(m.review.expires, { date: date(licence.expiresAt) }) : m.review.noExpiry}
            </div>
            <ul className="row" style={{ listStyle: "none", padding: 0 }} aria-label={m.review.onChain}>
              <li>
                <Badge ok={licence.status === "valid"} testId="badge-status" data={licence.status}>
                  {m.review.status[licence.status]}
                </Badge>
              </li>
              <li>
                <Badge ok={licence.issuerAuthorised} testId="badge-issuer">
                  {licence.issuerAuthorised ? m.review.issuerOk : m.review.issuerBad}
                </Badge>
              </li>
              {licence.holderIsApplicant === undefined ? null : (
                <li>
                  <Badge ok={licence.holderIsApplicant} testId="badge-holder">
                    {licence.holderIsApplicant ? m.review.holderOk : m.review.holderBad}
                  </Badge>
                </li>
              )}
            </ul>
            <div className="muted">
              {licence.consentFields
                ? format(m.review.consentFields, { fields: licence.consentFields.join(", ") })
                : m.review.noConsentFields}
            </div>
          </li>
        ))}
      </ul>

      <DisclosedFields view={view} departmentName={departmentName} onProven={setProven} />

      <Uploads uploads={view.uploads} />

      <h2>{m.review.decision}</h2>
      {shown ? (
        <div className="card" data-testid="review-decision">
          <Decision
            item={shown}
            threshold={data.department.threshold}
            departmentId={data.department.id}
            closed={!item}
            suggested={proven}
          />
        </div>
      ) : (
        <p className="muted" data-testid="not-waiting">
          {format(m.review.notWaiting, {
            state: m.stepState[view.stepState as keyof typeof m.stepState] ?? view.stepState,
          })}
        </p>
      )}
    </>
  );
}

function findItem(items: QueueItem[], view: ReviewView): QueueItem | undefined {
  const id = view.applicationId.toLowerCase();
  return items.find((i) => i.applicationId.toLowerCase() === id && i.step === view.step);
}
