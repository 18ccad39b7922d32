"use client";
/**
 * The holder presents a licence: the chosen fields only (`discloseFields`), sealed in this browser
 * with a fresh key (`sealPresentation`), stored on the exchange for the chosen lifetime; the link
 * carries the key in its fragment, the QR code carries the link, the file is the disclosure itself.
 * The holder can withdraw it before it expires.
 */
import {
  discloseFields,
  presentationLink,
  sealPresentation,
  serializeDisclosure,
  type LicenceFile,
} from "@onewindow/sdk";
import { useState } from "react";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { presentLicence, withdrawMyPresentation } from "@/lib/exchange.ts";

export type Presentation = {
  id: string;
  link: string;
  /** The QR code (SVG markup) of the link. */
  qrSvg: string;
  /** Bytes the QR code holds (the link, UTF-8). */
  qrBytes: number;
  expiresAt: string;
  /** The disclosure (chosen fields and their proof) as a file. */
  fileJson: string;
  withdrawn: boolean;
};

export type UsePresentLicenceReturnType = {
  busy: boolean;
  error: string | undefined;
  presentation: Presentation | undefined;
  create: (fields: readonly string[], lifetimeSeconds: number) => Promise<void>;
  withdraw: () => Promise<void>;
};

export function usePresentLicence(file: LicenceFile): UsePresentLicenceReturnType {
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [presentation, setPresentation] = useState<Presentation | undefined>();

  const create = async (fields: readonly string[], lifetimeSeconds: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const disclosure = discloseFields(file, fields);
      const { ciphertext, key } = sealPresentation(disclosure);
      const token = await session();
      const stored = await presentLicence(token, { licenceId: file.licenceId, ciphertext, lifetimeSeconds });
      const link = presentationLink(`${window.location.origin}/verify`, stored.id, key);
      // Loaded when first needed: the QR encoder is not in the page's first load.
      const QRCode = await import("qrcode");
      const qrSvg = await QRCode.toString(link, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      setPresentation({
        id: stored.id,
        link,
        qrSvg,
        qrBytes: new TextEncoder().encode(link).length,
        expiresAt: stored.expiresAt,
        fileJson: serializeDisclosure(disclosure),
        withdrawn: false,
      });
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (!presentation) return;
    setBusy(true);
    setError(undefined);
    try {
      await withdrawMyPresentation(await session(), presentation.id);
      setPresentation({ ...presentation, withdrawn: true });
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, presentation, create, withdraw };
}
