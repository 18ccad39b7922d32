/**
 * A hostile client against the exchange (issue 18): malformed field names that must not tell held
 * from unknown licences, the same work for both, the holder's log ordered and paged correctly and
 * free of officers' text, body limits, sign-in floods and message checks, sign-out, unsharing and
 * deleting uploads, and the quota's Retry-After. Each test failed before its fix.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { createOneWindowClient, grantConsent } from "@onewindow/sdk";
import { bytesToHex, keccak256, type Hex } from "viem";

import { createExchange, type ExchangeApp } from "../src/app.ts";
import type { Db, Queryable } from "../src/db/index.ts";
import { chainNow, newAccounts, testChain, testDistrict, type Account, type TestDistrict } from "./helpers/chain.ts";
import { backends, call, DOMAIN, rowCounts, siweMessage, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

const purpose = (): Hex => bytesToHex(randomBytes(32));
const UNKNOWN: Hex = `0x${"ab".repeat(32)}`;

let district: TestDistrict;
let holder: Account;
let stranger: Account;
let FIELDS: Record<string, string>;
before(async () => {
  district = await testDistrict();
  [holder, stranger] = (await newAccounts(2)) as [Account, Account];
  FIELDS = Object.fromEntries(district.realEstateFields.filter((n) => n !== "holder").map((n) => [n, `${n}-值`]));
});

/**
 * A Db that records every statement it runs (whitespace folded, no parameters) and how many rows
 * each answered.
 */
function recording(db: Db): { db: Db; statements: string[]; rows: number[] } {
  const statements: string[] = [];
  const rows: number[] = [];
  const wrap =
    (q: Queryable): Queryable["query"] =>
    async <Row>(sql: string, params?: readonly unknown[]) => {
      statements.push(sql.replace(/\s+/g, " ").trim());
      const answer = await q.query<Row>(sql, params);
      rows.push(answer.length);
      return answer;
    };
  const recorded: Db = {
    kind: db.kind,
    query: wrap(db),
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction((tx) => fn({ query: wrap(tx), exec: (sql) => tx.exec(sql) })),
    close: () => db.close(),
  };
  return { db: recorded, statements, rows };
}

for (const backend of backends()) {
  describe(`a hostile client on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    const tokens = { housing: "", power: "", holder: "", stranger: "" };
    let licenceId: Hex;
    const application = purpose();
    const disclose = (token: string, body: object) => call(app, "POST", "/disclosures", { token, json: body });
    const predicate = (token: string, body: object) => call(app, "POST", "/predicates", { token, json: body });

    before(async () => {
      ({ db, cleanup } = await backend.open());
      app = await testExchange(db, {
        [district.departmentId("HD-HOUSING")]: district.officer("HD-HOUSING").client,
      });
      tokens.housing = await signIn(app, district.officer("HD-HOUSING").key);
      tokens.power = await signIn(app, district.officer("SGCC-HD").key);
      tokens.holder = await signIn(app, holder.key);
      tokens.stranger = await signIn(app, stranger.key);
      const issued = await call(app, "POST", "/licences", {
        token: tokens.housing,
        json: { typeCode: district.realEstateCode, holder: holder.address, fields: FIELDS },
      });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      licenceId = issued.body.licenceId;
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    it("answers a field name with a NUL, a control character or a lone surrogate with the same 400 for held and unknown licences, and writes nothing", async () => {
      const names = ["address\u0000", "\u0000", "owner\u0007", "\ud800", "a\udfffb", "\u001b[31m"];
      const before = await rowCounts(db);
      for (const name of names) {
        for (const send of [disclose, predicate]) {
          const body = (id: Hex) =>
            send === disclose
              ? { licenceId: id, fields: [name], purpose: application }
              : { op: "eq", licenceId: id, field: name, value: "x", purpose: application };
          const held = await send(tokens.power, body(licenceId));
          const unknown = await send(tokens.power, body(UNKNOWN));
          assert.equal(held.status, 400, `${JSON.stringify(name)}: ${JSON.stringify(held.body)}`);
          assert.deepEqual(held.body, unknown.body, `${JSON.stringify(name)}: one answer for held and unknown`);
          assert.equal(held.body.error.code, "INVALID_REQUEST");
        }
      }
      assert.deepEqual(await rowCounts(db), before);
    });

    it("does the same work for a refused read of a held licence as for an unknown one, and for a non-holder's GET", async () => {
      const rec = recording(db);
      const watched = await testExchange(rec.db);
      const token = await signIn(watched, district.officer("SGCC-HD").key);
      const holderToken = await signIn(watched, stranger.key);
      const cases: Array<[string, (id: Hex) => Promise<{ status: number; body: unknown }>]> = [
        [
          "disclosure",
          (id) =>
            call(watched, "POST", "/disclosures", {
              token,
              json: { licenceId: id, fields: ["address"], purpose: application },
            }),
        ],
        [
          "predicate",
          (id) =>
            call(watched, "POST", "/predicates", {
              token,
              json: { op: "eq", licenceId: id, field: "address", value: "x", purpose: application },
            }),
        ],
        ["licence file", (id) => call(watched, "GET", `/licences/${id}`, { token: holderToken })],
      ];
      for (const [what, send] of cases) {
        const run = async (id: Hex) => {
          rec.statements.length = 0;
          rec.rows.length = 0;
          const answer = await send(id);
          return { status: answer.status, body: answer.body, statements: [...rec.statements], rows: [...rec.rows] };
        };
        const held = await run(licenceId);
        const unknown = await run(UNKNOWN);
        assert.ok(held.status >= 400 && held.status < 500, `${what}: refused (${held.status})`);
        assert.deepEqual([held.status, held.body], [unknown.status, unknown.body], `${what}: the same answer`);
        assert.deepEqual(held.statements, unknown.statements, `${what}: the same statements for held and unknown`);
        // A consent check must read the held licence's row; a non-holder's GET reads no row at all.
        if (what === "licence file") assert.deepEqual(held.rows, unknown.rows, `${what}: no row read for a non-holder`);
      }
    });

    it("lists the holder's log newest first and pages through every entry exactly once", async () => {
      // 25 refused reads: ids cross from one digit to two, where text order and number order part.
      for (let i = 0; i < 25; i += 1) {
        const refused = await disclose(tokens.power, { licenceId, fields: ["address"], purpose: purpose() });
        assert.equal(refused.status, 403);
      }
      const all = await call(app, "GET", "/access-log?limit=500", { token: tokens.holder });
      const ids = (all.body.entries as Array<{ id: string }>).map((e) => BigInt(e.id));
      assert.ok(ids.length >= 25);
      for (let i = 1; i < ids.length; i += 1)
        assert.ok(ids[i - 1]! > ids[i]!, `newest first at ${i}: ${ids.join(",")}`);
      const paged: bigint[] = [];
      let next: string | null = null;
      do {
        const page: { body: { entries: Array<{ id: string }>; next: string | null } } = await call(
          app,
          "GET",
          `/access-log?limit=4${next ? `&before=${next}` : ""}`,
          { token: tokens.holder },
        );
        paged.push(...page.body.entries.map((e) => BigInt(e.id)));
        next = page.body.next;
      } while (next);
      assert.deepEqual(paged, ids, "paging gives every entry once, in order");
    });

    it("keeps no text an officer made up in the holder's log: only the schema's field names, and a count of the others", async () => {
      const junk = ["请致电 400-000-0000 领取补贴", "x".repeat(128), "<script>alert(1)</script>"];
      const refused = await disclose(tokens.power, { licenceId, fields: ["owner", ...junk], purpose: application });
      assert.equal(refused.status, 403);
      const log = await call(app, "GET", "/access-log?limit=1", { token: tokens.holder });
      const entry = log.body.entries[0];
      assert.equal(entry.outcome, "denied");
      assert.deepEqual(entry.fields, ["owner"]);
      assert.equal(entry.unknownFields, 3);
      const text = JSON.stringify(log.body);
      for (const j of junk) assert.ok(!text.includes(j), `${j} is not in the log`);
    });

    it("answers a body over the limit with 413, with or without a Content-Length, and writes nothing", async () => {
      const small = await testExchange(db, {}, { maxJsonBytes: 2048 });
      const token = await signIn(small, district.officer("SGCC-HD").key);
      const before = await rowCounts(db);
      const big = JSON.stringify({
        licenceId,
        fields: Array.from({ length: 100 }, (_, i) => `f${i}`.padEnd(60, "x")),
        purpose: application,
      });
      const sized = await call(small, "POST", "/disclosures", {
        token,
        body: big,
        headers: { "content-type": "application/json" },
      });
      assert.equal(sized.status, 413, JSON.stringify(sized.body));
      assert.equal(sized.body.error.code, "BODY_TOO_LARGE");
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 8; i += 1)
            controller.enqueue(new TextEncoder().encode(big.slice(i * 1024, (i + 1) * 1024)));
          controller.close();
        },
      });
      const response = await small.request("/disclosures", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: chunks,
        duplex: "half",
      } as RequestInit);
      assert.equal(response.status, 413);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, "BODY_TOO_LARGE");
      assert.deepEqual(await rowCounts(db), before);
    });

    it("limits live sign-in nonces (429 with Retry-After) and deletes expired ones at once", async () => {
      const fresh = await backend.open();
      try {
        const limited = await testExchange(fresh.db, {}, { maxLiveNonces: 3, nonceTtlSeconds: 1 });
        for (let i = 0; i < 3; i += 1) assert.equal((await call(limited, "POST", "/auth/nonce")).status, 201);
        const over = await call(limited, "POST", "/auth/nonce");
        assert.equal(over.status, 429);
        assert.equal(over.body.error.code, "SIGN_IN_BUSY");
        assert.ok(Number(over.headers.get("retry-after")) >= 1);
        await new Promise((r) => setTimeout(r, 1100));
        await limited.exchange.reconcile();
        assert.equal((await rowCounts(fresh.db)).auth_nonces, 0, "expired nonces are gone");
        assert.equal((await call(limited, "POST", "/auth/nonce")).status, 201, "room again once they expired");
      } finally {
        await fresh.db.close();
        await fresh.cleanup();
      }
    });

    it("checks the nonce before it asks the chain anything", async () => {
      const { rpcUrl, deployment } = await testChain();
      let requests = 0;
      const proxy: Server = createServer((req, res) => {
        requests += 1;
        const upstream = httpRequest(rpcUrl, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        req.pipe(upstream);
      });
      await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
      try {
        const client = createOneWindowClient({
          rpcUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
          deployment,
        });
        const counted = createExchange({ db, client, config: { domain: DOMAIN, dataKey: randomBytes(32) } });
        const signed = await siweMessage(stranger.key, "0123456789abcdef0123456789abcdef");
        requests = 0;
        const answer = await call(counted, "POST", "/auth/verify", { json: signed });
        assert.equal(answer.status, 401);
        assert.equal(answer.body.error.code, "SIWE_NONCE_INVALID");
        assert.equal(requests, 0, "no chain request for an unknown nonce");
      } finally {
        await new Promise((r) => proxy.close(r));
      }
    });

    it("refuses a sign-in message for another URI, or issued in the future or long ago", async () => {
      const cases: Array<[string, Parameters<typeof siweMessage>[2], string]> = [
        ["another site", { uri: "https://evil.example/login" }, "SIWE_WRONG_URI"],
        ["plain http on another port", { uri: `http://${DOMAIN}:8080/` }, "SIWE_WRONG_URI"],
        ["issued tomorrow", { issuedAt: new Date(Date.now() + 86_400_000) }, "SIWE_BAD_ISSUED_AT"],
        ["issued last year", { issuedAt: new Date(Date.now() - 365 * 86_400_000) }, "SIWE_BAD_ISSUED_AT"],
      ];
      for (const [what, overrides, code] of cases) {
        const nonce = (await call(app, "POST", "/auth/nonce")).body.nonce as string;
        const answer = await call(app, "POST", "/auth/verify", {
          json: await siweMessage(stranger.key, nonce, overrides),
        });
        assert.equal(answer.status, 401, what);
        assert.equal(answer.body.error.code, code, what);
      }
    });

    it("signs out: the token no longer works, and signing out needs a session", async () => {
      const token = await signIn(app, stranger.key);
      assert.equal((await call(app, "GET", "/licences", { token })).status, 200);
      const out = await call(app, "POST", "/auth/sign-out", { token });
      assert.equal(out.status, 204);
      assert.equal((await call(app, "GET", "/licences", { token })).status, 401);
      assert.equal((await call(app, "POST", "/auth/sign-out", { token })).status, 401);
      assert.equal((await call(app, "POST", "/auth/sign-out")).status, 401);
    });

    it("lets the owner unshare and delete an upload, and nobody else", async () => {
      const document = Buffer.concat([Buffer.from("诊断证明 "), randomBytes(512)]);
      const hash = keccak256(document);
      const stored = await call(app, "POST", "/uploads", {
        token: tokens.holder,
        body: document as unknown as RequestInit["body"],
        headers: { "content-type": "application/octet-stream" },
      });
      assert.equal(stored.status, 201);
      const powerId = district.departmentId("SGCC-HD");
      assert.equal(
        (await call(app, "POST", `/uploads/${hash}/shares`, { token: tokens.holder, json: { departmentId: powerId } }))
          .status,
        201,
      );
      assert.equal((await call(app, "GET", `/uploads/${hash}`, { token: tokens.power })).status, 200);

      const before = await rowCounts(db);
      for (const token of [tokens.stranger, tokens.power]) {
        assert.equal((await call(app, "DELETE", `/uploads/${hash}/shares/${powerId}`, { token })).status, 404);
        assert.equal((await call(app, "DELETE", `/uploads/${hash}`, { token })).status, 404);
      }
      assert.equal((await call(app, "DELETE", `/uploads/${hash}`)).status, 401);
      assert.deepEqual(await rowCounts(db), before, "nothing changed for others");

      assert.equal(
        (await call(app, "DELETE", `/uploads/${hash}/shares/${powerId}`, { token: tokens.holder })).status,
        204,
      );
      assert.equal((await call(app, "GET", `/uploads/${hash}`, { token: tokens.power })).status, 404, "unshared");
      assert.equal(
        (await call(app, "GET", `/uploads/${hash}`, { token: tokens.holder })).status,
        200,
        "still the owner's",
      );
      assert.equal((await call(app, "DELETE", `/uploads/${hash}`, { token: tokens.holder })).status, 204);
      assert.equal((await call(app, "GET", `/uploads/${hash}`, { token: tokens.holder })).status, 404, "deleted");
      const blobs = await db.query("SELECT 1 FROM upload_blobs WHERE hash = $1", [hash]);
      assert.equal(blobs.length, 0, "the sealed bytes are gone once nobody owns them");
      assert.equal((await call(app, "DELETE", `/uploads/${hash}`, { token: tokens.holder })).status, 404);
    });

    it("says when to retry once the daily quota is used up", async () => {
      await grantConsent(holder.client, {
        departmentId: district.departmentId("SGCC-HD"),
        licenceId,
        fieldMask: 1n << BigInt(district.realEstateFields.indexOf("address")),
        purpose: application,
        expiresAt: (await chainNow()) + 86_400,
      });
      const used = Number(
        (
          await db.query<{ used: number }>("SELECT used FROM quota_usage WHERE department_id = $1", [
            district.departmentId("SGCC-HD"),
          ])
        )[0]?.used ?? 0,
      );
      const quota = await testExchange(db, {}, { dailyQuota: used + 1 });
      const token = await signIn(quota, district.officer("SGCC-HD").key);
      const request = { licenceId, fields: ["address"], purpose: application };
      assert.equal((await call(quota, "POST", "/disclosures", { token, json: request })).status, 200);
      const over = await call(quota, "POST", "/disclosures", { token, json: request });
      assert.equal(over.status, 429);
      assert.equal(over.body.error.code, "DAILY_QUOTA_EXCEEDED");
      const now = new Date();
      const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
      const expected = Math.ceil((midnight - now.getTime()) / 1000);
      const retry = Number(over.headers.get("retry-after"));
      assert.ok(Math.abs(retry - expected) <= 5, `Retry-After ${retry} ≈ ${expected} s to the next UTC day`);
    });
  });
}
