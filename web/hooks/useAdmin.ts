"use client";
/**
 * What the administration console (/admin) shares: a read-only SDK client for the running
 * deployment, the connected account's platform roles and abilities (read from the AccessManager),
 * and one way to run a signed action with its outcome in words.
 */
import { createOneWindowClient, getAdminAbilities, type AdminActionId, type OneWindowClient } from "@onewindow/sdk";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useAccount } from "wagmi";

import type { ActionResult } from "@/components/ResultBanner.tsx";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { usePlatform } from "@/lib/platform-context.tsx";

/** A read-only client (no wallet) for the running deployment; undefined before the deployment is known. */
export function useReader(): OneWindowClient | undefined {
  const { deployment, rpcUrl } = usePlatform();
  return useMemo(() => (deployment ? createOneWindowClient({ rpcUrl, deployment }) : undefined), [deployment, rpcUrl]);
}

/** The connected account's roles and, for each console action, whether it may take it (and why not). */
export function useAdminAbilities() {
  const reader = useReader();
  const { address, isConnected } = useAccount();
  const account = isConnected ? address : undefined;
  const query = useQuery({
    queryKey: ["admin-abilities", account],
    enabled: reader !== undefined && account !== undefined,
    queryFn: () => getAdminAbilities(reader!, { account: account! }),
  });
  const may = useCallback(
    (id: AdminActionId) => query.data?.abilities.find((a) => a.id === id)?.may !== "no",
    [query.data],
  );
  return { account, ...query, may };
}

/** Runs a signed action: busy while it runs, its outcome (or the error) in words after. */
export function useAdminAction() {
  const writer = useOneWindowWriter();
  const explain = useErrorText();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult | undefined>();
  const run = useCallback(
    async (action: (client: OneWindowClient) => Promise<string>): Promise<boolean> => {
      setBusy(true);
      setResult(undefined);
      try {
        const text = await action(await writer());
        setResult({ ok: true, text });
        return true;
      } catch (error) {
        setResult({ ok: false, text: explain(error) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [writer, explain],
  );
  return { busy, result, setResult, run };
}
