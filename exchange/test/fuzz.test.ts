/**
 * At least 1,000 generated malformed requests across every route (fast-check), sent over real
 * HTTP: every answer a 4xx with the JSON error shape, never a 5xx; the server still serving
 * afterwards; no row written.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { serve, type ServerType } from "@hono/node-server";
import fc from "fast-check";

import type { ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import * as S from "../src/schemas.ts";
import { newAccounts, testChain, testDistrict, type Account, type TestDistrict } from "./helpers/chain.ts";
import { backends, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

const RUNS = 1100;

let district: TestDistrict;
let holder: Account;
before(async () => {
  district = await testDistrict();
  [holder] = (await newAccounts(1)) as [Account];
});

type Malformed = {
  method: string;
  path: string;
  auth: string;
  contentType: string | undefined;
  body: string | undefined;
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
      app = await testExchange(db, { [district.departmentId("HD-HOUSING")]: district.officer("HD-HOUSING").client });
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

    it(`answers ${RUNS} malformed requests with 4xx, never 5xx, and writes nothing`, async () => {
      const counts = await rowCounts(db);
      const statuses = new Map<number, number>();
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(malformed(tokens), async (r) => {
          const headers: Record<string, string> = {};
          if (r.auth) headers.authorization = r.auth;
          if (r.contentType) headers["content-type"] = r.contentType;
          const response = await fetch(url + (r.path.startsWith("/") ? r.path : `/${r.path}`), {
            method: r.method,
            headers,
            ...(r.body === undefined || r.method === "GET" ? {} : { body: r.body }),
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
      assert.ok(sent >= 1000);
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
