/**
 * The data exchange's HTTP API from Node (dev start, scenarios, browser-test fixtures): one POST
 * helper and the Sign-In with Ethereum (EIP-4361) that gives a bearer token, on the exchange's
 * typed client (`@onewindow/exchange/client`).
 */
import { createExchangeClient, signInToExchange } from "@onewindow/exchange/client";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";

/**
 * POSTs to `${url}${route}`: a JSON body, or `{ raw, contentType }` for other bytes. Throws with the
 * status and the answer unless the status is one of `expect` (default: any 2xx).
 */
export async function exchangePost<T>(
  url: string,
  route: string,
  body: unknown,
  options: {
    token?: string | undefined;
    expect?: number[];
    raw?: { bytes: Uint8Array<ArrayBuffer> | string; contentType: string };
  } = {},
): Promise<T> {
  const response = await fetch(`${url}${route}`, {
    method: "POST",
    headers: {
      "content-type": options.raw?.contentType ?? "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.raw?.bytes ?? JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as T;
  const ok = options.expect ? options.expect.includes(response.status) : response.ok;
  if (!ok) throw new Error(`exchange POST ${route}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Signs in to the exchange at `url` as `key` (SIWE, valid 10 minutes); the bearer token. */
export async function exchangeSignIn(
  url: string,
  chainId: number,
  key: Hex,
  statement = "Sign in to the OneWindow data exchange.",
): Promise<string> {
  const account = privateKeyToAccount(key);
  const { token } = await signInToExchange(createExchangeClient(url), async (nonce) => {
    const message = createSiweMessage({
      address: account.address,
      chainId,
      domain: new URL(url).host,
      nonce,
      uri: `${url}/`,
      version: "1",
      statement,
      issuedAt: new Date(),
      expirationTime: new Date(Date.now() + 10 * 60_000),
    });
    return { message, signature: await account.signMessage({ message }) };
  });
  return token;
}
