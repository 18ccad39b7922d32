"use client";
/** Records an officer's check of a licence on chain as evidence (`recordVerification`): one transaction, no field value. */
import { recordVerification, type RecordVerificationParameters } from "@onewindow/sdk";
import { useState } from "react";

import type { ActionResult } from "@/components/ResultBanner.tsx";
import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { humanError } from "@/lib/errors.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

export type UseRecordVerificationReturnType = {
  busy: boolean;
  /** The recording's outcome in words (undefined before one ends). */
  outcome: ActionResult | undefined;
  record: () => Promise<void>;
};

export function useRecordVerification(check: RecordVerificationParameters): UseRecordVerificationReturnType {
  const { m, lang } = useMessages();
  const { rpcUrl } = usePlatform();
  const writer = useOneWindowWriter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionResult | undefined>();
  const record = async () => {
    setOutcome(undefined);
    setBusy(true);
    try {
      const { hash } = await recordVerification(await writer(), check);
      setOutcome({ ok: true, text: format(m.review.recorded, { hash }) });
    } catch (e) {
      setOutcome({ ok: false, text: humanError(e, lang, m, rpcUrl) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, record };
}
