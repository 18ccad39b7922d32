"use client";
/**
 * The public verifier's check of an exported credential (W3C VC `vc+jwt` or SD-JWT VC): signature,
 * issuer and status on chain, expiry, and the fields disclosed (`verifyExportedCredential`).
 */
import { createOneWindowClient } from "@onewindow/sdk";
import { CredentialFormatError, verifyExportedCredential, type CredentialVerdict } from "@onewindow/sdk/vc";
import { useCallback, useState } from "react";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

export type UseVerifyCredentialReturnType = {
  busy: boolean;
  error: string | undefined;
  verdict: CredentialVerdict | undefined;
  check: (text: string) => Promise<void>;
  clear: () => void;
};

export function useVerifyCredential(): UseVerifyCredentialReturnType {
  const { m, lang } = useMessages();
  const { rpcUrl, deployment } = usePlatform();
  const explain = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [verdict, setVerdict] = useState<CredentialVerdict | undefined>();

  const check = useCallback(
    async (text: string) => {
      setBusy(true);
      setError(undefined);
      setVerdict(undefined);
      try {
        const client = createOneWindowClient({ rpcUrl, deployment: deployment! });
        setVerdict(await verifyExportedCredential(client, text));
      } catch (e) {
        setError(
          e instanceof CredentialFormatError
            ? format(m.credentials.verify.bad, { reason: e.messages[lang] })
            : explain(e),
        );
      } finally {
        setBusy(false);
      }
    },
    [rpcUrl, deployment, explain, m, lang],
  );
  const clear = useCallback(() => {
    setError(undefined);
    setVerdict(undefined);
  }, []);
  return { busy, error, verdict, check, clear };
}
