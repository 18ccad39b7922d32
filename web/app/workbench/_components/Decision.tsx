"use client";
/**
 * An officer's decision on one active step: approve (the first approving vote on an output step
 * builds the output licence for the applicant and stores its file in the data exchange before the
 * vote names its id), reject with a reason, or return for correction; m-of-n votes are counted on
 * chain. Used by the queue rows and the review page.
 */
import { buildLicence, decide, Outcome, serializeLicenceFile } from "@onewindow/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Hex } from "viem";

import type { QueueItem } from "@/lib/api.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { humanError } from "@/lib/errors.ts";
import { ExchangeError, holdOutputLicence } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { ResultBanner, type ActionResult } from "@/components/ResultBanner.tsx";

export function Decision({
  item,
  threshold,
  departmentId,
  closed = false,
  suggested,
}: {
  item: QueueItem;
  threshold: number;
  departmentId: number;
  /** The step left the queue (decided): keep the last result on screen, with the buttons off. */
  closed?: boolean;
  /** Values for the output licence's empty fields of the same name (the review's proven disclosed fields). */
  suggested?: Record<string, string> | undefined;
}) {
  const { m, lang } = useMessages();
  const { rpcUrl, deployment } = usePlatform();
  const [fields, setFields] = useState<Record<string, string>>({});
  const buildsOutput = item.output !== undefined && item.votes === 0;
  const writer = useOneWindowWriter();
  const session = useExchangeSession();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | undefined>();
  const backfill = Object.keys(suggested ?? {}).filter((f) => f !== "holder" && item.output?.fieldNames.includes(f));
  useEffect(() => {
    if (!suggested || !buildsOutput) return;
    setFields((current) => {
      const next = { ...current };
      for (const name of Object.keys(suggested))
        if (name !== "holder" && !next[name] && item.output?.fieldNames.includes(name)) next[name] = suggested[name]!;
      return next;
    });
  }, [suggested, buildsOutput, item.output]);
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
      // The file (values, salts) is stored in the department's exchange node first: the engine issues the id on
      // completion, whoever casts the last vote, and the node then serves the file to the applicant. Not stored, no vote.
      if (output) {
        try {
          await holdOutputLicence(await session(), {
            applicationId: item.applicationId as Hex,
            step: item.step,
            file: JSON.parse(serializeLicenceFile(output.file)) as unknown,
          });
        } catch (error) {
          const message = error instanceof ExchangeError ? error.text(lang) : humanError(error, lang, m, rpcUrl);
          setResult({ ok: false, text: format(m.workbench.outputNotHeld, { message }) });
          return;
        }
      }
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
    <>
      {buildsOutput && item.output ? (
        <fieldset style={{ marginTop: "0.5rem" }}>
          <legend>{m.workbench.outputFields}</legend>
          {backfill.length > 0 ? (
            <p className="muted" data-testid="backfilled">
              {format(m.review.backfilled, { fields: backfill.join(", ") })}
            </p>
          ) : null}
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
          disabled={busy || item.voted || closed}
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
          disabled={busy || reason === "" || item.voted || closed}
          onClick={() => void act(Outcome.Reject)}
          data-testid="reject"
        >
          {m.workbench.reject}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || reason === "" || item.voted || closed}
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
      <ResultBanner result={result} testId="decision-result" />
    </>
  );
}
