"use client";
import { applicationNumberOf } from "@onewindow/sdk";
import Link from "next/link";
import { useAccount } from "wagmi";

import type { QueueItem } from "@/lib/api.ts";
import { useQueue } from "@/hooks/useQueue.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { localName } from "@/lib/i18n.ts";
import { Decision } from "./Decision.tsx";

/** `match`: the application a search by 受理号 found (its steps in the queue come first). */
export function Workbench({ match }: { match?: string | undefined } = {}) {
  const { m, lang } = useMessages();
  const { address, isConnected } = useAccount();
  const queue = useQueue(address);
  if (!isConnected || !address)
    return (
      <>
        <h1>{m.workbench.title}</h1>
        <p className="banner warn" data-testid="connect-first">
          {m.workbench.connectFirst}
        </p>
      </>
    );
  const data = queue.data;
  return (
    <>
      <h1>{m.workbench.title}</h1>
      {queue.isPending ? <p>{m.common.loading}</p> : null}
      {data && "error" in data ? (
        <p role="alert" className="banner error">
          {data.error[lang]}
        </p>
      ) : null}
      {data && "officer" in data && !data.officer ? (
        <p className="banner warn" data-testid="not-officer">
          {format(m.workbench.notOfficer, { address })}
        </p>
      ) : null}
      {data && "officer" in data && data.officer ? (
        <>
          <p data-testid="department">
            {format(m.workbench.department, {
              name: localName(data.department, lang),
              threshold: `${data.department.threshold}/${data.department.officers}`,
            })}
          </p>
          <div className="row">
            <h2>{m.workbench.queue}</h2>
            <button type="button" className="secondary" onClick={() => void queue.refetch()}>
              {m.workbench.refresh}
            </button>
          </div>
          {data.items.length === 0 ? <p data-testid="queue-empty">{m.workbench.empty}</p> : null}
          <ol className="queue" data-testid="queue">
            {[...data.items]
              .sort((a, b) => Number(b.applicationId === match) - Number(a.applicationId === match))
              .map((item) => (
                <QueueRow
                  match={item.applicationId === match}
                  key={`${item.applicationId}-${item.step}`}
                  item={item}
                  threshold={data.department.threshold}
                  departmentId={data.department.id}
                />
              ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

function QueueRow({
  item,
  threshold,
  departmentId,
  match,
}: {
  item: QueueItem;
  threshold: number;
  departmentId: number;
  match: boolean;
}) {
  const { m, lang } = useMessages();
  return (
    <li
      className="card"
      data-testid="queue-item"
      data-application={item.applicationId}
      data-step={item.step}
      data-overdue={item.overdue}
      data-match={match}
      style={match ? { borderLeft: "4px solid var(--ok)" } : undefined}
    >
      <div className="row">
        <strong>{localName({ name: item.matterName, nameEn: item.matterNameEn }, lang)}</strong>
        <span className="tag" data-testid="queue-number">
          {format(m.tracker.numberIs, { number: applicationNumberOf(item.applicationId as `0x${string}`) })}
        </span>
        <span className="tag">{format(m.workbench.step, { n: item.step + 1 })}</span>
        {item.overdue ? (
          <span className="tag" style={{ color: "#b42318", borderColor: "#b42318" }}>
            {m.application.overdue}
          </span>
        ) : null}
        {threshold > 1 ? (
          <span className="tag">{format(m.application.votes, { votes: item.votes, threshold })}</span>
        ) : null}
        {item.isOutput ? <span className="tag">{m.workbench.outputStep}</span> : null}
      </div>
      <div className="muted">
        {format(m.application.deadline, {
          date: new Date(item.deadline * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", {
            timeZone: "Asia/Shanghai",
          }),
        })}{" "}
        ·{" "}
        <Link href={`/workbench/${item.applicationId}/${item.step}`} data-testid="review-link">
          {m.review.open}
        </Link>{" "}
        · <Link href={`/applications/${item.applicationId}`}>{m.workbench.open}</Link>
      </div>
      <Decision item={item} threshold={threshold} departmentId={departmentId} />
    </li>
  );
}
