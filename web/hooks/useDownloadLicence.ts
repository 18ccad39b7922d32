"use client";
/** The holder downloads a licence file of theirs from the exchange (SIWE session), saved as licence-<id>.json. */
import { useState } from "react";
import type { Hex } from "viem";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { myLicenceFile } from "@/lib/exchange.ts";

export type UseDownloadLicenceReturnType = {
  busy: boolean;
  error: string | undefined;
  download: () => Promise<void>;
};

export function useDownloadLicence(licenceId: Hex): UseDownloadLicenceReturnType {
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const token = await session();
      const file = await myLicenceFile(token, licenceId);
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `licence-${licenceId}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, download };
}
