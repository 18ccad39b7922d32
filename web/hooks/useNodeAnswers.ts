"use client";
/** Whether the chain node answers, asked from the browser (as the wallet and the SDK will), every 15 s. */
import { useQuery } from "@tanstack/react-query";

import { usePlatform } from "@/lib/platform-context.tsx";

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

/** True or false once asked (undefined before the first answer). */
export function useNodeAnswers(): boolean | undefined {
  const { rpcUrl } = usePlatform();
  const node = useQuery({
    queryKey: ["node", rpcUrl],
    queryFn: () => nodeAnswers(rpcUrl),
    refetchInterval: 15_000,
  });
  return node.data;
}
