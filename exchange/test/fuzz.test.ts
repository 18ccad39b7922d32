/**
 * At least 10,000 generated malformed or hostile requests per backend across every route
 * (fast-check), sent over real HTTP: malformed bodies, wrong content types, bad ids and sessions,
 * field names with control characters and lone surrogates, bodies over the limit with and
 * without a Content-Length (chunked), sign-in messages with far-future and far-past times and
 * foreign URIs, unsharing and deleting what the caller does not own. Every answer a 4xx with the
 * JSON error shape, never a 5xx; the server still serving afterwards; no row written.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { serve, type ServerType } from "@hono/node-server";
import fc from "fast-check";
import { createSiweMessage } from "viem/siwe";

import type { ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import * as S from "../src/schemas.ts";
import { newAccounts, testChain, testDistrict, type Account, type TestDistrict } from "./helpers/chain.ts";
import { backends, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

const RUNS = 10_000;
/** The JSON body limit of the exchange under test (small, so oversized bodies are cheap to make). */
const MAX_JSON = 4096;

let district: TestDistrict;
let chainId: number;
let holder: Account;
before(async () => {
  district = await testDistrict();
  chainId = (await testChain()).admin.chain.id;
  [holder] = (await newAccounts(1)) as [Account];
});

type Malformed = {
  method: string;
  path: string;
  auth: string;
  contentType: string | undefined;
  body: string | undefined;
  /** Send the body as a stream of this many chunks (Transfer-Encoding: chunked, no Content-Length). */
  chunks?: number | undefined;
};

/** JSON that the route's schema refuses. */
const refusedBy = (schema: { safeParse(v: unknown): { success: boolean } }) =>
  fc
    .oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom(
          "licenceId",
          "file",
          "fields",
          "purpose",
          "holder",
          "typeCode",
          "op",
          "field",
          "value",
          "message",
          "signature",
          "departmentId",
          "contentBase64",
          "min",
        ),
        fc.jsonValue(),
      ),
    )
    .filter((v) => !schema.safeParse(v).success)
    .map((v) => JSON.stringify(v));

const notJson = fc.oneof(
  fc.string(),
  fc.constant("{"),
  fc.constant('{"a":'),
  fc.string().map((s) => `{${s}`),
);
const badId = fc
  .oneof(
    fc.string(),
    fc.string({ unit: fc.constantFrom(..."0123456789abcdefx") }),
    fc.constant("0x"),
    fc.constant("0x" + "g".repeat(64)),
    fc.constant("%00"),
    fc.constant("..%2f..%2fetc"),
  )
  .filter((s) => !/^0x[0-9a-fA-F]{64}$/.test(s))
  .map((s) => encodeURIComponent(s));
const validId = fc.constant("0x" + "ab".repeat(32));

function malformed(tokens: { holder: string; officer: string }): fc.Arbitrary<Malformed> {
  const anyAuth = fc.constantFrom(
    "",
    "Bearer",
    "Bearer x",
    `Bearer ${tokens.holder}`,
    `Bearer ${tokens.officer}`,
    "Basic Zm9vOmJhcg==",
  );
  const badAuth = fc.constantFrom("", "Bearer", "Bearer " + "Z".repeat(43), "Token abc", `bearer  ${tokens.holder}x`);
  const json = fc.constantFrom<string | undefined>("application/json", "application/json; charset=utf-8");
  const anyType = fc.constantFrom<string | undefined>(
    undefined,
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
  );
  const body = (schema: Parameters<typeof refusedBy>[0]) => fc.oneof(refusedBy(schema), notJson);
  const post = (path: string | fc.Arbitrary<string>, schema: Parameters<typeof refusedBy>[0]) =>
    fc.oneof(
      // A body the schema refuses (or not JSON), with any caller.
      fc.record({
        method: fc.constant("POST"),
        path: typeof path === "string" ? fc.constant(path) : path,
        auth: anyAuth,
        contentType: json,
        body: body(schema),
      }),
      // Any body with the wrong content type.
      fc.record({
        method: fc.constant("POST"),
        path: typeof path === "string" ? fc.constant(path) : path,
        auth: anyAuth,
        contentType: anyType.filter((t) => !t?.startsWith("application/json")),
        body: fc.option(fc.string(), { nil: undefined }),
      }),
    );
  return fc.oneof(
    post("/auth/nonce", S.EmptyBody).filter((r) => r.body !== undefined && r.body !== ""),
    post("/auth/verify", S.VerifyRequest),
    post("/licences", S.IssueRequest),
    post("/licences/deposit", S.DepositRequest),
    post("/licences/outputs", S.HoldOutputRequest),
    post("/disclosures", S.DisclosureRequest),
    post("/predicates", S.PredicateRequest),
    post(
      fc.oneof(validId, badId).map((id) => `/uploads/${id}/shares`),
      S.ShareRequest,
    ),
    // Uploads: no session, or bad base64 / empty / wrong type with a session.
    fc.record({
      method: fc.constant("POST"),
      path: fc.constant("/uploads"),
      auth: badAuth,
      contentType: anyType,
      body: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
    }),
    fc.record({
      method: fc.constant("POST"),
      path: fc.constant("/uploads"),
      auth: anyAuth,
      contentType: json,
      body: body(S.UploadJson),
    }),
    fc.record({
      method: fc.constant("POST"),
      path: fc.constant("/uploads"),
      auth: anyAuth,
      contentType: fc.constantFrom("text/plain", "image/png", "application/xml"),
      body: fc.string(),
    }),
    // Reads with a bad id, bad query or bad session.
    fc.record({
      method: fc.constant("GET"),
      path: badId.map((id) => `/licences/${id}`),
      auth: anyAuth,
      contentType: fc.constant(undefined),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant("GET"),
      path: badId.map((id) => `/uploads/${id}`),
      auth: anyAuth,
      contentType: fc.constant(undefined),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant("GET"),
      path: fc.constantFrom("/licences", "/access-log", `/licences/${"0x" + "cd".repeat(32)}`),
      auth: badAuth,
      contentType: fc.constant(undefined),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant("GET"),
      path: fc
        .oneof(fc.integer(), fc.string(), fc.constant(-1), fc.constant(0), fc.constant(10_000))
        .map((l) => `/access-log?limit=${encodeURIComponent(String(l))}`)
        .filter((p) => {
          const n = Number(decodeURIComponent(p.split("=")[1]!));
          return !(Number.isInteger(n) && n >= 1 && n <= 500) || decodeURIComponent(p.split("=")[1]!).trim() === "";
        }),
      auth: fc.constant(`Bearer ${tokens.holder}`),
      contentType: fc.constant(undefined),
      body: fc.constant(undefined),
    }),
    // Unknown routes and methods.
    fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
      path: fc
        .oneof(fc.webPath(), fc.constantFrom("/licences/", "/admin", "/disclosures/1", "/openapi.yaml"))
        .filter(
          (p) =>
            ![
              "/openapi.json",
              "/licences",
              "/access-log",
              "/uploads",
              "/auth/nonce",
              "/auth/verify",
              "/licences/deposit",
              "/licences/outputs",
              "/disclosures",
              "/predicates",
            ].includes(p) && !/^\/(licences|uploads)\/0x[0-9a-fA-F]{64}$/.test(p),
        ),
      auth: anyAuth,
      contentType: anyType,
      body: fc.option(fc.string(), { nil: undefined }),
    }),
    fc.record({
      method: fc.constantFrom("PUT", "DELETE", "PATCH"),
      path: fc.constantFrom(
        "/licences",
        "/licences/deposit",
        "/licences/outputs",
        "/disclosures",
        "/predicates",
        "/uploads",
        "/access-log",
        "/auth/nonce",
      ),
      auth: anyAuth,
      contentType: anyType,
      body: fc.option(fc.string(), { nil: undefined }),
    }),
  );
}

/** Text no field name may hold: control characters (C0, DEL, C1) and lone UTF-16 surrogates, alone or inside a name. */
const unprintable = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    ),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => a + bad + b)
  .filter((name) => name.length <= 128);

/** A date anywhere from 1970 to 9999: far past, now-ish, far future. */
const anyDate = fc.oneof(
  fc.date({ min: new Date(0), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }),
  fc.integer({ min: -10 * 365 * 86_400, max: 10 * 365 * 86_400 }).map((s) => new Date(Date.now() + s * 1000)),
);

function hostile(tokens: { holder: string; officer: string }, chainId: number): fc.Arbitrary<Malformed> {
  const anyAuth = fc.constantFrom("", "Bearer x", `Bearer ${tokens.holder}`, `Bearer ${tokens.officer}`);
  const id = fc.oneof(validId, fc.constant("0x" + "cd".repeat(32)));
  const jsonPost = (path: string, body: fc.Arbitrary<unknown>) =>
    fc.record({
      method: fc.constant("POST"),
      path: fc.constant(path),
      auth: anyAuth,
      contentType: fc.constant("application/json"),
      body: body.map((b) => JSON.stringify(b)),
    });
  const routes = [
    "/auth/nonce",
    "/auth/verify",
    "/auth/sign-out",
    "/licences",
    "/licences/deposit",
    "/licences/outputs",
    "/disclosures",
    "/predicates",
    "/uploads",
    `/uploads/${"0x" + "ab".repeat(32)}/shares`,
  ];
  return fc.oneof(
    // Field names with control characters or lone surrogates, for held-looking and unknown ids.
    jsonPost(
      "/disclosures",
      fc
        .record({
          licenceId: id,
          fields: fc.array(fc.oneof(unprintable, fc.constant("address")), { minLength: 1, maxLength: 5 }),
          purpose: validId,
        })
        .filter((b) => b.fields.some((f) => !S.FieldName.safeParse(f).success)),
    ),
    jsonPost(
      "/predicates",
      fc.record({
        op: fc.constantFrom("eq", "startsWith"),
        licenceId: id,
        field: unprintable,
        value: fc.string(),
        purpose: validId,
      }),
    ),
    jsonPost(
      "/licences",
      fc.record({
        typeCode: fc.constant("X"),
        holder: fc.constant("0x" + "11".repeat(20)),
        fields: fc.dictionary(unprintable, fc.string(), { minKeys: 1, maxKeys: 3 }),
      }),
    ),
    // Bodies over the limit, with a Content-Length or chunked, on every route.
    fc.record({
      method: fc.constant("POST"),
      path: fc.constantFrom(...routes),
      auth: anyAuth,
      contentType: fc.constantFrom("application/json", "application/octet-stream", "text/plain"),
      body: fc.integer({ min: MAX_JSON + 1, max: 4 * MAX_JSON }).map((n) => `{"x":"${"y".repeat(n)}"}`),
      chunks: fc.option(fc.integer({ min: 2, max: 16 }), { nil: undefined }),
    }),
    // Sign-in messages with far-future and far-past times, foreign URIs, for a nonce never handed out.
    fc
      .record({
        issuedAt: anyDate,
        expirationTime: fc.option(anyDate, { nil: undefined }),
        notBefore: fc.option(anyDate, { nil: undefined }),
        uri: fc.constantFrom(
          "https://exchange.test/login",
          "https://evil.example/",
          "http://exchange.test:1/",
          "ftp://exchange.test/",
        ),
        domain: fc.constantFrom("exchange.test", "evil.example"),
        chainId: fc.constantFrom(chainId, 1),
      })
      .map((m) => {
        const message = createSiweMessage({
          address: "0x1111111111111111111111111111111111111111",
          nonce: "0000000000000000deadbeef00000000",
          version: "1",
          ...m,
        });
        return {
          method: "POST",
          path: "/auth/verify",
          auth: "",
          contentType: "application/json",
          body: JSON.stringify({ message, signature: "0x" + "1b".repeat(65) }),
        };
      }),
    // Unsharing and deleting what the caller does not own, with bad ids, departments and sessions.
    fc.record({
      method: fc.constant("DELETE"),
      path: fc
        .tuple(
          fc.oneof(validId, badId),
          fc.oneof(fc.constantFrom("1", "0", "-1", "abc", "1e3", "99999999999"), fc.nat().map(String)),
        )
        .map(([h, d]) => `/uploads/${h}/shares/${d}`),
      auth: anyAuth,
      contentType: fc.constant(undefined),
      body: fc.constant(undefined),
    }),
    fc.record({
      method: fc.constant("DELETE"),
      path: fc.oneof(validId, badId).map((h) => `/uploads/${h}`),
      auth: anyAuth,
      contentType: fc.constant(undefined),
      body: fc.constant(undefined),
    }),
    // Signing out without a live session (a real one would change the sessions table).
    fc.record({
      method: fc.constant("POST"),
      path: fc.constant("/auth/sign-out"),
      auth: fc.constantFrom("", "Bearer", "Bearer " + "Z".repeat(43), "Basic x"),
      contentType: fc.constantFrom<string | undefined>(undefined, "application/json"),
      body: fc.option(fc.constantFrom("{}", "{"), { nil: undefined }),
    }),
    // Malformed percent-encoding in paths: NUL, overlong and surrogate UTF-8.
    fc.record({
      method: fc.constantFrom("GET", "DELETE"),
      path: fc
        .constantFrom("%00", "%C0%80", "%ED%A0%80", "%FF", "0x%00", "%")
        .chain((bad) => fc.constantFrom(`/licences/${bad}`, `/uploads/${bad}`, `/uploads/${bad}/shares/1`)),
      auth: anyAuth,
      contentType: fc.constant(undefined),
      body: fc.constant(undefined),
    }),
  );
}

/** The body as a stream of `count` chunks: sent with Transfer-Encoding: chunked, no Content-Length. */
function chunked(body: string, count: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  const size = Math.ceil(bytes.length / count);
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.subarray(at, at + size));
      controller.close();
    },
  });
}

for (const backend of backends()) {
  describe(`malformed requests on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let server: ServerType;
    let url: string;
    let cleanup: () => Promise<void>;
    const tokens = { holder: "", officer: "" };

    before(async () => {
      ({ db, cleanup } = await backend.open());
      app = await testExchange(
        db,
        { [district.departmentId("HD-HOUSING")]: district.officer("HD-HOUSING").client },
        // Small limits, so that bodies over them are cheap to make; an upload limit below MAX_JSON.
        { maxJsonBytes: MAX_JSON, maxUploadBytes: MAX_JSON / 4 },
      );
      tokens.holder = await signIn(app, holder.key);
      tokens.officer = await signIn(app, district.officer("HD-HOUSING").key);
      server = await new Promise((resolve) => {
        const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
      });
      const address = server.address() as { port: number };
      url = `http://127.0.0.1:${address.port}`;
    });
    after(async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.close();
      await cleanup();
    });

    it(`answers ${RUNS} malformed or hostile requests with 4xx, never 5xx, and writes nothing`, async () => {
      const counts = await rowCounts(db);
      const statuses = new Map<number, number>();
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(malformed(tokens), hostile(tokens, chainId)), async (r) => {
          const headers: Record<string, string> = {};
          if (r.auth) headers.authorization = r.auth;
          if (r.contentType) headers["content-type"] = r.contentType;
          const response = await fetch(url + (r.path.startsWith("/") ? r.path : `/${r.path}`), {
            method: r.method,
            headers,
            ...(r.body === undefined || r.method === "GET"
              ? {}
              : { body: r.chunks ? chunked(r.body, r.chunks) : r.body }),
            ...(r.chunks ? { duplex: "half" } : {}),
          });
          const text = await response.text();
          sent += 1;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          assert.ok(
            response.status >= 400 && response.status < 500,
            `${r.method} ${r.path} → ${response.status} ${text}`,
          );
          const body = JSON.parse(text) as { error: { code: string; message: { zh: string; en: string } } };
          assert.equal(typeof body.error.code, "string");
          assert.equal(typeof body.error.message.zh, "string");
          assert.equal(typeof body.error.message.en, "string");
          assert.ok(!/\n\s+at /.test(text), "no stack trace");
        }),
        { numRuns: RUNS },
      );
      assert.ok(sent >= RUNS);
      assert.deepEqual(await rowCounts(db), counts, "nothing written");
      // Still alive and serving.
      const doc = await fetch(`${url}/openapi.json`);
      assert.equal(doc.status, 200);
      const list = await fetch(`${url}/licences`, { headers: { authorization: `Bearer ${tokens.holder}` } });
      assert.equal(list.status, 200);
      process.stdout.write(`# statuses: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    });
  });
}
