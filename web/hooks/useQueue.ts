"use client";
/** The connected officer's queue (GET /api/queue), refreshed every 5 s; shared by the workbench and the review page. */
import { useQuery } from "@tanstack/react-query";

import type { ApiErrorBody, QueueResponse } from "@/lib/api.ts";

async function fetchQueue(account: string): Promise<QueueResponse | ApiErrorBody> {
  const response = await fetch(`/api/queue?account=${account}`, { cache: "no-store" });
  return (await response.json()) as QueueResponse | ApiErrorBody;
}

export function useQueue(address: string | undefined) {
  return useQuery({
    queryKey: ["queue", address],
    queryFn: () => fetchQueue(address!),
    enabled: Boolean(address),
    refetchInterval: 5000,
  });
}
