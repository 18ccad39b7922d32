"use client";
/**
 * An officer's vote on one active step: approve, reject or return for correction, m-of-n counted
 * on chain. The first approving vote on an output step builds the output licence for the applicant
 * and stores its file in the department's exchange node before the vote names its id (not stored,
 * no vote); later approving votes name the same id. The queue is refreshed after a vote.
 */
import { buildLicence, decide, Outcome, serializeLicenceFile } from "@onewindow/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Hex } from "viem";

import type { ActionResult } from "@/components/ResultBanner.tsx";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import type { QueueItem } from "@/lib/api.ts";
import { humanError } from "@/lib/errors.ts";
import { holdOutputLicence } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

export type UseDecisionParameters = { item: QueueItem; threshold: number; departmentId: number };

export type DecideParameters = {
  /** Reason code (1–4) of a rejection or a return, as the select gives it. */
  reason: string;
  /** Values of the output licence's fields (the first approving vote on an output step). */
  fields: Record<string, string>;
};

export type UseDecisionReturnType = {
  /** This vote builds the output licence (the output step, no vote yet). */
  buildsOutput: boolean;
  busy: boolean;
  /** The last vote's outcome in words (undefined before one ends). */
  result: ActionResult | undefined;
  decide: (outcome: Outcome, parameters: DecideParameters) => Promise<void>;
};

export function useDecision({ item, threshold, departmentId }: UseDecisionParameters): UseDecisionReturnType {
  const { m, lang } = useMessages();
  const { rpcUrl, deployment } = usePlatform();
  const writer = useOneWindowWriter();
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | undefined>();
  const buildsOutput = item.output !== undefined && item.votes === 0;

  const act = async (outcome: Outcome, { reason, fields }: DecideParameters) => {
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
          setResult({ ok: false, text: format(m.workbench.outputNotHeld, { message: explain(error) }) });
          return;
        }
      }
      const written = await decide(client, {
        applicationId: item.applicationId as Hex,
        step: item.step,
        outcome,
        ...(outcome === Outcome.Approve ? {} : { reason: Number(reason) }),
        ...(output
          ? { outputLicence: output.file } // the first vote: the proof that the applicant holds it
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
  return { buildsOutput, busy, result, decide: act };
}
