"use client";
import { resubmit } from "@onewindow/sdk";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { humanError } from "@/lib/errors.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { ResultBanner, type ActionResult } from "@/components/ResultBanner.tsx";

/** The applicant resubmits a returned application (after correcting what the department asked for). */
export function Resubmit({ applicationId, applicant }: { applicationId: Hex; applicant: string }) {
  const { m, lang } = useMessages();
  const { rpcUrl } = usePlatform();
  const { address } = useAccount();
  const writer = useOneWindowWriter();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | undefined>();
  const isApplicant = address !== undefined && address.toLowerCase() === applicant.toLowerCase();
  const run = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      await resubmit(await writer(), { applicationId });
      setResult({ ok: true, text: m.application.resubmitted });
      router.refresh();
    } catch (error) {
      setResult({ ok: false, text: humanError(error, lang, m, rpcUrl) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      {isApplicant ? (
        <button type="button" disabled={busy} onClick={() => void run()} data-testid="resubmit">
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
