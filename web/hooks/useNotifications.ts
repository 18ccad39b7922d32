"use client";
/** The connected applicant's notifications (GET /api/notifications), refreshed while the page is open. */
import { useQuery } from "@tanstack/react-query";

import type { ApiErrorBody, NotificationsResponse } from "@/lib/api.ts";

const REFRESH_MS = 15_000;

export class NotificationsError extends Error {
  constructor(readonly messages: { zh: string; en: string }) {
    super(messages.en);
  }
}

export function useNotifications(address: string | undefined, application?: string) {
  return useQuery({
    queryKey: ["notifications", address?.toLowerCase(), application],
    enabled: address !== undefined,
    refetchInterval: REFRESH_MS,
    queryFn: async (): Promise<NotificationsResponse> => {
      const query = new URLSearchParams({ address: address! });
      if (application) query.set("application", application);
      const response = await fetch(`/api/notifications?${query}`, { cache: "no-store" });
      const body = (await response.json().catch(() => ({}))) as NotificationsResponse & Partial<ApiErrorBody>;
      if (!response.ok || body.error)
        throw new NotificationsError(
          body.error ?? { zh: `服务返回 ${response.status}。`, en: `The server answered ${response.status}.` },
        );
      return body;
    },
  });
}
