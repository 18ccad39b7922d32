"use client";
/** The connected applicant's notifications (GET /api/notifications), refreshed while the page is open. */
import { useQuery } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";

import type { NotificationsResponse } from "@/lib/api.ts";

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
      const body = (await response.json().catch(() => ({}))) as NotificationsResponse & {
        error?: { zh: string; en: string };
      };
      if (!response.ok || body.error)
        throw new NotificationsError(
          body.error ?? { zh: `服务返回 ${response.status}。`, en: `The server answered ${response.status}.` },
        );
      return body;
    },
  });
}

// Read marks live in this browser only (localStorage), per account.
const EVENT = "ow-notify-read";
const key = (address: string) => `ow-notify-read:${address.toLowerCase()}`;
const EMPTY: readonly string[] = [];
const cache = new Map<string, { raw: string | null; ids: readonly string[] }>();

function readIds(address: string | undefined): readonly string[] {
  if (!address || typeof window === "undefined") return EMPTY;
  const raw = window.localStorage.getItem(key(address));
  const known = cache.get(address);
  if (known && known.raw === raw) return known.ids;
  let ids: readonly string[] = EMPTY;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) ids = parsed.filter((x): x is string => typeof x === "string");
  } catch {
    ids = EMPTY;
  }
  cache.set(address, { raw, ids });
  return ids;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The ids the account marked as read in this browser, and a function to mark more. */
export function useReadMarks(address: string | undefined): {
  read: ReadonlySet<string>;
  markRead: (ids: readonly string[]) => void;
} {
  const ids = useSyncExternalStore(
    subscribe,
    () => readIds(address),
    () => EMPTY,
  );
  const markRead = useCallback(
    (more: readonly string[]) => {
      if (!address) return;
      const next = [...new Set([...readIds(address), ...more])];
      window.localStorage.setItem(key(address), JSON.stringify(next));
      window.dispatchEvent(new Event(EVENT));
    },
    [address],
  );
  return { read: new Set(ids), markRead };
}
