/** Sign-In with Ethereum (EIP-4361): a single-use nonce, then a signed message for a bearer session token. */
import { randomBytes } from "node:crypto";

import { createRoute } from "@hono/zod-openapi";
import { departmentOf } from "@onewindow/sdk";
import { BaseError as ViemError, type Hex } from "viem";
import { parseSiweMessage, verifySiweMessage } from "viem/siwe";

import { bearerToken, sessionOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { Errors } from "../errors.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { createNonce, createSession, deleteSession, nonceIsLive, useNonce } from "../store/sessions.ts";

const nonceRoute = createRoute({
  method: "post",
  path: "/nonce",
  summary: "A single-use nonce for a SIWE message",
  tags: ["auth"],
  request: { body: { content: { "application/json": { schema: S.EmptyBody } }, required: false } },
  responses: { ...json(201, "Nonce", S.NonceResponse), ...errors(400, 429) },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/verify",
  summary: "Sign in: a signed EIP-4361 message for a bearer session token",
  tags: ["auth"],
  request: { body: { content: { "application/json": { schema: S.VerifyRequest } }, required: true } },
  responses: { ...json(201, "Session", S.SessionResponse), ...errors(400, 401) },
});

const signOutRoute = createRoute({
  method: "post",
  path: "/sign-out",
  summary: "Sign out: the bearer token stops working at once",
  tags: ["auth"],
  security: bearer,
  request: { body: { content: { "application/json": { schema: S.EmptyBody } }, required: false } },
  responses: { 204: { description: "Signed out" }, ...errors(400, 401) },
});

/** Seconds a sign-in message's Issued At may lie ahead of this node's clock (clock skew). */
const ISSUED_AT_SKEW_SECONDS = 300;

/** Whether the message's URI is on this exchange: an http(s) URL whose host is the SIWE domain. */
function uriIsOurs(uri: string, domain: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === "https:" || url.protocol === "http:") && url.host === domain;
  } catch {
    return false;
  }
}

/** Mounted at /auth. */
export function authRoutes(ctx: ExchangeContext) {
  const { db, client, log } = ctx;
  return newRouter()
    .openapi(nonceRoute, async (c) => {
      const nonce = randomBytes(16).toString("hex");
      const created = await createNonce(db, nonce, ctx.nonceTtlSeconds, ctx.maxLiveNonces);
      if ("busyForSeconds" in created) throw Errors.signInBusy(created.busyForSeconds);
      return c.json({ nonce, expiresAt: created.expiresAt.toISOString() }, 201);
    })
    .openapi(verifyRoute, async (c) => {
      const { message, signature } = c.req.valid("json");
      let parsed: ReturnType<typeof parseSiweMessage>;
      try {
        parsed = parseSiweMessage(message);
      } catch {
        parsed = {};
      }
      const { address, domain, nonce, chainId, expirationTime, notBefore, issuedAt, uri, version } = parsed;
      if (!address || !domain || !nonce || !chainId || !uri || !issuedAt || version !== "1") {
        throw Errors.siweMalformed();
      }
      if (domain !== ctx.domain) throw Errors.siweWrongDomain(ctx.domain);
      if (!uriIsOurs(uri, ctx.domain)) throw Errors.siweWrongUri(ctx.domain);
      if (chainId !== client.chain.id) throw Errors.siweWrongChain(chainId, client.chain.id);
      const now = new Date();
      // Made after its nonce was handed out (at most a nonce's lifetime ago) and not in the future.
      const skew = ISSUED_AT_SKEW_SECONDS * 1000;
      if (
        issuedAt.getTime() > now.getTime() + skew ||
        issuedAt.getTime() < now.getTime() - ctx.nonceTtlSeconds * 1000 - skew
      ) {
        throw Errors.siweBadIssuedAt();
      }
      if (!expirationTime) throw Errors.siweNoExpiry();
      if (expirationTime.getTime() <= now.getTime()) throw Errors.siweExpired();
      if (notBefore && notBefore.getTime() > now.getTime()) throw Errors.siweNotYetValid();
      // The nonce before the signature: a made-up nonce costs a row read, never a chain call.
      if (!(await nonceIsLive(db, nonce))) throw Errors.siweNonceInvalid();
      let signed = false;
      try {
        // EOA signatures, and EIP-1271 / EIP-6492 contract accounts through the chain.
        signed = await verifySiweMessage(client.public, {
          message,
          signature: signature as Hex,
          domain: ctx.domain,
          nonce,
          time: now,
        });
      } catch (error) {
        if (error instanceof ViemError && /HTTP request failed|timed out|fetch failed/i.test(error.message))
          throw error;
        signed = false;
      }
      if (!signed) throw Errors.siweBadSignature();
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(Math.min(now.getTime() + ctx.sessionTtlSeconds * 1000, expirationTime.getTime()));
      await db.transaction(async (tx) => {
        if (!(await useNonce(tx, nonce))) throw Errors.siweNonceInvalid();
        await createSession(tx, token, address.toLowerCase(), expiresAt);
      });
      const department = await departmentOf(client, { account: address });
      log({ event: "signIn", address: address.toLowerCase() });
      return c.json(
        {
          token,
          address: address.toLowerCase(),
          expiresAt: expiresAt.toISOString(),
          departmentId: department?.active ? department.departmentId : null,
        },
        201,
      );
    })
    .openapi(signOutRoute, async (c) => {
      // Expired or unknown tokens are refused like everywhere else (401).
      await sessionOf(ctx, c);
      if (!(await deleteSession(db, bearerToken(c)))) throw Errors.unauthenticated();
      log({ event: "signOut" });
      return c.body(null, 204);
    });
}
