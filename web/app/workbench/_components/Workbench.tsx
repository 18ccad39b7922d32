"use client";
import { createOneWindowClient, getApplication, parseLicenceFile, serializeLicenceFile } from "@onewindow/sdk";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import type { QueueItem } from "../../api/queue/route.ts";
import { humanError } from "../../../lib/errors.ts";
import { useExchangeSession } from "../../../hooks/useExchangeSession.ts";
import { deposit, ExchangeError } from "../../../lib/exchange.ts";
import { useMessages, usePlatform } from "../../../lib/platform-context.tsx";
import { format } from "../../../messages/index.ts";
import { Decision, OUTPUT_PREFIX } from "./Decision.tsx";
import { useQueue } from "./useQueue.ts";

export function Workbench() {
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
              name: lang === "en" ? data.department.nameEn : data.department.name,
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
            {data.items.map((item) => (
              <QueueRow
                key={`${item.applicationId}-${item.step}`}
                item={item}
                threshold={data.department.threshold}
                departmentId={data.department.id}
              />
            ))}
          </ol>
          <PendingDeposits />
        </>
      ) : null}
    </>
  );
}

/** Output licences this browser built (first approving vote), deposited in the exchange once the application completed. */
function PendingDeposits() {
  const { m, lang } = useMessages();
  const { deployment, rpcUrl } = usePlatform();
  const session = useExchangeSession();
  const [pending, setPending] = useState<{ applicationId: Hex; file: string; completed: boolean }[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!deployment) return;
    const reader = createOneWindowClient({ rpcUrl, deployment });
    const keys = Object.keys(localStorage).filter((k) => k.startsWith(OUTPUT_PREFIX));
    void Promise.all(
      keys.map(async (key) => {
        const applicationId = key.slice(OUTPUT_PREFIX.length) as Hex;
        const status = await getApplication(reader, { applicationId })
          .then((a) => a.status)
          .catch(() => 0);
        return { applicationId, file: localStorage.getItem(key) ?? "", completed: status === 3 };
      }),
    ).then(setPending);
  }, [deployment, rpcUrl, message]);
  if (pending.length === 0 && !message) return null;
  const run = async (applicationId: Hex, file: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      const token = await session();
      const { licenceId } = await deposit(token, JSON.parse(serializeLicenceFile(parseLicenceFile(JSON.parse(file)))));
      localStorage.removeItem(`${OUTPUT_PREFIX}${applicationId}`);
      setMessage({ ok: true, text: format(m.workbench.deposited, { id: licenceId }) });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ExchangeError ? e.text(lang) : humanError(e, lang, m, rpcUrl) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h2>{m.workbench.pendingDeposits}</h2>
      <ul data-testid="pending-deposits">
        {pending.map((p) => (
          <li key={p.applicationId} className="row">
            <Link href={`/applications/${p.applicationId}`} className="mono">
              {p.applicationId.slice(0, 18)}…
            </Link>
            {p.completed ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void run(p.applicationId, p.file)}
                data-testid="deposit"
              >
                {m.workbench.deposit}
              </button>
            ) : (
              <span className="muted">{m.workbench.waitingCompletion}</span>
            )}
          </li>
        ))}
      </ul>
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={`banner ${message.ok ? "ok" : "error"}`}
          data-testid="deposit-result"
        >
          {message.text}
        </p>
      ) : null}
    </>
  );
}

function QueueRow({ item, threshold, departmentId }: { item: QueueItem; threshold: number; departmentId: number }) {
  const { m, lang } = useMessages();
  return (
    <li
      className="card"
      data-testid="queue-item"
      data-application={item.applicationId}
      data-step={item.step}
      data-overdue={item.overdue}
    >
      <div className="row">
        <strong>{lang === "en" ? item.matterNameEn : item.matterName}</strong>
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
        · <Link href={`/applications/${item.applicationId}`}>{m.workbench.open}</Link>{" "}
        <span className="mono">{item.applicationId.slice(0, 18)}…</span>
      </div>
      <Decision item={item} threshold={threshold} departmentId={departmentId} />
    </li>
  );
}
