"use client";
/**
 * The public verifier: a presentation link (from the address bar's #fragment, pasted, or scanned),
 * or a dropped/pasted licence file or disclosure; the result with the verdict first.
 */
import { useEffect, useState, type DragEvent } from "react";

import { useVerifyCredential } from "@/hooks/useVerifyCredential.ts";
import { useVerifyLicence } from "@/hooks/useVerifyLicence.ts";
import { looksLikeCredential } from "@/lib/credentials.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { CredentialResult } from "./CredentialResult.tsx";
import { QrScanner } from "./QrScanner.tsx";
import { VerifyResult } from "./VerifyResult.tsx";

export function Verifier() {
  const { m } = useMessages();
  const t = m.holder.verify;
  const { busy, error, result, openLink, checkText } = useVerifyLicence();
  // An exported W3C VC or SD-JWT VC goes to its own check; JSON documents to the licence check.
  const credential = useVerifyCredential();
  const checkAny = (text: string) => {
    credential.clear();
    return looksLikeCredential(text) ? credential.check(text) : checkText(text);
  };
  const [link, setLink] = useState("");
  const [pasted, setPasted] = useState("");
  const [scanning, setScanning] = useState(false);
  const [dragging, setDragging] = useState(false);

  // A presentation link opened in this page: its fragment is read here, never sent to a server.
  useEffect(() => {
    const fromHash = () => {
      if (/[#&]p=/.test(window.location.hash)) {
        setLink(window.location.href);
        void openLink(window.location.hash);
      }
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, [openLink]);

  const readFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (file) await checkAny(await file.text());
  };
  const onDrop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setDragging(false);
    void readFile(e.dataTransfer.files);
  };

  return (
    <>
      <div className="card">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void openLink(link);
          }}
        >
          <label htmlFor="verify-link">{t.link}</label>
          <input
            id="verify-link"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder={t.linkPlaceholder}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: "1 1 14rem", minWidth: 0 }}
            data-testid="verify-link"
          />
          <button type="submit" disabled={busy || link.trim() === ""} data-testid="verify-open">
            {t.open}
          </button>
          <button type="button" className="secondary" onClick={() => setScanning((s) => !s)} data-testid="verify-scan">
            {scanning ? t.stopScan : t.scan}
          </button>
        </form>
        {scanning ? (
          <QrScanner
            onText={(text) => {
              setScanning(false);
              setLink(text);
              void openLink(text);
            }}
          />
        ) : null}
        <label
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            display: "block",
            border: `2px dashed ${dragging ? "var(--accent)" : "var(--line)"}`,
            borderRadius: 8,
            padding: "1.2rem",
            margin: "0.8rem 0",
            textAlign: "center",
            cursor: "pointer",
          }}
          data-testid="verify-drop"
        >
          {t.drop}
          <input
            type="file"
            accept="application/json,.json,.jwt,.sd-jwt,application/vc+jwt,application/dc+sd-jwt,text/plain"
            onChange={(e) => void readFile(e.target.files)}
            style={{ display: "block", margin: "0.5rem auto 0", maxWidth: "100%" }}
            data-testid="verify-file"
          />
        </label>
        <details>
          <summary>{t.paste}</summary>
          <textarea
            aria-label={t.paste}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            rows={6}
            spellCheck={false}
            style={{ width: "100%", fontFamily: "monospace" }}
            data-testid="verify-paste"
          />
          <button
            type="button"
            disabled={busy || pasted.trim() === ""}
            onClick={() => void checkAny(pasted)}
            data-testid="verify-check"
          >
            {t.check}
          </button>
        </details>
      </div>
      {busy ? <p role="status">{t.checking}</p> : null}
      {error ? (
        <p role="alert" className="banner error" data-testid="verify-error">
          {error}
        </p>
      ) : null}
      {result ? <VerifyResult result={result} /> : null}
      {credential.busy ? <p role="status">{t.checking}</p> : null}
      {credential.error ? (
        <p role="alert" className="banner error" data-testid="credential-error">
          {credential.error}
        </p>
      ) : null}
      {credential.verdict ? <CredentialResult verdict={credential.verdict} /> : null}
    </>
  );
}
