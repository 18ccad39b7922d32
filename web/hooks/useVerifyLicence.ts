"use client";
/**
 * The public verifier: a presentation link (its sealed bytes fetched from the exchange, opened here
 * with the key in the link's fragment), or a licence file or disclosure dropped or pasted, checked
 * on chain (`checkLicenceDocument`). No wallet, no account.
 */
import { createOneWindowClient, openPresentation, parsePresentationLink } from "@onewindow/sdk";
import { useCallback, useState } from "react";
import type { Hex } from "viem";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { sealedPresentation } from "@/lib/exchange.ts";
import {
  checkLicenceDocument,
  readLicenceDocument,
  type CheckedLicence,
  type LicenceDocument,
} from "@/lib/licence-check.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

/** A message already in words for the person (shown as it is). */
class InWords extends Error {}

export type Verified = CheckedLicence & {
  /** The presentation it came from, if a link: its id and when it stops opening. */
  presentation: { id: string; expiresAt: string } | undefined;
};

export type UseVerifyLicenceReturnType = {
  busy: boolean;
  error: string | undefined;
  result: Verified | undefined;
  /** A presentation link (or just its `#p=…` fragment, or a scanned QR code's text). */
  openLink: (text: string) => Promise<void>;
  /** A licence file's or disclosure's JSON text. */
  checkText: (text: string) => Promise<void>;
};

export function useVerifyLicence(): UseVerifyLicenceReturnType {
  const { m } = useMessages();
  const { rpcUrl, deployment } = usePlatform();
  const explain = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<Verified | undefined>();

  const run = useCallback(
    async (read: () => Promise<{ document: LicenceDocument; presentation?: Verified["presentation"] }>) => {
      setBusy(true);
      setError(undefined);
      setResult(undefined);
      try {
        const { document, presentation } = await read();
        const client = createOneWindowClient({ rpcUrl, deployment: deployment! });
        setResult({ ...(await checkLicenceDocument(client, document)), presentation });
      } catch (e) {
        setError(e instanceof InWords ? e.message : explain(e));
      } finally {
        setBusy(false);
      }
    },
    [rpcUrl, deployment, explain],
  );

  const openLink = useCallback(
    (text: string) =>
      run(async () => {
        const link = parsePresentationLink(text);
        if (!link) throw new InWords(m.holder.verify.noLink);
        const sealed = await sealedPresentation(link.id);
        return {
          document: { disclosure: openPresentation(sealed.ciphertext as Hex, link.key) },
          presentation: { id: sealed.id, expiresAt: sealed.expiresAt },
        };
      }),
    [run, m],
  );

  const checkText = useCallback(
    (text: string) =>
      run(async () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new InWords(m.holder.verify.notJson);
        }
        try {
          return { document: readLicenceDocument(json) };
        } catch (e) {
          throw new InWords(format(m.holder.verify.notDocument, { reason: explain(e) }));
        }
      }),
    [run, m, explain],
  );

  return { busy, error, result, openLink, checkText };
}
