"use client";
/**
 * Exported credentials from the browser: the holder's licence as a W3C VC or SD-JWT VC, signed by
 * the issuing department's key at the exchange (GET /credentials/:licenceId?format=…, through
 * /api/exchange with the SIWE session).
 */
import type { CredentialFormat } from "@onewindow/sdk/vc";
import type { Hex } from "viem";

import { ExchangeError } from "@/lib/exchange.ts";

/** File name and media type of each format's download. */
export const CREDENTIAL_FILES: Record<CredentialFormat, { suffix: string; type: string }> = {
  vc: { suffix: "vc.jwt", type: "application/vc+jwt" },
  "sd-jwt": { suffix: "sd-jwt", type: "application/dc+sd-jwt" },
};

/** The credential's text, or the exchange's refusal as an ExchangeError. */
export async function exportMyCredential(token: string, licenceId: Hex, format: CredentialFormat): Promise<string> {
  const response = await fetch(`/api/exchange/credentials/${licenceId}?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as {
      error?: { code: string; message: { zh: string; en: string } };
    };
    throw new ExchangeError(
      body.error?.code ?? `HTTP_${response.status}`,
      body.error?.message ?? { zh: `交换平台返回 ${response.status}`, en: `The exchange answered ${response.status}` },
    );
  }
  return response.text();
}

/** True when `text` looks like an exported credential (a JWS or an SD-JWT), not a JSON document. */
export function looksLikeCredential(text: string): boolean {
  const trimmed = text.trim();
  return !trimmed.startsWith("{") && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(~|$)/.test(trimmed);
}
