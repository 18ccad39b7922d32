"use client";
/**
 * The connected holder's consents (from the indexer, with names: department, licence type, field
 * names, the application's 受理号 and matter), and the revoke of several in ONE transaction
 * (ConsentRegistry multicall: one wallet signature).
 */
import { revokeConsents } from "@onewindow/sdk";
import { useCallback, useEffect, useState } from "react";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { describeIds, trackerFetch, type TrackerConsent, type TrackerNames } from "@/lib/tracker.ts";

export type ConsentState = "active" | "revoked" | "expired";

export type UseMyConsentsReturnType = {
  /** undefined while loading (or with no wallet). */
  consents: TrackerConsent[] | undefined;
  names: TrackerNames | undefined;
  /** Chain time (Unix seconds) the states were judged at. */
  now: number;
  /** The load's failure, in both languages. */
  error: { en: string; zh: string } | undefined;
  stateOf: (consent: TrackerConsent) => ConsentState;
  /** Revokes the given consents with one signature; resolves to the transaction hash; throws when it fails. */
  revoke: (consents: readonly TrackerConsent[]) => Promise<Hex>;
  reload: () => void;
};

export function useMyConsents(): UseMyConsentsReturnType {
  const { address } = useAccount();
  const writer = useOneWindowWriter();
  const [consents, setConsents] = useState<TrackerConsent[] | undefined>();
  const [names, setNames] = useState<TrackerNames | undefined>();
  const [now, setNow] = useState(0);
  const [error, setError] = useState<{ en: string; zh: string } | undefined>();
  const [round, setRound] = useState(0);
  /** Revoked from this page: shown as revoked even before the indexer has the block. */
  const [revokedHere, setRevokedHere] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (!address) return;
    let live = true;
    setError(undefined);
    void (async () => {
      const answer = await trackerFetch<{ consents: TrackerConsent[]; now: number }>(
        `/api/tracker/consents?holder=${address}`,
      );
      const described = await describeIds({
        licences: answer.consents.map((c) => c.licenceId),
        applications: answer.consents.map((c) => c.purpose),
        masks: answer.consents.map((c) => ({ licenceId: c.licenceId, mask: c.fieldMask })),
      });
      if (!live) return;
      setNames(described);
      setNow(answer.now);
      setConsents(answer.consents);
    })().catch((e: unknown) => {
      if (!live) return;
      const messages = (e as { messages?: { en: string; zh: string } }).messages;
      setError(messages ?? { en: String((e as Error).message), zh: String((e as Error).message) });
    });
    return () => {
      live = false;
    };
  }, [address, round]);

  const stateOf = useCallback(
    (c: TrackerConsent): ConsentState =>
      c.revoked || revokedHere.has(c.consentId) ? "revoked" : c.expiresAt <= now ? "expired" : "active",
    [now, revokedHere],
  );

  const revoke = useCallback(
    async (chosen: readonly TrackerConsent[]) => {
      const { hash } = await revokeConsents(await writer(), {
        consents: chosen.map((c) => ({ departmentId: c.departmentId, licenceId: c.licenceId, purpose: c.purpose })),
      });
      // The indexer follows the chain a moment later: they show as revoked from now on.
      setRevokedHere((known) => new Set([...known, ...chosen.map((c) => c.consentId)]));
      return hash;
    },
    [writer],
  );
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { consents: address ? consents : undefined, names, now, error, stateOf, revoke, reload };
}
