"use client";
/** The exchange from the browser (through /api/exchange): SIWE sign-in, own licences, uploads, deposits. */
import type { Hex } from "viem";
import { createSiweMessage } from "viem/siwe";

import type { Lang } from "@/messages/index.ts";

export class ExchangeError extends Error {
  constructor(
    readonly code: string,
    readonly messages: { zh: string; en: string },
  ) {
    super(messages.en);
  }
  text(lang: Lang): string {
    return this.messages[lang];
  }
}

type ErrorBody = { error?: { code: string; message: { zh: string; en: string } } };

/** The exchange's error answer (its code and zh/en message), or one naming the HTTP status. */
function answerError(status: number, body: ErrorBody): ExchangeError {
  return new ExchangeError(
    body.error?.code ?? `HTTP_${status}`,
    body.error?.message ?? { zh: `交换平台返回 ${status}`, en: `The exchange answered ${status}` },
  );
}

/** A request through /api/exchange with the bearer token, answered with the raw response. */
function send(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return fetch(`/api/exchange/${path}`, { ...init, headers });
}

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await send(path, init);
  const body = (await response.json().catch(() => ({}))) as T & ErrorBody;
  if (!response.ok || body.error) throw answerError(response.status, body);
  return body;
}

const sessions = new Map<string, string>();

/** The token of the address's exchange session in this tab, if it signed in already. */
export function cachedSession(address: Hex): string | undefined {
  return sessions.get(address.toLowerCase());
}

/** Signs in to the exchange with Sign-In with Ethereum (one wallet signature per session). */
export async function signIn(parameters: {
  address: Hex;
  chainId: number;
  domain: string;
  signMessage: (message: string) => Promise<Hex>;
}): Promise<string> {
  const known = sessions.get(parameters.address.toLowerCase());
  if (known) return known;
  const { nonce } = await call<{ nonce: string }>("auth/nonce", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  const message = createSiweMessage({
    domain: parameters.domain,
    address: parameters.address,
    statement: "Sign in to the OneWindow data exchange / 登录一网通办数据交换平台",
    uri: `http://${parameters.domain}`,
    version: "1",
    chainId: parameters.chainId,
    nonce,
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 30 * 60 * 1000),
  });
  const signature = await parameters.signMessage(message);
  const { token } = await call<{ token: string }>("auth/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature }),
  });
  sessions.set(parameters.address.toLowerCase(), token);
  return token;
}

export type LicenceSummary = {
  licenceId: Hex;
  typeId: number;
  typeVersion: number;
  issuerDepartment: number;
  issuedAt: string;
};

export const myLicences = (token: string) => call<{ licences: LicenceSummary[] }>("licences", { token });
export const myLicenceFile = (token: string, licenceId: Hex) => call<unknown>(`licences/${licenceId}`, { token });
export const upload = (token: string, bytes: ArrayBuffer) =>
  call<{ hash: Hex; size: number }>("uploads", {
    method: "POST",
    token,
    headers: { "content-type": "application/octet-stream" },
    body: bytes,
  });
export const deposit = (token: string, file: unknown) =>
  call<{ licenceId: Hex }>("licences/deposit", {
    method: "POST",
    token,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ file }),
  });

/**
 * An officer of an application's output step stores the output licence file it built (holder = the
 * applicant) in its department's exchange node before its approving vote names the id: the node
 * serves it to the applicant once the chain issues that id on completion.
 */
export const holdOutputLicence = (token: string, request: { applicationId: Hex; step: number; file: unknown }) =>
  call<{ licenceId: Hex; applicationId: Hex; step: number; holder: Hex; state: "pending"; alreadyHeld: boolean }>(
    "licences/outputs",
    {
      method: "POST",
      token,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    },
  );

/** Lets the officers of `departmentId` read an uploaded document the caller owns. */
export const shareUpload = (token: string, hash: Hex, departmentId: number) =>
  call<{ hash: Hex; departmentId: number }>(`uploads/${hash}/shares`, {
    method: "POST",
    token,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ departmentId }),
  });

/** An officer reads an uploaded document shared with their department (or the owner their own). */
export async function fetchUpload(token: string, hash: Hex): Promise<Blob> {
  const response = await send(`uploads/${hash}`, { token });
  if (!response.ok) throw answerError(response.status, (await response.json().catch(() => ({}))) as ErrorBody);
  return response.blob();
}

/**
 * An officer asks for consented fields of a licence: the answer is an ECIES envelope encrypted to
 * the department's registered key (decrypt it in the browser with `eciesDecrypt`), the consent it
 * rests on and the block the consent was checked at.
 */
export const disclose = (token: string, request: { licenceId: Hex; fields: string[]; purpose: Hex }) =>
  call<{ envelope: Hex; consentId: Hex; evidence: { blockNumber: string; blockHash: Hex } }>("disclosures", {
    method: "POST",
    token,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
