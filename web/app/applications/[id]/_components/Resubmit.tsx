"use client";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import { ResultBanner } from "@/components/ResultBanner.tsx";
import { useResubmit } from "@/hooks/useResubmit.ts";
import { useMessages } from "@/lib/platform-context.tsx";

/** The applicant resubmits a returned application (after correcting what the department asked for). */
export function Resubmit({ applicationId, applicant }: { applicationId: Hex; applicant: string }) {
  const { m } = useMessages();
  const { address } = useAccount();
  const { busy, result, resubmit } = useResubmit(applicationId);
  const isApplicant = address !== undefined && address.toLowerCase() === applicant.toLowerCase();
  return (
    <div>
      {isApplicant ? (
        <button type="button" disabled={busy} onClick={() => void resubmit()} data-testid="resubmit">
          {m.application.resubmit}
        </button>
      ) : (
        <p className="muted">{m.application.onlyApplicant}</p>
      )}
      {busy ? <p role="status">{m.workbench.signing}</p> : null}
      <ResultBanner result={result} testId="resubmit-result" />
    </div>
  );
}
