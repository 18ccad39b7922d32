"use client";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import { useDownloadLicence } from "@/hooks/useDownloadLicence.ts";
import { useMessages } from "@/lib/platform-context.tsx";

/**
 * The holder downloads the output licence file from the exchange (signed in with SIWE); when the
 * exchange holds no file of it, no download is offered: what is missing and who must act instead.
 */
export function DownloadLicence({ licenceId, applicant }: { licenceId: Hex; applicant: string }) {
  const { m } = useMessages();
  const { address } = useAccount();
  const { busy, error, missing, download } = useDownloadLicence(licenceId);
  if (!address || address.toLowerCase() !== applicant.toLowerCase())
    return (
      <p className="muted" data-testid="download-only-applicant">
        {m.application.onlyApplicantDownload}
      </p>
    );
  if (missing)
    return (
      <p role="alert" className="banner warn" data-testid="download-missing">
        {missing}
      </p>
    );
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void download()} data-testid="download">
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
