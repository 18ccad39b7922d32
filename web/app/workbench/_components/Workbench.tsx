"use client";
import {
  buildLicence,
  createOneWindowClient,
  decide,
  getApplication,
  Outcome,
  parseLicenceFile,
  serializeLicenceFile,
} from "@onewindow/sdk";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useAccount, useSignMessage } from "wagmi";

import type { QueueItem, QueueResponse } from "../../api/queue/route.ts";
import { useOneWindowWriter } from "../../../hooks/useOneWindowWriter.ts";
import { humanError } from "../../../lib/errors.ts";
import { deposit, ExchangeError, signIn } from "../../../lib/exchange.ts";
import { useMessages, usePlatform } from "../../../lib/platform-context.tsx";
import { format } from "../../../messages/index.ts";

type ErrorBody = { error: { zh: string; en: string } };

async function fetchQueue(account: string): Promise<QueueResponse | ErrorBody> {
  const response = await fetch(`/api/queue?account=${account}`, { cache: "no-store" });
  return (await response.json()) as QueueResponse | ErrorBody;
}

export function Workbench() {
  const { m, lang } = useMessages();
  const { address, isConnected } = useAccount();
  const queue = useQuery({
    queryKey: ["queue", address],
    queryFn: () => fetchQueue(address!),
    enabled: Boolean(address),
    refetchInterval: 5000,
  });
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

const OUTPUT_PREFIX = "ow-output:";

/** Output licences this browser built (first approving vote), deposited in the exchange once the application completed. */
function PendingDeposits() {
  const { m, lang } = useMessages();
  const { deployment, rpcUrl, exchangeDomain } = usePlatform();
  const { address } = useAccount();
  const { signMessageAsync } = useSignMessage();
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
      const token = await signIn({
        address: address!,
        chainId: deployment!.chainId,
        domain: exchangeDomain,
        signMessage: (text) => signMessageAsync({ message: text }),
      });
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
  const { rpcUrl, deployment } = usePlatform();
  const [fields, setFields] = useState<Record<string, string>>({});
  const buildsOutput = item.output !== undefined && item.votes === 0;
  const writer = useOneWindowWriter();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();
  const act = async (outcome: Outcome) => {
    setResult(undefined);
    setBusy(true);
    try {
      const client = await writer();
      // The first approving vote on the output step names the output licence, built here for the applicant.
      const output =
        outcome === Outcome.Approve && buildsOutput && item.output && deployment
          ? buildLicence({
              typeId: item.output.typeId,
              typeVersion: item.output.typeVersion,
              fieldNames: item.output.fieldNames,
              fields: Object.fromEntries(
                item.output.fieldNames.filter((f) => f !== "holder").map((f) => [f, fields[f] ?? ""]),
              ),
              holder: item.applicant as Hex,
              issuerDepartment: departmentId,
              chainId: deployment.chainId,
              registry: deployment.contracts.LicenceRegistry.address,
            })
          : undefined;
      const written = await decide(client, {
        applicationId: item.applicationId as Hex,
        step: item.step,
        outcome,
        ...(outcome === Outcome.Approve ? {} : { reason: Number(reason) }),
        ...(output
          ? { outputLicenceId: output.licenceId }
          : outcome === Outcome.Approve && item.outputLicenceId
            ? { outputLicenceId: item.outputLicenceId as Hex }
            : {}),
      });
      if (output) localStorage.setItem(`${OUTPUT_PREFIX}${item.applicationId}`, serializeLicenceFile(output.file));
      const label =
        outcome === Outcome.Approve
          ? m.workbench.approve
          : outcome === Outcome.Reject
            ? m.workbench.reject
            : m.workbench.return;
      setResult({
        ok: true,
        text: written.decided
          ? format(m.workbench.done, { outcome: label })
          : format(m.workbench.voted, { votes: item.votes + 1, threshold }),
      });
      await queryClient.invalidateQueries({ queryKey: ["queue"] });
    } catch (error) {
      setResult({ ok: false, text: humanError(error, lang, m, rpcUrl) });
    } finally {
      setBusy(false);
    }
  };
  const reasonId = `reason-${item.applicationId.slice(2, 10)}-${item.step}`;
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
        · <Link href={`/applications/${item.applicationId}`}>{m.workbench.open}</Link>{" "}
        <span className="mono">{item.applicationId.slice(0, 18)}…</span>
      </div>
      {buildsOutput && item.output ? (
        <fieldset style={{ marginTop: "0.5rem" }}>
          <legend>{m.workbench.outputFields}</legend>
          {item.output.fieldNames
            .filter((f) => f !== "holder")
            .map((f) => (
              <label key={f} style={{ display: "flex", marginBottom: "0.3rem" }}>
                <span style={{ minWidth: "12rem" }}>{f}</span>
                <input
                  value={fields[f] ?? ""}
                  onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
                  data-testid={`output-${f}`}
                />
              </label>
            ))}
        </fieldset>
      ) : null}
      <div className="row" style={{ marginTop: "0.5rem" }}>
        <button
          type="button"
          disabled={busy || item.voted}
          onClick={() => void act(Outcome.Approve)}
          data-testid="approve"
        >
          {m.workbench.approve}
        </button>
        <label htmlFor={reasonId}>{m.workbench.reason}</label>
        <select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reason">
          <option value="">{m.workbench.chooseReason}</option>
          {["1", "2", "3", "4"].map((r) => (
            <option key={r} value={r}>
              {m.reasons[r]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="danger"
          disabled={busy || reason === "" || item.voted}
          onClick={() => void act(Outcome.Reject)}
          data-testid="reject"
        >
          {m.workbench.reject}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || reason === "" || item.voted}
          onClick={() => void act(Outcome.Return)}
          data-testid="return"
        >
          {m.workbench.return}
        </button>
      </div>
      {busy ? <p role="status">{m.workbench.signing}</p> : null}
      {item.voted && !result ? (
        <p className="muted">{format(m.workbench.voted, { votes: item.votes, threshold })}</p>
      ) : null}
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={`banner ${result.ok ? "ok" : "error"}`}
          data-testid="decision-result"
        >
          {result.text}
        </p>
      ) : null}
    </li>
  );
}
