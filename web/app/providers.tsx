"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { defineChain, type Transport } from "viem";
import { createConfig, http, WagmiProvider } from "wagmi";
import { injected } from "wagmi/connectors";

import { PlatformContext, type PlatformInfo } from "@/lib/platform-context.tsx";

/** wagmi with the injected connector only, on the OneWindow chain of the running deployment. */
function makeConfig(chainId: number, rpcUrl: string) {
  const chain = defineChain({
    id: chainId,
    name: "OneWindow",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transports: Record<number, Transport> = { [chain.id]: http(rpcUrl) };
  return createConfig({
    chains: [chain],
    connectors: [injected()],
    transports,
    multiInjectedProviderDiscovery: false,
    ssr: true,
  });
}

export function Providers({ platform, children }: { platform: PlatformInfo; children: ReactNode }) {
  const [config] = useState(() => makeConfig(platform.deployment?.chainId ?? 31337, platform.rpcUrl));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));
  return (
    <PlatformContext.Provider value={platform}>
      <WagmiProvider config={config}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </WagmiProvider>
    </PlatformContext.Provider>
  );
}
