"use client";
/** The applicant resubmits a returned application on chain; the page is refreshed after. */
import { resubmit } from "@onewindow/sdk";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Hex } from "viem";

import type { ActionResult } from "@/components/ResultBanner.tsx";
import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { humanError } from "@/lib/errors.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";

export type UseResubmitReturnType = {
  busy: boolean;
  /** The resubmission's outcome in words (undefined before one ends). */
  result: ActionResult | undefined;
  resubmit: () => Promise<void>;
};

export function useResubmit(applicationId: Hex): UseResubmitReturnType {
  const { m, lang } = useMessages();
  const { rpcUrl } = usePlatform();
  const writer = useOneWindowWriter();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | undefined>();
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
  return { busy, result, resubmit: run };
}
