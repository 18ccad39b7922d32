"use client";
/** Presenting a licence: pick fields and a lifetime; the QR code, the link and the file; withdraw. */
import { HOLDER_FIELD, type LicenceFile } from "@onewindow/sdk";
import { useState } from "react";

import { usePresentLicence } from "@/hooks/usePresentLicence.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { fieldLabel } from "@/lib/verdict.ts";
import { format } from "@/messages/index.ts";

const LIFETIMES = [600, 3600, 86_400, 604_800] as const;

export function PresentLicence({
  file,
  typeName,
  onClose,
}: {
  file: LicenceFile;
  typeName: string;
  onClose: () => void;
}) {
  const { m, lang } = useMessages();
  const t = m.holder.present;
  const { busy, error, presentation, create, withdraw } = usePresentLicence(file);
  const [chosen, setChosen] = useState<string[]>([]);
  const [lifetime, setLifetime] = useState<number>(600);
  const [copied, setCopied] = useState(false);
  // The holder field is the holder's address: it may be shown, but is not offered first.
  const names = [
    ...file.fieldNames.filter((n) => n !== HOLDER_FIELD),
    ...file.fieldNames.filter((n) => n === HOLDER_FIELD),
  ];
  const toggle = (name: string) =>
    setChosen((now) => (now.includes(name) ? now.filter((n) => n !== name) : [...now, name]));
  const download = () => {
    const url = URL.createObjectURL(new Blob([presentation!.fileJson], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `presentation-${presentation!.id}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };
  const until = presentation
    ? new Date(presentation.expiresAt).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai" })
    : "";

  return (
    <div className="card" data-testid="present-panel" role="region" aria-label={format(t.title, { type: typeName })}>
      <h3 style={{ marginTop: 0 }}>{format(t.title, { type: typeName })}</h3>
      {!presentation ? (
        <>
          <p className="muted">{t.intro}</p>
          <fieldset>
            <legend>{t.choose}</legend>
            {names.map((name) => (
              <label key={name} style={{ display: "block", padding: "0.25rem 0" }}>
                <input
                  type="checkbox"
                  checked={chosen.includes(name)}
                  onChange={() => toggle(name)}
                  data-testid="present-field"
                  data-field={name}
                />{" "}
                {fieldLabel(m, name)}
              </label>
            ))}
          </fieldset>
          <label>
            {t.lifetime}{" "}
            <select
              value={lifetime}
              onChange={(e) => setLifetime(Number(e.target.value))}
              data-testid="present-lifetime"
            >
              {LIFETIMES.map((s) => (
                <option key={s} value={s}>
                  {t.lifetimes[String(s)]}
                </option>
              ))}
            </select>
          </label>
          <div className="row" style={{ marginTop: "0.6rem" }}>
            <button
              type="button"
              disabled={busy || chosen.length === 0}
              onClick={() => void create(chosen, lifetime)}
              data-testid="present-create"
            >
              {busy ? t.creating : t.create}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              {t.close}
            </button>
          </div>
          {chosen.length === 0 ? <p className="muted">{t.chooseOne}</p> : null}
        </>
      ) : presentation.withdrawn ? (
        <p role="status" className="banner ok" data-testid="present-withdrawn">
          {t.withdrawn}
        </p>
      ) : (
        <>
          <p role="status" className="banner ok" data-testid="present-ready">
            {format(t.ready, { time: until })}
          </p>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(presentation.qrSvg)}`}
            alt={t.qrAlt}
            width={240}
            height={240}
            style={{ display: "block", maxWidth: "100%", height: "auto", background: "#fff" }}
            data-testid="present-qr"
            data-bytes={presentation.qrBytes}
          />
          <p className="muted" data-testid="present-qr-size">
            {format(t.size, { bytes: presentation.qrBytes })}
          </p>
          <label htmlFor="presentation-link">{t.link}</label>
          <input
            id="presentation-link"
            readOnly
            value={presentation.link}
            onFocus={(e) => e.target.select()}
            style={{ width: "100%" }}
            data-testid="present-link"
          />
          <div className="row" style={{ marginTop: "0.6rem" }}>
            <button
              type="button"
              className="secondary"
              onClick={() => void navigator.clipboard?.writeText(presentation.link).then(() => setCopied(true))}
            >
              {copied ? t.copied : t.copy}
            </button>
            <button type="button" className="secondary" onClick={download} data-testid="present-file">
              {t.file}
            </button>
            <button type="button" disabled={busy} onClick={() => void withdraw()} data-testid="present-withdraw">
              {busy ? t.withdrawing : t.withdraw}
            </button>
          </div>
          <p className="muted">{t.note}</p>
        </>
      )}
      {error ? (
        <p role="alert" className="banner error" data-testid="present-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
