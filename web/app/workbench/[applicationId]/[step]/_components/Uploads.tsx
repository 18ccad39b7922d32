"use client";
/**
 * The documents of the application: each read from the exchange (shared with this department by
 * the applicant) and shown only once its bytes hash (keccak256) to the content hash on chain.
 */
import { useEffect, useState } from "react";
import { keccak256 } from "viem";

import type { ReviewUpload } from "@/lib/server/review.ts";
import { humanError } from "@/lib/errors.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { ExchangeError, fetchUpload } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { Badge } from "./Badge.tsx";

type Fetched = { ok: true; url: string; size: number } | { ok: false; text: string; altered: boolean };

export function Uploads({ uploads }: { uploads: ReviewUpload[] }) {
  const { m } = useMessages();
  return (
    <>
      <h2>{m.review.uploads}</h2>
      {uploads.length === 0 ? <p className="muted">{m.review.noUploads}</p> : null}
      <ul className="cards" data-testid="uploads">
        {uploads.map((upload, i) => (
          <UploadRow key={`${upload.hash}-${i}`} upload={upload} />
        ))}
      </ul>
    </>
  );
}

function UploadRow({ upload }: { upload: ReviewUpload }) {
  const { m, lang } = useMessages();
  const { rpcUrl } = usePlatform();
  const session = useExchangeSession();
  const [busy, setBusy] = useState(false);
  const [fetched, setFetched] = useState<Fetched | undefined>();
  useEffect(
    () => () => {
      if (fetched?.ok) URL.revokeObjectURL(fetched.url);
    },
    [fetched],
  );
  const view = async () => {
    setBusy(true);
    setFetched(undefined);
    try {
      const token = await session();
      const blob = await fetchUpload(token, upload.hash);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      if (keccak256(bytes).toLowerCase() !== upload.hash.toLowerCase())
        setFetched({ ok: false, text: m.review.hashBad, altered: true });
      else setFetched({ ok: true, url: URL.createObjectURL(blob), size: bytes.length });
    } catch (e) {
      const text =
        e instanceof ExchangeError
          ? e.code === "NOT_FOUND" || e.code === "HTTP_404"
            ? m.review.notShared
            : e.text(lang)
          : humanError(e, lang, m, rpcUrl);
      setFetched({ ok: false, text, altered: false });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card" data-testid="upload" data-hash={upload.hash}>
      <strong>{upload.material?.name ?? (upload.resubmitted ? m.review.resubmitted : m.review.uploads)}</strong>
      <div className="mono">{upload.hash}</div>
      <button type="button" className="secondary" disabled={busy} onClick={() => void view()} data-testid="view-upload">
        {m.review.view}
      </button>
      {fetched?.ok ? (
        <div className="row">
          <Badge ok testId="upload-hash">
            {m.review.hashOk}
          </Badge>
          <a href={fetched.url} download={`${upload.hash.slice(0, 18)}.bin`} data-testid="upload-link">
            {format(m.review.download, { size: fetched.size })}
          </a>
        </div>
      ) : null}
      {fetched && !fetched.ok ? (
        <p role="alert" className={`banner ${fetched.altered ? "error" : "warn"}`} data-testid="upload-error">
          {fetched.altered ? (
            <Badge ok={false} testId="upload-hash">
              {fetched.text}
            </Badge>
          ) : (
            fetched.text
          )}
        </p>
      ) : null}
    </li>
  );
}
