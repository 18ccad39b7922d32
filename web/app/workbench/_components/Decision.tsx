"use client";
/**
 * An officer's decision on one active step (the flow is useDecision): the output licence's fields
 * when this vote builds it, approve, reject or return with a reason. Used by the queue rows and the
 * review page.
 */
import { Outcome } from "@onewindow/sdk";
import { useEffect, useState } from "react";

import { ResultBanner } from "@/components/ResultBanner.tsx";
import { useDecision } from "@/hooks/useDecision.ts";
import type { QueueItem } from "@/lib/api.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

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
  const { m } = useMessages();
  const { buildsOutput, busy, result, decide } = useDecision({ item, threshold, departmentId });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
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
  const act = (outcome: Outcome) => decide(outcome, { reason, fields });
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
