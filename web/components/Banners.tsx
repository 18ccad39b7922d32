"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccount, useSwitchChain } from "wagmi";

import { format } from "@/messages/index.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";

/** Whether the node answers, asked from the browser (as the wallet and the SDK will). */
async function nodeAnswers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { result?: string };
    return typeof body.result === "string";
  } catch {
    return false;
  }
}

/** Wrong network and unreachable node, as human messages with what to do. */
export function Banners() {
  const { m } = useMessages();
  const { deployment, rpcUrl } = usePlatform();
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending } = useSwitchChain();
  const node = useQuery({
    queryKey: ["node", rpcUrl],
    queryFn: () => nodeAnswers(rpcUrl),
    refetchInterval: 15_000,
  });
  const expected = deployment?.chainId;
  return (
    <div className="banners">
      {node.data === false || deployment === undefined ? (
        <p role="alert" className="banner error" data-testid="node-unreachable">
          {format(m.errors.nodeUnreachable, { url: rpcUrl })}
        </p>
      ) : null}
      {isConnected && expected !== undefined && chainId !== expected ? (
        <p role="alert" className="banner warn" data-testid="wrong-network">
          {format(m.errors.wrongNetwork, { actual: chainId ?? "?", expected })}{" "}
          <button type="button" disabled={isPending} onClick={() => switchChain({ chainId: expected })}>
            {m.wallet.switchNetwork}
          </button>
        </p>
      ) : null}
    </div>
  );
}
