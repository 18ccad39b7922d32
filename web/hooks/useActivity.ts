"use client";
/**
 * "Who read my data": the holder's access log from the exchange (after a SIWE sign-in), paged by
 * cursor, merged newest first with the checks of the holder's licences recorded on chain (from the
 * indexer), with the names behind every id. A recorded check is shown once the log's pages reach
 * back to its time (or the log has no more pages), so the merged list stays in order across pages.
 */
import { useCallback, useState } from "react";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { accessLogPage, type AccessLogEntry } from "@/lib/access-log.ts";
import { myLicences } from "@/lib/exchange.ts";
import { describeIds, trackerFetch, type TrackerNames, type TrackerVerification } from "@/lib/tracker.ts";

/** Entries per page of the access log. */
export const ACTIVITY_PAGE_SIZE = 20;

export type ActivityItem =
  | { source: "exchange"; at: number; entry: AccessLogEntry }
  | { source: "chain"; at: number; verification: TrackerVerification };

export type UseActivityReturnType = {
  /** undefined until loaded. */
  items: ActivityItem[] | undefined;
  names: TrackerNames | undefined;
  /** Whether older entries remain. */
  hasMore: boolean;
  busy: boolean;
  signingIn: boolean;
  error: unknown;
  /** Signs in if needed and loads the first page (again). */
  load: () => Promise<void>;
  /** Loads the next (older) page. */
  more: () => Promise<void>;
};

const mergeNames = (a: TrackerNames | undefined, b: TrackerNames): TrackerNames =>
  a
    ? {
        departments: { ...a.departments, ...b.departments },
        licences: { ...a.licences, ...b.licences },
        applications: { ...a.applications, ...b.applications },
        fields: { ...a.fields, ...b.fields },
      }
    : b;

export function useActivity(): UseActivityReturnType {
  const { address } = useAccount();
  const session = useExchangeSession();
  const [entries, setEntries] = useState<AccessLogEntry[] | undefined>();
  const [verifications, setVerifications] = useState<TrackerVerification[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [names, setNames] = useState<TrackerNames | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const describeAll = useCallback(async (log: AccessLogEntry[], checks: TrackerVerification[]) => {
    const licences = [...log.flatMap((e) => (e.licenceId ? [e.licenceId] : [])), ...checks.map((v) => v.licenceId)];
    const applications = [
      ...log.flatMap((e) => (e.purpose ? [e.purpose] : [])),
      ...checks.map((v) => v.purpose),
    ] as Hex[];
    return describeIds({
      licences,
      applications,
      masks: checks.map((v) => ({ licenceId: v.licenceId, mask: v.fieldMask })),
    });
  }, []);

  const load = useCallback(async () => {
    setBusy(true);
    setError(undefined);
    try {
      const token = await session.token();
      const [page, { licences }] = await Promise.all([accessLogPage(token, ACTIVITY_PAGE_SIZE), myLicences(token)]);
      const ids = licences.map((l) => l.licenceId);
      const checks =
        ids.length === 0
          ? []
          : (
              await trackerFetch<{ verifications: TrackerVerification[] }>(
                `/api/tracker/verifications?licences=${ids.join(",")}`,
              )
            ).verifications;
      const described = await describeAll(page.entries, checks);
      setNames(described);
      setVerifications(checks);
      setEntries(page.entries);
      setNext(page.next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [session, describeAll]);

  const more = useCallback(async () => {
    if (!next) return;
    setBusy(true);
    setError(undefined);
    try {
      const token = await session.token();
      const page = await accessLogPage(token, ACTIVITY_PAGE_SIZE, next);
      const described = await describeAll(page.entries, []);
      setNames((known) => mergeNames(known, described));
      setEntries((known) => [...(known ?? []), ...page.entries]);
      setNext(page.next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [next, session, describeAll]);

  let items: ActivityItem[] | undefined;
  if (entries && address) {
    const logged: ActivityItem[] = entries.map((entry) => ({
      source: "exchange",
      at: Date.parse(entry.at) / 1000,
      entry,
    }));
    // Checks older than the oldest loaded log entry wait for the page that reaches them.
    const oldest = next === null ? -Infinity : (logged[logged.length - 1]?.at ?? Infinity);
    const checks: ActivityItem[] = verifications
      .filter((v) => v.at >= oldest)
      .map((verification) => ({ source: "chain", at: verification.at, verification }));
    items = [...logged, ...checks].sort((a, b) => b.at - a.at);
  }
  return {
    items,
    names,
    hasMore: next !== null,
    busy,
    signingIn: session.status === "signingIn",
    error,
    load,
    more,
  };
}
