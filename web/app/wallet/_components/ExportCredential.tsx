"use client";
/** A licence's exports: W3C VC and SD-JWT VC downloads, signed by the issuing department. */
import type { Hex } from "viem";

import { useExportCredential } from "@/hooks/useExportCredential.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

export function ExportCredential({ licenceId }: { licenceId: Hex }) {
  const { m } = useMessages();
  const t = m.credentials.export;
  const { busy, error, saved, download } = useExportCredential(licenceId);
  return (
    <details data-testid="export-credential">
      <summary>{t.title}</summary>
      <p className="muted">{t.intro}</p>
      <div className="row">
        <button
          type="button"
          className="secondary"
          disabled={busy !== undefined}
          onClick={() => void download("vc")}
          data-testid="export-vc"
        >
          {busy === "vc" ? t.exporting : t.vc}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy !== undefined}
          onClick={() => void download("sd-jwt")}
          data-testid="export-sd-jwt"
        >
          {busy === "sd-jwt" ? t.exporting : t.sdJwt}
        </button>
      </div>
      {saved ? (
        <p role="status" data-testid="export-saved">
          {format(t.done, { file: saved })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="banner error">
          {error}
        </p>
      ) : null}
    </details>
  );
}
