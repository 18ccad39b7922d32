"use client";
/**
 * The consents an application asks for: the purpose they are given for (the id the application
 * will get) and their expiry, known before anything is signed, and the grant of every one of them
 * in ONE transaction (ConsentRegistry multicall); consents already on chain are not asked again.
 */
import {
  chainTime,
  createOneWindowClient,
  getNextApplicationId,
  grantConsents,
  isConsentGranted,
  type ConsentData,
} from "@onewindow/sdk";
import { useCallback, useEffect, useState } from "react";
import type { Hex } from "viem";
import { useAccount } from "wagmi";

import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

/** How long a consent given with an application holds (days). */
export const CONSENT_DAYS = 90;

/** One department's read of one licence material, as the matter defines it. */
export type ConsentRow = {
  material: number;
  departmentId: number;
  departmentName: string;
  licenceName: string;
  /** The pulled licence (undefined until pulled). */
  licenceId: Hex | undefined;
  fieldNames: string[];
  fieldMask: bigint;
};

export type ConsentPurpose = { id: Hex; /** Unix seconds (chain time + CONSENT_DAYS). */ expiresAt: number };

export type UseConsentsParameters = { matterId: number; rows: ConsentRow[] };

export type UseConsentsReturnType = {
  /** The purpose and expiry, once read from the chain. */
  purpose: ConsentPurpose | undefined;
  /** What the last grant did, in words (undefined before one, or after `reset`). */
  granted: string | undefined;
  /** Grants the rows' consents for the licences pulled (`licenceOf(material)`); throws when it fails. */
  grant: (licenceOf: (material: number) => Hex) => Promise<void>;
  /** Forgets the last grant's words (a new attempt starts). */
  reset: () => void;
};

export function useConsents({ matterId, rows }: UseConsentsParameters): UseConsentsReturnType {
  const { m } = useMessages();
  const { deployment, rpcUrl } = usePlatform();
  const { address } = useAccount();
  const writer = useOneWindowWriter();
  const [purpose, setPurpose] = useState<ConsentPurpose | undefined>();
  const [granted, setGranted] = useState<string | undefined>();
  const asked = rows.length;

  // The purpose (the id this application will get) and the expiry, shown before anything is signed.
  useEffect(() => {
    if (!address || !deployment || asked === 0) return;
    let live = true;
    const client = createOneWindowClient({ rpcUrl, deployment });
    void Promise.all([getNextApplicationId(client, { applicant: address, matterId }), chainTime(client)])
      .then(([id, now]) => {
        if (live) setPurpose({ id, expiresAt: Number(now) + CONSENT_DAYS * 86_400 });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [address, deployment, rpcUrl, matterId, asked]);

  const grant = useCallback(
    async (licenceOf: (material: number) => Hex) => {
      const client = createOneWindowClient({ rpcUrl, deployment: deployment! });
      const [id, now] = await Promise.all([
        getNextApplicationId(client, { applicant: address!, matterId }),
        chainTime(client),
      ]);
      const expiresAt = Number(now) + CONSENT_DAYS * 86_400;
      setPurpose({ id, expiresAt });
      const wanted: ConsentData[] = rows.map((r) => ({
        departmentId: r.departmentId,
        licenceId: licenceOf(r.material),
        fieldMask: r.fieldMask,
        purpose: id,
        expiresAt,
      }));
      const held = await Promise.all(
        wanted.map((c) => isConsentGranted(client, { holder: address!, ...c }).catch(() => false)),
      );
      const missing = wanted.filter((_, i) => !held[i]);
      if (missing.length === 0) {
        setGranted(m.consent.alreadyGranted);
        return;
      }
      const { hash } = await grantConsents(await writer(), { consents: missing });
      setGranted(format(m.consent.granted, { hash: `${hash.slice(0, 12)}…` }));
    },
    [address, deployment, rpcUrl, matterId, rows, m, writer],
  );
  const reset = useCallback(() => setGranted(undefined), []);
  return { purpose, granted, grant, reset };
}
