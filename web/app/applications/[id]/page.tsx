import { ApplicationStatus, applicationNumberOf } from "@onewindow/sdk";
import Link from "next/link";
import type { Hex } from "viem";

import { StepGraph, type GraphStep } from "@/components/StepGraph.tsx";
import { format } from "@/messages/index.ts";
import { APPLICATION_ID, getApplicationView } from "@/lib/server/application.ts";
import { getLang } from "@/lib/server/lang.ts";
import { load } from "@/lib/server/load.ts";
import { getNotifications, withNames, type NotificationView } from "@/lib/server/notifications.ts";
import { NotificationList } from "@/components/NotificationList.tsx";
import { localName } from "@/lib/i18n.ts";
import { DownloadLicence } from "./_components/DownloadLicence.tsx";
import { Resubmit } from "./_components/Resubmit.tsx";

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { lang, m } = await getLang();
  if (!APPLICATION_ID.test(id))
    return (
      <p role="alert" className="banner error">
        {m.errors.badApplicationId}
      </p>
    );
  const loaded = await load(lang, async () => {
    const view = await getApplicationView(id as Hex);
    return { view, notifications: await applicationNotifications(view.applicationId, view.applicant, view.status) };
  });
  if (!loaded.ok)
    return (
      <p role="alert" className="banner error">
        {loaded.message}
      </p>
    );
  const { view, notifications } = loaded.value;
  const name = (d: number) => {
    const department = view.departments.get(d);
    return department ? localName(department, lang) : `#${d}`;
  };
  const matterName = view.matter ? localName(view.matter, lang) : "";
  const graph: GraphStep[] = view.steps.map((s) => ({
    index: s.index,
    label: name(s.departmentId),
    sublabel: s.overdue ? m.application.overdue : m.stepState[s.state],
    dependsOn: s.dependsOn,
    tone: s.overdue ? "overdue" : s.state,
    badge:
      s.state === "active"
        ? [
            s.daysLeft !== undefined ? format(m.application.daysLeft, { n: s.daysLeft }) : "",
            s.threshold > 1 ? format(m.application.votes, { votes: s.votes, threshold: s.threshold }) : "",
          ]
            .filter(Boolean)
            .join(" · ")
        : undefined,
  }));
  return (
    <>
      <h1>{format(m.application.title, { id: applicationNumberOf(id as Hex) })}</h1>
      <dl className="figures">
        <div>
          <dt className="muted">{m.tracker.number}</dt>
          <dd data-testid="application-number">
            <strong>{applicationNumberOf(id as Hex)}</strong>
            <br />
            <span className="muted">{m.tracker.numberHint}</span>
          </dd>
        </div>
        <div>
          <dt className="muted">{m.application.matter}</dt>
          <dd>
            {view.matter ? <Link href={`/matters/${encodeURIComponent(view.matter.code)}`}>{matterName}</Link> : null}
          </dd>
        </div>
        <div>
          <dt className="muted">{m.application.applicant}</dt>
          <dd className="mono">{view.applicant}</dd>
        </div>
        <div>
          <dt className="muted">{m.application.status}</dt>
          <dd data-testid="status" data-status={view.status}>
            {m.status[String(view.status) as keyof typeof m.status]}
          </dd>
        </div>
      </dl>
      {view.status === ApplicationStatus.Returned ? (
        <p role="status" className="banner warn" data-testid="returned">
          {format(m.application.returnedReason, {
            reason: m.reasons[String(view.returnReason ?? 0)] ?? String(view.returnReason),
          })}
        </p>
      ) : null}
      {view.status === ApplicationStatus.Returned ? (
        <Resubmit applicationId={view.applicationId} applicant={view.applicant} />
      ) : null}
      <h2>{m.application.steps}</h2>
      <StepGraph steps={graph} title={format(m.application.graphLabel, { n: view.steps.length })} />
      <div className="table-wrap">
        <table data-testid="steps">
          <tbody>
            {view.steps.map((s) => (
              <tr key={s.index} data-state={s.state}>
                <td>{s.index + 1}</td>
                <td>{name(s.departmentId)}</td>
                <td>{s.overdue ? m.application.overdue : m.stepState[s.state]}</td>
                <td>
                  {s.deadline > 0 && s.state === "active"
                    ? format(m.application.deadline, {
                        date: new Date(s.deadline * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", {
                          timeZone: "Asia/Shanghai",
                        }),
                      })
                    : ""}
                </td>
                <td>{s.daysLeft !== undefined ? format(m.application.daysLeft, { n: s.daysLeft }) : ""}</td>
                <td>
                  {s.threshold > 1 ? format(m.application.votes, { votes: s.votes, threshold: s.threshold }) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="output">{m.application.output}</h2>
      {view.outputLicenceId && view.status === ApplicationStatus.Completed ? (
        <>
          <p className="mono" data-testid="output-licence">
            {view.outputLicenceId}
          </p>
          <DownloadLicence licenceId={view.outputLicenceId} applicant={view.applicant} />
        </>
      ) : (
        <p className="muted">{m.application.noOutput}</p>
      )}
      <h2>{m.notify.onApplication}</h2>
      <NotificationList items={notifications} here={`/applications/${id}`} />
      <details>
        <summary className="muted">{m.tracker.fullId}</summary>
        <p className="mono" data-testid="application-id">
          {id}
        </p>
      </details>
    </>
  );
}

/** What the chain status implies was pushed: the indexer's list, or the chain's when the indexer lags. */
const EXPECTED: Partial<Record<number, NotificationView["kind"]>> = { 2: "returned", 3: "completed", 4: "rejected" };

async function applicationNotifications(applicationId: Hex, applicant: string, status: number) {
  const mine = <T extends { applicationId: string }>(list: T[]) =>
    list.filter((n) => n.applicationId.toLowerCase() === applicationId.toLowerCase());
  let list = mine((await getNotifications(applicant as Hex)).notifications);
  const expected = EXPECTED[status];
  // A finished application asks for no resubmission: an open return means the indexer lags behind its end.
  const finished = status !== ApplicationStatus.Active && status !== ApplicationStatus.Returned;
  const openReturn = list.some((n) => n.kind === "returned" && !n.resolved && !n.ended);
  if ((expected && !list.some((n) => n.kind === expected)) || (finished && openReturn))
    list = mine((await getNotifications(applicant as Hex, "chain")).notifications);
  return withNames(list);
}
