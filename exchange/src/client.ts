/**
 * A typed client of the exchange's HTTP API: Hono's `hc` on the app's route types
 * (`ExchangeAppType`), so each route's request and each status's response body are typed, and
 * Sign-In with Ethereum (EIP-4361) over it. Only types come from the app: the client runs in the
 * browser as in Node (`@onewindow/exchange/client`).
 *
 * @example
 * const exchange = createExchangeClient("http://127.0.0.1:8787");
 * const session = await signInToExchange(exchange, async (nonce) => {
 *   const message = createSiweMessage({ ...fields, nonce });
 *   return { message, signature: await account.signMessage({ message }) };
 * });
 * const answer = await exchange.licences.$get({}, { headers: { authorization: `Bearer ${session.token}` } });
 */
import { hc, type ClientRequestOptions } from "hono/client";
import type { CatalogueMetadata } from "@onewindow/sdk";
import type { Hex } from "viem";

import type { ExchangeAppType } from "./app.ts";

/** The exchange's API as `hc` types it. */
export type ExchangeClient = ReturnType<typeof hc<ExchangeAppType>>;

/** A client of the exchange at `baseUrl` (`options.fetch` answers in-process, e.g. `app.request`). */
export function createExchangeClient(baseUrl: string, options?: ClientRequestOptions): ExchangeClient {
  return hc<ExchangeAppType>(baseUrl, options);
}

/** The JSON error shape every refused request gets. */
export type ExchangeErrorBody = { error: { code: string; message: { zh: string; en: string } } };

/** A request the exchange answered with another status than expected. */
export class ExchangeRequestError extends Error {
  override name = "ExchangeRequestError";
  constructor(
    readonly route: string,
    readonly status: number,
    /** The answer (the JSON error shape, as a rule). */
    readonly body: unknown,
  ) {
    super(`exchange ${route}: ${status} ${JSON.stringify(body)}`);
  }

  /** The error code of the JSON error shape (e.g. `SIWE_BAD_SIGNATURE`), if the answer has one. */
  get code(): string | undefined {
    return (this.body as Partial<ExchangeErrorBody> | undefined)?.error?.code;
  }
}

/** The body of a `status` answer; throws `ExchangeRequestError` on any other status. */
export async function expectStatus<R extends { status: number; json(): Promise<unknown> }, S extends R["status"]>(
  route: string,
  response: R | Promise<R>,
  status: S,
): Promise<Awaited<ReturnType<Extract<R, { status: S }>["json"]>>> {
  const answer = await response;
  if (answer.status !== status) {
    throw new ExchangeRequestError(route, answer.status, await answer.json().catch(() => undefined));
  }
  return (await answer.json()) as Awaited<ReturnType<Extract<R, { status: S }>["json"]>>;
}

/** A signed EIP-4361 message. */
export type SignedSiweMessage = { message: string; signature: Hex };

/** The session `/auth/verify` answers with. */
export type ExchangeSession = Awaited<ReturnType<typeof signInToExchange>>;

/**
 * Signs in: a single-use nonce (`POST /auth/nonce`), then the message `sign` builds with it and
 * signs (`POST /auth/verify`); the session (bearer token, address, expiry, department id).
 *
 * @throws ExchangeRequestError if the exchange refuses either step.
 */
export async function signInToExchange(client: ExchangeClient, sign: (nonce: string) => Promise<SignedSiweMessage>) {
  const { nonce } = await expectStatus("POST /auth/nonce", client.auth.nonce.$post({ json: {} }), 201);
  return expectStatus("POST /auth/verify", client.auth.verify.$post({ json: await sign(nonce) }), 201);
}

/** The bearer header of a session token. */
const authorised = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** The holder's licences held by this exchange (id, type, issuing department, issue time). */
export const listMyLicences = (client: ExchangeClient, token: string) =>
  expectStatus("GET /licences", client.licences.$get({}, authorised(token)), 200);

/** One of the holder's licence files. */
export const getMyLicenceFile = (client: ExchangeClient, token: string, licenceId: Hex) =>
  expectStatus(
    "GET /licences/:licenceId",
    client.licences[":licenceId"].$get({ param: { licenceId } }, authorised(token)),
    200,
  );

/**
 * Stores a presentation the holder sealed (`sealPresentation` of the SDK): the sealed bytes, the
 * licence it presents and how long it lives. The key stays with the holder (the link's fragment).
 */
export const createPresentation = (
  client: ExchangeClient,
  token: string,
  request: { licenceId: Hex; ciphertext: Hex; lifetimeSeconds: number },
) => expectStatus("POST /presentations", client.presentations.$post({ json: request }, authorised(token)), 201);

/** The holder's presentations, newest first (live, expired and withdrawn). */
export const listMyPresentations = (client: ExchangeClient, token: string) =>
  expectStatus("GET /presentations", client.presentations.$get({}, authorised(token)), 200);

/** A presentation's sealed bytes, for anyone with its link (no account); 410 once expired or withdrawn. */
export const fetchPresentation = (client: ExchangeClient, id: string) =>
  expectStatus("GET /presentations/:id", client.presentations[":id"].$get({ param: { id } }), 200);

/** The holder withdraws a presentation before it expires: it no longer opens. */
export const withdrawPresentation = (client: ExchangeClient, token: string, id: string) =>
  expectStatus(
    "DELETE /presentations/:id",
    client.presentations[":id"].$delete({ param: { id } }, authorised(token)),
    200,
  );

/**
 * Publishes the catalogue's metadata (`signCatalogueMetadata` of the SDK signs it): the caller must
 * be signed in as the account that signed it, and hold the catalogue editor role on chain.
 * Publishing the current version again changes nothing (status 200 rather than 201).
 */
export async function publishCatalogueMetadata(
  client: ExchangeClient,
  token: string,
  signed: { document: CatalogueMetadata; signature: Hex },
) {
  const answer = await client.catalogue.metadata.$post({ json: signed }, authorised(token));
  return answer.status === 200
    ? expectStatus("POST /catalogue/metadata", answer, 200)
    : expectStatus("POST /catalogue/metadata", answer, 201);
}

/** The newest published metadata, or `undefined` when none has been published. */
export async function fetchCatalogueMetadata(client: ExchangeClient, hash?: Hex) {
  const answer = hash
    ? await client.catalogue.metadata[":hash"].$get({ param: { hash } })
    : await client.catalogue.metadata.$get();
  if (answer.status === 404) return undefined;
  return expectStatus(hash ? "GET /catalogue/metadata/:hash" : "GET /catalogue/metadata", answer, 200);
}
