"use client";
/**
 * The exchange from the browser (through /api/exchange): SIWE sign-in, own licences, uploads,
 * deposits, disclosures. Requests go through Hono's typed client over the exchange's routes
 * (`ExchangeAppType`), so paths, parameters and request bodies are checked against the exchange;
 * the answers are read as the types below until the exchange's OpenAPI description types them.
 */
import {
  createExchangeClient,
  createPresentation,
  ExchangeRequestError,
  fetchPresentation,
  listMyPresentations,
  signInToExchange,
  withdrawPresentation,
} from "@onewindow/exchange/client";
import type { ClientResponse } from "hono/client";
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

/** The exchange's routes, reached through the web's own /api/exchange (same origin). */
const exchange = createExchangeClient("/api/exchange");

/** The bearer token's header. */
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** A JSON answer as `T`, or the ExchangeError it carries. */
async function answer<T>(request: Promise<ClientResponse<unknown>>): Promise<T> {
  const response = await request;
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
  const sign = async (nonce: string) => {
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
    return { message, signature: await parameters.signMessage(message) };
  };
  const { token } = await signInToExchange(exchange, sign).catch((error: unknown) => {
    throw error instanceof ExchangeRequestError ? answerError(error.status, (error.body ?? {}) as ErrorBody) : error;
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

export const myLicences = (token: string) =>
  answer<{ licences: LicenceSummary[] }>(exchange.licences.$get({}, bearer(token)));
export const myLicenceFile = (token: string, licenceId: Hex) =>
  answer<unknown>(exchange.licences[":licenceId"].$get({ param: { licenceId } }, bearer(token)));
export const upload = (token: string, bytes: ArrayBuffer) =>
  answer<{ hash: Hex; size: number }>(
    exchange.uploads.$post(
      {},
      { headers: { ...bearer(token).headers, "content-type": "application/octet-stream" }, init: { body: bytes } },
    ),
  );
export const deposit = (token: string, file: unknown) =>
  answer<{ licenceId: Hex }>(
    exchange.licences.deposit.$post({ json: { file } as DepositInput["json"] }, bearer(token)),
  );

/**
 * An officer of an application's output step stores the output licence file it built (holder = the
 * applicant) in its department's exchange node before its approving vote names the id: the node
 * serves it to the applicant once the chain issues that id on completion.
 */
export const holdOutputLicence = (token: string, request: { applicationId: Hex; step: number; file: unknown }) =>
  answer<{ licenceId: Hex; applicationId: Hex; step: number; holder: Hex; state: "pending"; alreadyHeld: boolean }>(
    exchange.licences.outputs.$post({ json: request as HoldOutputInput["json"] }, bearer(token)),
  );

/** Lets the officers of `departmentId` read an uploaded document the caller owns. */
export const shareUpload = (token: string, hash: Hex, departmentId: number) =>
  answer<{ hash: Hex; departmentId: number }>(
    exchange.uploads[":hash"].shares.$post({ param: { hash }, json: { departmentId } }, bearer(token)),
  );

/** An officer reads an uploaded document shared with their department (or the owner their own). */
export async function fetchUpload(token: string, hash: Hex): Promise<Blob> {
  const response = await exchange.uploads[":hash"].$get({ param: { hash } }, bearer(token));
  if (!response.ok) throw answerError(response.status, (await response.json().catch(() => ({}))) as ErrorBody);
  return response.blob();
}

/**
 * An officer asks for consented fields of a licence: the answer is an ECIES envelope encrypted to
 * the department's registered key (decrypt it in the browser with `eciesDecrypt`), the consent it
 * rests on and the block the consent was checked at.
 */
export const disclose = (token: string, request: { licenceId: Hex; fields: string[]; purpose: Hex }) =>
  answer<{ envelope: Hex; consentId: Hex; evidence: { blockNumber: string; blockHash: Hex } }>(
    exchange.disclosures.$post({ json: request }, bearer(token)),
  );

/** The exchange's refusal in words (its code and zh/en message); anything else as it is. */
async function inWords<T>(request: Promise<T>): Promise<T> {
  return request.catch((error: unknown) => {
    throw error instanceof ExchangeRequestError ? answerError(error.status, (error.body ?? {}) as ErrorBody) : error;
  });
}

/** The holder stores a presentation sealed in this browser (`sealPresentation`); the key never leaves it. */
export const presentLicence = (token: string, request: { licenceId: Hex; ciphertext: Hex; lifetimeSeconds: number }) =>
  inWords(createPresentation(exchange, token, request));

/** The holder's presentations, newest first. */
export const myPresentations = (token: string) => inWords(listMyPresentations(exchange, token));

/** Anyone with the link: the sealed presentation (410 in words once expired or withdrawn). */
export const sealedPresentation = (id: string) => inWords(fetchPresentation(exchange, id));

/** The holder withdraws a presentation: it no longer opens. */
export const withdrawMyPresentation = (token: string, id: string) => inWords(withdrawPresentation(exchange, token, id));

/** The request bodies the exchange checks a licence file in (the web passes the file it holds as is). */
type DepositInput = Parameters<(typeof exchange.licences.deposit)["$post"]>[0];
type HoldOutputInput = Parameters<(typeof exchange.licences.outputs)["$post"]>[0];
