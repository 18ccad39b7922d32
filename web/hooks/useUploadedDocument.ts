"use client";
/**
 * An uploaded document of an application, read from the exchange (shared with the officer's
 * department by the applicant) and given out only once its bytes hash (keccak256) to the content
 * hash on chain. The object URL is revoked when the result is replaced or the component unmounts.
 */
import { useEffect, useState } from "react";
import { keccak256, type Hex } from "viem";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { ExchangeError, fetchUpload } from "@/lib/exchange.ts";
import { useMessages } from "@/lib/platform-context.tsx";

/** The document (an object URL and its size), or why not (`altered`: its bytes do not match the chain's hash). */
export type UploadedDocument = { ok: true; url: string; size: number } | { ok: false; text: string; altered: boolean };

export type UseUploadedDocumentReturnType = {
  busy: boolean;
  fetched: UploadedDocument | undefined;
  load: () => Promise<void>;
};

export function useUploadedDocument(hash: Hex): UseUploadedDocumentReturnType {
  const { m } = useMessages();
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const [busy, setBusy] = useState(false);
  const [fetched, setFetched] = useState<UploadedDocument | undefined>();
  useEffect(
    () => () => {
      if (fetched?.ok) URL.revokeObjectURL(fetched.url);
    },
    [fetched],
  );
  const fetchDocument = async () => {
    setBusy(true);
    setFetched(undefined);
    try {
      const token = await session();
      const blob = await fetchUpload(token, hash);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      if (keccak256(bytes).toLowerCase() !== hash.toLowerCase())
        setFetched({ ok: false, text: m.review.hashBad, altered: true });
      else setFetched({ ok: true, url: URL.createObjectURL(blob), size: bytes.length });
    } catch (e) {
      const text =
        e instanceof ExchangeError && (e.code === "NOT_FOUND" || e.code === "HTTP_404")
          ? m.review.notShared
          : explain(e);
      setFetched({ ok: false, text, altered: false });
    } finally {
      setBusy(false);
    }
  };
  return { busy, fetched, load: fetchDocument };
}
