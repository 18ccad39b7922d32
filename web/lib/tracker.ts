/**
 * What the holder's data tracker pages (/wallet/consents, /wallet/activity) receive from
 * /api/tracker/*: lists from the indexer and the names behind their ids. Numbers are plain (Unix
 * seconds), masks decimal strings.
 */
import type { Hex } from "viem";

export type TrackerConsent = {
  consentId: Hex;
  departmentId: number;
  licenceId: Hex;
  fieldMask: string;
  /** The application the consent was given for. */
  purpose: Hex;
  grantedAt: number;
  expiresAt: number;
  revoked: boolean;
  revokedAt: number | null;
};

export type TrackerVerification = {
  id: string;
  licenceId: Hex;
  departmentId: number;
  officer: Hex;
  fieldMask: string;
  /** Bits: 1 integrity, 2 status valid, 4 issuer authorised. */
  result: number;
  purpose: Hex;
  at: number;
  tx: Hex;
  block: number;
};

export type TrackerNames = {
  departments: Record<string, { name: string; nameEn: string }>;
  licences: Record<string, { typeName: string; fieldNames: string[]; issuerDepartment: number }>;
  applications: Record<
    string,
    { number: string; exists: boolean; matterName: string | null; matterNameEn: string | null }
  >;
  /** `<licenceId>/<mask>` → the field names the mask selects. */
  fields: Record<string, string[]>;
};

export type TrackerError = { error: { en: string; zh: string } };

/** A JSON answer of /api/tracker/*, or an Error carrying its words. */
export async function trackerFetch<T>(input: string, init?: RequestInit): Promise<T> {
  const response = await fetch(input, { cache: "no-store", ...init });
  const body = (await response.json().catch(() => ({}))) as T & Partial<TrackerError>;
  if (!response.ok || body.error) {
    const error = new Error(body.error?.en ?? `HTTP ${response.status}`) as Error & {
      messages?: { en: string; zh: string };
    };
    if (body.error) error.messages = body.error;
    throw error;
  }
  return body;
}

/** Asks the server for the names behind the ids a page shows. */
export function describeIds(request: {
  licences: readonly Hex[];
  applications: readonly Hex[];
  masks: readonly { licenceId: Hex; mask: string }[];
}): Promise<TrackerNames> {
  return trackerFetch<TrackerNames>("/api/tracker/describe", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
}
