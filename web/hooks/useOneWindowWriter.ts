"use client";
/** The SDK's client for the running deployment, signing with the connected wallet (wagmi). */
import { createOneWindowClient, type OneWindowClient } from "@onewindow/sdk";
import { useCallback } from "react";
import type { Account, Chain, Transport, WalletClient } from "viem";
import { useConfig } from "wagmi";
import { getWalletClient } from "wagmi/actions";

import { usePlatform } from "@/lib/platform-context.tsx";

export function useOneWindowWriter(): () => Promise<OneWindowClient> {
  const config = useConfig();
  const { deployment, rpcUrl } = usePlatform();
  return useCallback(async () => {
    if (!deployment) throw new Error("no deployment");
    const wallet = (await getWalletClient(config, { chainId: deployment.chainId })) as unknown as WalletClient<
      Transport,
      Chain,
      Account
    >;
    return { ...createOneWindowClient({ rpcUrl, deployment }), wallet };
  }, [config, deployment, rpcUrl]);
}
