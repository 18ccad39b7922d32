"use client";
/** The connected officer's queue (GET /api/queue), refreshed every 5 s; shared by the workbench and the review page. */
import { useQuery } from "@tanstack/react-query";

import type { QueueResponse } from "@/lib/api.ts";

export type QueueErrorBody = { error: { zh: string; en: string } };

async function fetchQueue(account: string): Promise<QueueResponse | QueueErrorBody> {
  const response = await fetch(`/api/queue?account=${account}`, { cache: "no-store" });
  return (await response.json()) as QueueResponse | QueueErrorBody;
}

export function useQueue(address: string | undefined) {
  return useQuery({
    queryKey: ["queue", address],
    queryFn: () => fetchQueue(address!),
    enabled: Boolean(address),
    refetchInterval: 5000,
  });
}
