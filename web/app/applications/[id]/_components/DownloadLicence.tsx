"use client";
import { useState } from "react";
import type { Hex } from "viem";
import { useAccount, useSignMessage } from "wagmi";

import { humanError } from "@/lib/errors.ts";
import { ExchangeError, myLicenceFile, signIn } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";

/** The holder downloads the output licence file from the exchange (signed in with SIWE). */
export function DownloadLicence({ licenceId, applicant }: { licenceId: Hex; applicant: string }) {
  const { m, lang } = useMessages();
  const { deployment, rpcUrl, exchangeDomain } = usePlatform();
  const { address } = useAccount();
  const { signMessageAsync } = useSignMessage();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!address || address.toLowerCase() !== applicant.toLowerCase())
    return <p className="muted">{m.application.onlyApplicant}</p>;
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const token = await signIn({
        address,
        chainId: deployment!.chainId,
        domain: exchangeDomain,
        signMessage: (message) => signMessageAsync({ message }),
      });
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
      setError(e instanceof ExchangeError ? e.text(lang) : humanError(e, lang, m, rpcUrl));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run()} data-testid="download">
        {m.application.download}
      </button>
      {error ? (
        <p role="alert" className="banner error" data-testid="download-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
