"use client";
/**
 * The documents of the application: each read from the exchange and shown only once its bytes hash
 * to the content hash on chain (useUploadedDocument).
 */
import { useUploadedDocument } from "@/hooks/useUploadedDocument.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import type { ReviewUpload } from "@/lib/api.ts";
import { format } from "@/messages/index.ts";
import { Badge } from "./Badge.tsx";

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
  const { m } = useMessages();
  const { busy, fetched, load } = useUploadedDocument(upload.hash);
  return (
    <li className="card" data-testid="upload" data-hash={upload.hash}>
      <strong>{upload.material?.name ?? (upload.resubmitted ? m.review.resubmitted : m.review.uploads)}</strong>
      <div className="mono">{upload.hash}</div>
      <button type="button" className="secondary" disabled={busy} onClick={() => void load()} data-testid="view-upload">
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
