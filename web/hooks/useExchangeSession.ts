"use client";
/**
 * The connected wallet's exchange session: a SIWE sign-in on first use (one wallet signature), then
 * the token cached for the tab. The only place the web signs in to the exchange.
 */
import { useCallback, useState } from "react";
import { useAccount, useSignMessage } from "wagmi";

import { cachedSession, signIn } from "@/lib/exchange.ts";
import { usePlatform } from "@/lib/platform-context.tsx";

export type ExchangeSessionStatus = "signedOut" | "signingIn" | "signedIn";

export type UseExchangeSessionReturnType = {
  /** Where the connected wallet's session stands. */
  status: ExchangeSessionStatus;
  /** The session's bearer token: the cached one, or a new sign-in (throws when it fails or no wallet is connected). */
  token: () => Promise<string>;
};

export function useExchangeSession(): UseExchangeSessionReturnType {
  const { deployment, exchangeDomain } = usePlatform();
  const { address } = useAccount();
  const { signMessageAsync } = useSignMessage();
  const [signingIn, setSigningIn] = useState(false);
  const token = useCallback(async () => {
    if (!address || !deployment) throw new Error("connect the wallet first");
    const known = cachedSession(address);
    if (known) return known;
    setSigningIn(true);
    try {
      return await signIn({
        address,
        chainId: deployment.chainId,
        domain: exchangeDomain,
        signMessage: (text) => signMessageAsync({ message: text }),
      });
    } finally {
      setSigningIn(false);
    }
  }, [address, deployment, exchangeDomain, signMessageAsync]);
  const status: ExchangeSessionStatus = signingIn
    ? "signingIn"
    : address && cachedSession(address)
      ? "signedIn"
      : "signedOut";
  return { status, token };
}
