/**
 * Unit tests of the host itself: BigInt encoding, the store's graph-node validation and atomic
 * handlers, and the built subgraph WASM driven through the host (Bytes concatenation of event ids,
 * BigInt → string conversion, store round trip). Needs `graph build` (the test runner does it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";

import { Host, formatDecimal, type EventInput } from "../tools/test-host/instance.ts";
import { bigIntFromSignedLE, signedLEFromBigInt } from "../tools/test-host/memory.ts";
import { fieldText } from "../tools/test-host/matchstick.ts";
import { EntityStore, type EntityData, type StoreValue } from "../tools/test-host/store.ts";
import { buildReady } from "./build-ready.ts";

const SUBGRAPH = path.resolve(import.meta.dirname, "..");
const SCHEMA = path.join(SUBGRAPH, "schema.graphql");

async function dataSource(name: string, store: EntityStore): Promise<Host> {
  const module = new WebAssembly.Module(readFileSync(path.join(SUBGRAPH, "build", name, `${name}.wasm`)));
  return Host.instantiate(module, { store });
}

function event(logIndex: bigint, parameters: EventInput["parameters"]): EventInput {
  return {
    address: "0x" + "11".repeat(20),
    logIndex,
    transactionLogIndex: 0n,
    block: { number: 12n, timestamp: 1772416800n, hash: "0x" + "22".repeat(32) },
    transaction: { hash: "0x" + "ab".repeat(32), index: 0n, from: "0x" + "44".repeat(20), to: null },
    parameters,
  };
}

const licenceIssued = (logIndex: bigint, licence: string, issuer: bigint) =>
  event(logIndex, [
    { name: "licenceId", value: { kind: "fixedBytes", value: licence } },
    { name: "issuerDepartment", value: { kind: "uint", value: issuer } },
    { name: "typeId", value: { kind: "uint", value: 5n } },
    { name: "typeVersion", value: { kind: "uint", value: 1n } },
    { name: "issuedAt", value: { kind: "uint", value: 1772416800n } },
    { name: "expiresAt", value: { kind: "uint", value: 0n } },
    { name: "officer", value: { kind: "address", value: "0x" + "A1".repeat(20) } },
  ]);

describe("BigInt encoding (graph-ts: signed little-endian, minimal)", () => {
  it("round-trips edge values", () => {
    for (const value of [
      0n,
      1n,
      127n,
      128n,
      255n,
      256n,
      -1n,
      -128n,
      -129n,
      2n ** 255n,
      -(2n ** 255n),
      2n ** 256n - 1n,
    ]) {
      assert.equal(bigIntFromSignedLE(signedLEFromBigInt(value)), value, `value ${value}`);
    }
  });
  it("uses the minimal two's complement bytes", () => {
    assert.deepEqual([...signedLEFromBigInt(255n)], [0xff, 0x00]);
    assert.deepEqual([...signedLEFromBigInt(-1n)], [0xff]);
    assert.deepEqual([...signedLEFromBigInt(256n)], [0x00, 0x01]);
  });
  it("formats BigDecimal as graph-node does", () => {
    assert.equal(formatDecimal(12345n, -2n), "123.45");
    assert.equal(formatDecimal(-5n, -3n), "-0.005");
    assert.equal(formatDecimal(7n, 2n), "700");
    assert.equal(formatDecimal(1200n, -2n), "12");
  });
});

describe("EntityStore (graph-node validation)", () => {
  const consent = (): EntityData =>
    new Map<string, StoreValue>([
      ["id", { kind: "Bytes", value: "0x01" }],
      ["holder", { kind: "Bytes", value: "0x02" }],
      ["department", { kind: "String", value: "3" }],
      ["licence", { kind: "Bytes", value: "0x04" }],
      ["fieldMask", { kind: "BigInt", value: 7n }],
      ["purpose", { kind: "Bytes", value: "0x05" }],
      ["grantedAt", { kind: "BigInt", value: 1n }],
      ["expiresAt", { kind: "BigInt", value: 2n }],
      ["revoked", { kind: "Bool", value: false }],
      ["revokedAt", { kind: "Null" }],
      ["grants", { kind: "Int", value: 1 }],
      ["updatedAt", { kind: "BigInt", value: 1n }],
    ]);

  it("stores a valid entity and drops null fields", () => {
    const store = new EntityStore(SCHEMA);
    store.set("Consent", "0x01", consent());
    assert.equal(store.get("Consent", "0x01")?.has("revokedAt"), false);
    assert.equal(fieldText(store.get("Consent", "0x01")?.get("fieldMask")), "7");
  });

  it("rejects a missing non-null field, a wrong kind, an unknown field and a wrong id; stores nothing", () => {
    const store = new EntityStore(SCHEMA);
    const missing = consent();
    missing.delete("holder");
    assert.throws(() => store.set("Consent", "0x01", missing), /missing value for non-nullable field holder/);
    const wrongKind = consent();
    wrongKind.set("grants", { kind: "BigInt", value: 1n });
    assert.throws(() => store.set("Consent", "0x01", wrongKind), /grants must be Int/);
    const unknown = consent();
    unknown.set("colour", { kind: "String", value: "red" });
    assert.throws(() => store.set("Consent", "0x01", unknown), /unknown field colour/);
    assert.throws(() => store.set("Consent", "0x09", consent()), /id field/);
    assert.equal(store.count("Consent"), 0);
  });

  it("refuses to overwrite an immutable entity", () => {
    const store = new EntityStore(SCHEMA);
    const version = new Map<string, StoreValue>([
      ["id", { kind: "String", value: "1-1" }],
      ["licenceType", { kind: "String", value: "1" }],
      ["version", { kind: "Int", value: 1 }],
      ["level", { kind: "Int", value: 1 }],
      ["publishedAt", { kind: "BigInt", value: 1n }],
      ["defaultValidity", { kind: "BigInt", value: 0n }],
      ["fieldNames", { kind: "Array", value: [] }],
      ["issuers", { kind: "Array", value: [{ kind: "String", value: "2" }] }],
    ]);
    store.set("LicenceTypeVersion", "1-1", version);
    assert.throws(() => store.set("LicenceTypeVersion", "1-1", version), /immutable/);
  });

  it("undoes every write of a unit that throws", () => {
    const store = new EntityStore(SCHEMA);
    store.set("Consent", "0x01", consent());
    assert.throws(() =>
      store.atomic(() => {
        store.remove("Consent", "0x01");
        throw new Error("handler failed");
      }),
    );
    assert.equal(store.count("Consent"), 1);
  });
});

describe("the built subgraph WASM on the host", () => {
  before(() => buildReady());

  it("writes a licence, its history entry (id = tx hash ++ log index LE) and the KPIs", async () => {
    const store = new EntityStore(SCHEMA);
    const host = await dataSource("LicenceRegistry", store);
    host.handle("handleLicenceIssued", licenceIssued(0x0102n, "0x" + "0c".repeat(32), 300n));
    const licence = store.get("Licence", "0x" + "0c".repeat(32));
    assert.equal(fieldText(licence?.get("issuer")), "300");
    assert.equal(fieldText(licence?.get("officer")), "0x" + "a1".repeat(20));
    const changeId = "0x" + "ab".repeat(32) + "02010000";
    assert.equal(fieldText(store.get("LicenceStatusChange", changeId)?.get("kind")), "Issued");
    assert.equal(fieldText(store.get("LicenceStatusChange", changeId)?.get("logIndex")), "258");
    // 2026-03-02 02:00 UTC is 10:00 in Beijing, the default offset.
    assert.equal(fieldText(store.get("DailyKpi", "2026-03-02")?.get("licencesIssued")), "1");
    assert.equal(fieldText(store.get("DepartmentKpi", "300")?.get("licencesIssued")), "1");
  });

  it("reads back what it stored (store.get round trip) across handlers", async () => {
    const store = new EntityStore(SCHEMA);
    const host = await dataSource("LicenceRegistry", store);
    host.handle("handleLicenceIssued", licenceIssued(1n, "0x" + "0c".repeat(32), 3n));
    host.handle("handleLicenceIssued", licenceIssued(2n, "0x" + "0d".repeat(32), 3n));
    assert.equal(fieldText(store.get("DepartmentKpi", "3")?.get("licencesIssued")), "2");
    assert.equal(store.count("LicenceStatusChange"), 2);
  });

  it("a handler that fails on a malformed event changes nothing", async () => {
    const store = new EntityStore(SCHEMA);
    const host = await dataSource("LicenceRegistry", store);
    host.handle("handleLicenceIssued", licenceIssued(1n, "0x" + "0c".repeat(32), 3n));
    const before = JSON.stringify([...store.all("DepartmentKpi")], (_, v) => (typeof v === "bigint" ? `${v}` : v));
    const malformed = licenceIssued(2n, "0x" + "0d".repeat(32), 3n);
    malformed.parameters[6] = { name: "officer", value: { kind: "string", value: "not an address" } };
    assert.throws(() => host.handle("handleLicenceIssued", malformed), /not an address/);
    assert.equal(store.get("Licence", "0x" + "0d".repeat(32)), undefined);
    const after = JSON.stringify([...store.all("DepartmentKpi")], (_, v) => (typeof v === "bigint" ? `${v}` : v));
    assert.equal(after, before);
  });

  it("refuses a module importing a host function it does not implement", async () => {
    // (module (import "index" "ipfs.cat" (func (param i32) (result i32))))
    const bytes = Uint8Array.from([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x02, 0x12, 0x01,
      0x05, 0x69, 0x6e, 0x64, 0x65, 0x78, 0x08, 0x69, 0x70, 0x66, 0x73, 0x2e, 0x63, 0x61, 0x74, 0x00, 0x00,
    ]);
    await assert.rejects(
      Host.instantiate(new WebAssembly.Module(bytes), { store: new EntityStore(SCHEMA) }),
      /index\.ipfs\.cat/,
    );
  });
});
