"use client";
/** The connected wallet's exchange session: a SIWE sign-in on first use (one wallet signature), then the cached token. */
import { useCallback } from "react";
import { useAccount, useSignMessage } from "wagmi";

import { signIn } from "@/lib/exchange.ts";
import { usePlatform } from "@/lib/platform-context.tsx";

export function useExchangeSession(): () => Promise<string> {
  const { deployment, exchangeDomain } = usePlatform();
  const { address } = useAccount();
  const { signMessageAsync } = useSignMessage();
  return useCallback(async () => {
    if (!address || !deployment) throw new Error("connect the wallet first");
    return signIn({
      address,
      chainId: deployment.chainId,
      domain: exchangeDomain,
      signMessage: (text) => signMessageAsync({ message: text }),
    });
  }, [address, deployment, exchangeDomain, signMessageAsync]);
}
