/**
 * Chain reads are reused within one block only: a disclosure at an unchanged block asks the node
 * for its head and nothing else, and a consent revoked or an officer removed on chain is seen by
 * the very next request (the block that holds the change is the new head).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import {
  createOneWindowClient,
  fieldMaskOf,
  grantConsent,
  revokeConsent,
  setOfficers,
  type OneWindowClient,
} from "@onewindow/sdk";
import { bytesToHex, type Hex } from "viem";

import { createExchange, type ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import { chainNow, newAccounts, testChain, testDistrict, type Account } from "./helpers/chain.ts";
import { backends, call, DOMAIN, signIn } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

/**
 * A read-only client whose JSON-RPC goes through a counting proxy in front of the test node (the
 * methods it sends, by name); `stop` closes the proxy.
 */
async function countingClient(): Promise<{
  client: OneWindowClient;
  calls: Map<string, number>;
  stop(): Promise<void>;
}> {
  const { rpcUrl, deployment } = await testChain();
  const calls = new Map<string, number>();
  const proxy = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const parsed = JSON.parse(body) as { method: string } | { method: string }[];
    for (const { method } of Array.isArray(parsed) ? parsed : [parsed]) calls.set(method, (calls.get(method) ?? 0) + 1);
    const answer = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(await answer.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  const client = createOneWindowClient({ rpcUrl: `http://127.0.0.1:${port}`, deployment });
  return {
    client,
    calls,
    stop: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

let holder: Account;
before(async () => {
  [holder] = (await newAccounts(1)) as [Account];
});

for (const backend of backends()) {
  describe(`chain reads within one block on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    let calls: Map<string, number>;
    let stopProxy: () => Promise<void>;
    let district: Awaited<ReturnType<typeof testDistrict>>;
    let licenceId: Hex;
    let powerId: number;
    const tokens = { housing: "", power: "" };

    before(async () => {
      // A district of its own: the last test removes its power company's officer.
      district = await testDistrict();
      powerId = district.departmentId("SGCC-HD");
      ({ db, cleanup } = await backend.open());
      const counting = await countingClient();
      calls = counting.calls;
      stopProxy = counting.stop;
      app = createExchange({
        db,
        client: counting.client,
        issuers: { [district.departmentId("HD-HOUSING")]: district.officer("HD-HOUSING").client },
        config: {
          domain: DOMAIN,
          dataKey: randomBytes(32),
          rateLimit: { perSecond: 1000, burst: 1000 },
          dailyQuota: 1_000_000,
        },
      });
      tokens.housing = await signIn(app, district.officer("HD-HOUSING").key);
      tokens.power = await signIn(app, district.officer("SGCC-HD").key);
      const fields = Object.fromEntries(
        district.realEstateFields.filter((n) => n !== "holder").map((n) => [n, `${n}-示例值`]),
      );
      const issued = await call(app, "POST", "/licences", {
        token: tokens.housing,
        json: { typeCode: district.realEstateCode, holder: holder.address, fields },
      });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      licenceId = issued.body.licenceId;
    });
    after(async () => {
      await stopProxy();
      await db.close();
      await cleanup();
    });

    const consent = async () => {
      const purpose = bytesToHex(randomBytes(32));
      await grantConsent(holder.client, {
        departmentId: powerId,
        licenceId,
        fieldMask: fieldMaskOf(district.realEstateFields, ["address"]),
        purpose,
        expiresAt: (await chainNow()) + 86_400,
      });
      return purpose;
    };
    const disclose = (purpose: Hex) =>
      call(app, "POST", "/disclosures", { token: tokens.power, json: { licenceId, fields: ["address"], purpose } });

    it("answers disclosures at an unchanged block with one head read each, and no contract call", async () => {
      const purpose = await consent();
      assert.equal((await disclose(purpose)).status, 200);
      calls.clear();
      for (let i = 0; i < 5; i++) assert.equal((await disclose(purpose)).status, 200);
      assert.deepEqual(Object.fromEntries(calls), { eth_getBlockByNumber: 5 });
      // Requests in flight together share head reads.
      calls.clear();
      const answers = await Promise.all(Array.from({ length: 10 }, () => disclose(purpose)));
      assert.ok(answers.every((a) => a.status === 200));
      assert.ok(calls.get("eth_getBlockByNumber")! <= 10);
      assert.equal(calls.get("eth_call") ?? 0, 0);
    });

    it("refuses a consent revoked on chain from the next block on", async () => {
      const purpose = await consent();
      assert.equal((await disclose(purpose)).status, 200);
      assert.equal((await disclose(purpose)).status, 200); // the consent read is reused within this block
      await revokeConsent(holder.client, { departmentId: powerId, licenceId, purpose });
      const answer = await disclose(purpose);
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, "NOT_PERMITTED");
    });

    it("refuses an officer removed from the department from the next block on", async () => {
      const purpose = await consent();
      assert.equal((await disclose(purpose)).status, 200);
      assert.equal((await disclose(purpose)).status, 200);
      const { admin } = await testChain();
      const [replacement] = await newAccounts(1);
      const { hash } = await setOfficers(admin, {
        departmentId: powerId,
        officers: [replacement!.address],
        threshold: 1,
      });
      await admin.public.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      const answer = await disclose(purpose);
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, "NOT_AN_OFFICER");
    });
  });
}
