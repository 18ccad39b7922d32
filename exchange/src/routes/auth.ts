/** Sign-In with Ethereum (EIP-4361): a single-use nonce, then a signed message for a bearer session token. */
import { randomBytes } from "node:crypto";

import { createRoute } from "@hono/zod-openapi";
import { departmentOf } from "@onewindow/sdk";
import { BaseError as ViemError, type Hex } from "viem";
import { parseSiweMessage, verifySiweMessage } from "viem/siwe";

import type { ExchangeContext } from "../context.ts";
import { Errors } from "../errors.ts";
import { errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { createNonce, createSession, useNonce } from "../store/sessions.ts";

const nonceRoute = createRoute({
  method: "post",
  path: "/nonce",
  summary: "A single-use nonce for a SIWE message",
  tags: ["auth"],
  request: { body: { content: { "application/json": { schema: S.EmptyBody } }, required: false } },
  responses: { ...json(201, "Nonce", S.NonceResponse), ...errors(400) },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/verify",
  summary: "Sign in: a signed EIP-4361 message for a bearer session token",
  tags: ["auth"],
  request: { body: { content: { "application/json": { schema: S.VerifyRequest } }, required: true } },
  responses: { ...json(201, "Session", S.SessionResponse), ...errors(400, 401) },
});

/** Mounted at /auth. */
export function authRoutes(ctx: ExchangeContext) {
  const { db, client, log } = ctx;
  return newRouter()
    .openapi(nonceRoute, async (c) => {
      const nonce = randomBytes(16).toString("hex");
      const expiresAt = await createNonce(db, nonce, ctx.nonceTtlSeconds);
      return c.json({ nonce, expiresAt: expiresAt.toISOString() }, 201);
    })
    .openapi(verifyRoute, async (c) => {
      const { message, signature } = c.req.valid("json");
      let parsed: ReturnType<typeof parseSiweMessage>;
      try {
        parsed = parseSiweMessage(message);
      } catch {
        parsed = {};
      }
      const { address, domain, nonce, chainId, expirationTime, notBefore, uri, version } = parsed;
      if (!address || !domain || !nonce || !chainId || !uri || version !== "1") throw Errors.siweMalformed();
      if (domain !== ctx.domain) throw Errors.siweWrongDomain(ctx.domain);
      if (chainId !== client.chain.id) throw Errors.siweWrongChain(chainId, client.chain.id);
      const now = new Date();
      if (!expirationTime) throw Errors.siweNoExpiry();
      if (expirationTime.getTime() <= now.getTime()) throw Errors.siweExpired();
      if (notBefore && notBefore.getTime() > now.getTime()) throw Errors.siweNotYetValid();
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
    });
}
