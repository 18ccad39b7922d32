"use client";
/** The holder downloads a licence as a W3C VC or SD-JWT VC, signed by the issuing department at the exchange. */
import type { CredentialFormat } from "@onewindow/sdk/vc";
import { useState } from "react";
import type { Hex } from "viem";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { CREDENTIAL_FILES, exportMyCredential } from "@/lib/credentials.ts";

export type UseExportCredentialReturnType = {
  busy: CredentialFormat | undefined;
  error: string | undefined;
  /** The file name last downloaded. */
  saved: string | undefined;
  download: (format: CredentialFormat) => Promise<void>;
};

export function useExportCredential(licenceId: Hex): UseExportCredentialReturnType {
  const { token } = useExchangeSession();
  const explain = useErrorText();
  const [busy, setBusy] = useState<CredentialFormat | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  const download = async (format: CredentialFormat) => {
    setBusy(format);
    setError(undefined);
    setSaved(undefined);
    try {
      const text = await exportMyCredential(await token(), licenceId, format);
      const { suffix, type } = CREDENTIAL_FILES[format];
      const name = `licence-${licenceId.slice(2, 10)}.${suffix}`;
      const url = URL.createObjectURL(new Blob([text], { type }));
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      setSaved(name);
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, error, saved, download };
}
