"use client";
/** The notifications an account marked as read: kept in this browser only (localStorage), per account. */
import { useCallback, useSyncExternalStore } from "react";

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
