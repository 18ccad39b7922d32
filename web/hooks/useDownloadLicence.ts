"use client";
/**
 * The holder downloads a licence file of theirs from the exchange (SIWE session), saved as
 * licence-<id>.json. A licence the exchange does not hold is never offered as ready: once the
 * exchange answers that it has no such file (checked at once when the tab is signed in already,
 * else on the first click), `missing` says what is missing and which department must act (the
 * licence's issuer, read from the chain).
 */
import { createOneWindowClient, getDepartment, getLicence } from "@onewindow/sdk";
import { useCallback, useEffect, useState } from "react";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { cachedSession, ExchangeError, myLicenceFile } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

export type UseDownloadLicenceReturnType = {
  busy: boolean;
  error: string | undefined;
  /** Set once the exchange said it holds no file of this licence: what is missing and who must act. */
  missing: string | undefined;
  download: () => Promise<void>;
};

export function useDownloadLicence(licenceId: Hex): UseDownloadLicenceReturnType {
  const { m } = useMessages();
  const { rpcUrl, deployment } = usePlatform();
  const { address } = useAccount();
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const [error, setError] = useState<string | undefined>();
  const [missing, setMissing] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  /** The file, or undefined (and `missing` set) when the exchange holds none. */
  const fetchFile = useCallback(
    async (token: string) => {
      try {
        return await myLicenceFile(token, licenceId);
      } catch (e) {
        if (!(e instanceof ExchangeError) || e.code !== "NOT_FOUND") throw e;
        const client = createOneWindowClient({ rpcUrl, deployment: deployment! });
        const record = await getLicence(client, { licenceId }).catch(() => undefined);
        const department = record
          ? await getDepartment(client, { departmentId: record.issuerDepartment }).catch(() => undefined)
          : undefined;
        setMissing(
          format(m.holder.output.notHeld, {
            department: department?.name ?? m.holder.verdict.record.issuerDepartment!,
          }),
        );
        return undefined;
      }
    },
    [licenceId, rpcUrl, deployment, m],
  );

  // Signed in already in this tab: find out at once whether the exchange holds the file.
  useEffect(() => {
    const token = address ? cachedSession(address) : undefined;
    if (token && deployment) void fetchFile(token).catch(() => undefined);
  }, [address, deployment, fetchFile]);

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const file = await fetchFile(await session());
      if (file === undefined) return;
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
  return { busy, error, missing, download };
}
