"use client";
/**
 * The holder's licences: every licence file the exchange holds for the connected account (SIWE
 * session), each checked on chain now (`checkLicenceDocument`: the three-part verdict with names).
 */
import { createOneWindowClient, parseLicenceFile, type LicenceFile } from "@onewindow/sdk";
import { useCallback, useEffect, useState } from "react";
import { useAccount } from "wagmi";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { cachedSession, myLicenceFile, myLicences, type LicenceSummary } from "@/lib/exchange.ts";
import { checkLicenceDocument, type CheckedLicence } from "@/lib/licence-check.ts";
import { usePlatform } from "@/lib/platform-context.tsx";

export type HeldLicence = { summary: LicenceSummary; file: LicenceFile; checked: CheckedLicence };

export type UseMyLicencesReturnType = {
  busy: boolean;
  error: string | undefined;
  /** undefined until loaded. */
  licences: HeldLicence[] | undefined;
  /** Signs in if needed (one wallet signature), then reads and checks every licence. */
  load: () => Promise<void>;
};

export function useMyLicences(): UseMyLicencesReturnType {
  const { rpcUrl, deployment } = usePlatform();
  const { address } = useAccount();
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [licences, setLicences] = useState<HeldLicence[] | undefined>();

  const load = useCallback(async () => {
    setBusy(true);
    setError(undefined);
    try {
      const token = await session();
      const client = createOneWindowClient({ rpcUrl, deployment: deployment! });
      const { licences: held } = await myLicences(token);
      const newestFirst = [...held].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
      setLicences(
        await Promise.all(
          newestFirst.map(async (summary) => {
            const file = parseLicenceFile(await myLicenceFile(token, summary.licenceId));
            return { summary, file, checked: await checkLicenceDocument(client, { file }) };
          }),
        ),
      );
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  }, [session, rpcUrl, deployment, explain]);

  // Signed in already in this tab (e.g. back from another page): show them at once (once per account).
  useEffect(() => {
    setLicences(undefined);
    if (address && cachedSession(address) && deployment) void load();
  }, [address, deployment]);

  return { busy, error, licences, load };
}
