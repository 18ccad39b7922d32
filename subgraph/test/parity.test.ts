/**
 * Parity of the two indexers. On a fresh hardhat chain with every article scenario run (plus
 * recorded verifications and one late, overdue application: the testkit's audit chain),
 * the same logs are indexed by the built subgraph WASM through the host and by the Ponder indexer;
 * every entity of every type (non-derived fields, normalised) must be equal in both.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  ABIS,
  grantConsent,
  issueLicences,
  newSm2PrivateKey,
  resumeLicence,
  revokeConsent,
  revokeLicence,
  setSealKey,
  sm2PublicKeyOf,
  suspendLicence,
  unlistSubject,
} from "@onewindow/sdk";
import type { Abi, Hex } from "viem";

import { latestTimestamp } from "@onewindow/testkit/demo";
import { startPonder, type RunningPonder } from "@onewindow/testkit/ponder";
import { chainEvents, startAuditChain, type AuditChain } from "@onewindow/testkit/scenario-chain";

import { indexChain, type FeedResult } from "../tools/test-host/chain-logs.ts";
import type { EntityType, StoreValue } from "../tools/test-host/store.ts";
import { buildReady } from "./build-ready.ts";

const SUBGRAPH = path.resolve(import.meta.dirname, "..");
const BUILD = path.join(SUBGRAPH, "build");

type Normal = string | number | boolean | null | Normal[];
type Row = Record<string, Normal>;

/** A subgraph store value in the common form (hex lowercase, BigInt as a decimal string). */
function fromStore(value: StoreValue | undefined): Normal {
  if (value === undefined) return null;
  switch (value.kind) {
    case "Null":
      return null;
    case "String":
      return value.value;
    case "Bytes":
      return value.value.toLowerCase();
    case "Int":
      return value.value;
    case "Bool":
      return value.value;
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return value.value.toString();
    case "BigDecimal":
      return `${value.digits}e${value.exp}`;
    case "Array":
      return value.value.map(fromStore);
  }
}

/** A Ponder GraphQL value in the common form, by the schema's field type. */
function fromPonder(value: unknown, base: string): Normal {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => fromPonder(item, base));
  if (base === "BigInt" || base === "Int8" || base === "Timestamp") return BigInt(value as string | number).toString();
  if (base === "Bytes") return (value as string).toLowerCase();
  if (typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value) && base !== "String" && base !== "ID") {
    return value.toLowerCase();
  }
  return value as Normal;
}

function fieldsOf(type: EntityType): { name: string; base: string }[] {
  return [...type.fields].filter(([, f]) => !f.derived).map(([name, f]) => ({ name, base: f.base }));
}

/** The base scalar of a field (a relation is its target's id type). */
function scalarBase(types: Map<string, EntityType>, base: string): string {
  const target = types.get(base);
  return target ? target.fields.get("id")!.base : base;
}

async function ponderRows(
  ponder: RunningPonder,
  type: EntityType,
  types: Map<string, EntityType>,
): Promise<Map<string, Row>> {
  const plural = type.name.charAt(0).toLowerCase() + type.name.slice(1) + "s";
  const fields = fieldsOf(type);
  const rows = new Map<string, Row>();
  let after: string | null = null;
  for (;;) {
    const data: Record<
      string,
      { items: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
    > = await ponder.graphql(
      `query ($after: String) { ${plural}(limit: 1000, after: $after) { items { ${fields.map((f) => f.name).join(" ")} } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    const page = data[plural]!;
    for (const item of page.items) {
      const row: Row = {};
      for (const field of fields) row[field.name] = fromPonder(item[field.name], scalarBase(types, field.base));
      rows.set(String(row.id), row);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return rows;
}

function subgraphRows(feed: FeedResult, type: EntityType): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const [id, data] of feed.store.all(type.name)) {
    const row: Row = {};
    for (const field of fieldsOf(type)) row[field.name] = fromStore(data.get(field.name));
    rows.set(id.toLowerCase(), row);
  }
  return rows;
}

/**
 * What the scenarios leave out and the audit entities cover: a licence suspended, resumed and
 * revoked, a consent granted and revoked, a restricted subject unlisted, a batch issued, members
 * suspended, resumed and revoked, the batch suspended; a seal key registered and rotated.
 */
async function auditTrailExtras(scenario: AuditChain): Promise<void> {
  const { district, admin, verifiedLicence } = scenario;
  let issuerId: number | undefined;
  let typeId: number | undefined;
  let listed: Hex | undefined;
  for (const event of await chainEvents(scenario.chain.rpcUrl, scenario.deployment)) {
    if (event.eventName === "LicenceIssued" && event.args.licenceId === verifiedLicence) {
      issuerId = Number(event.args.issuerDepartment);
      typeId = Number(event.args.typeId);
    }
    if (event.eventName === "SubjectListed") listed = event.args.subject;
  }
  assert.ok(issuerId !== undefined, "the verified licence has a LicenceIssued event");
  const issuer = district.officers(district.codeOfDepartment(issuerId))[0]!.client;
  await suspendLicence(issuer, { licenceId: verifiedLicence, reason: 2 });
  await resumeLicence(issuer, { licenceId: verifiedLicence });
  const purpose: Hex = `0x${"cd".repeat(32)}`;
  const expiresAt = (await latestTimestamp(admin.client)) + 30 * 86_400;
  await grantConsent(admin.client, {
    departmentId: issuerId,
    licenceId: verifiedLicence,
    fieldMask: 3n,
    purpose,
    expiresAt,
  });
  await revokeConsent(admin.client, { departmentId: issuerId, licenceId: verifiedLicence, purpose });
  if (listed) await unlistSubject(district.officers("HD-COURT")[0]!.client, { subject: listed });
  await revokeLicence(issuer, { licenceId: verifiedLicence, reason: 3 });

  // A batch of three: one member suspended, resumed and revoked (created from its batch by the
  // indexers), then the whole batch suspended by its root.
  const issuerCode = district.codeOfDepartment(issuerId);
  const typeCode = district.codeOfType(typeId!);
  const files = Array.from({ length: 3 }, () => district.build(typeCode, admin.address, {}, issuerCode).file);
  const { files: issued, batches } = await issueLicences(issuer, { files });
  assert.equal(batches.length, 1);
  await suspendLicence(issuer, { file: issued[0]!, reason: 4 });
  await resumeLicence(issuer, { file: issued[0]! });
  await revokeLicence(issuer, { file: issued[1]!, reason: 5 });
  await suspendLicence(issuer, { licenceId: batches[0]!.root, reason: 6 });

  // The issuer's seal key registered, then rotated: two SealKey entities.
  await setSealKey(admin.client, { departmentId: issuerId, publicKey: sm2PublicKeyOf(newSm2PrivateKey()) });
  await setSealKey(admin.client, { departmentId: issuerId, publicKey: sm2PublicKeyOf(newSm2PrivateKey()) });
}

describe("parity: subgraph WASM and Ponder index the same entities", { timeout: 600_000 }, () => {
  let scenario: AuditChain | undefined;
  let ponder: RunningPonder | undefined;
  let feed: FeedResult;

  before(async () => {
    scenario = await startAuditChain();
    await auditTrailExtras(scenario);
    ponder = await startPonder({
      rpcUrl: scenario.chain.rpcUrl,
      deployment: scenario.deploymentFile,
      chainId: scenario.chain.chainId,
    });
    await buildReady();
    feed = await indexChain({
      rpcUrl: scenario.chain.rpcUrl,
      deploymentFile: scenario.deploymentFile,
      buildDir: BUILD,
      abis: ABIS as unknown as Record<string, Abi>,
    });
    await ponder.waitSynced(180_000);
  });

  after(async () => {
    await ponder?.stop();
    await scenario?.chain.stop();
  });

  it("every entity of every type is equal", async () => {
    const types = feed.store.types;
    const counts: string[] = [];
    const differences: string[] = [];
    let total = 0;
    for (const type of types.values()) {
      const mine = subgraphRows(feed, type);
      const theirs = await ponderRows(ponder!, type, types);
      counts.push(`${type.name} ${mine.size}/${theirs.size}`);
      total += mine.size;
      for (const id of new Set([...mine.keys(), ...theirs.keys()])) {
        const a = mine.get(id);
        const b = theirs.get(id);
        if (!a || !b) {
          differences.push(`${type.name}[${id}] only in ${a ? "the subgraph" : "Ponder"}`);
          continue;
        }
        for (const field of Object.keys(a)) {
          if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) {
            differences.push(
              `${type.name}[${id}].${field}: subgraph ${JSON.stringify(a[field])} ≠ ponder ${JSON.stringify(b[field])}`,
            );
          }
        }
      }
    }
    console.log(
      `parity: ${feed.events} events fed to the subgraph; entities compared (subgraph/ponder): ${counts.join(", ")}`,
    );
    console.log(`parity: ${total} entities in ${types.size} types`);
    assert.ok(feed.events > 100, `the scenarios produced only ${feed.events} events`);
    assert.ok(total > 100, `only ${total} entities`);
    if (differences.length > 0) {
      console.log(`parity: Ponder's output (tail):\n${ponder!.output().slice(-3000)}`);
      // Ponder skips a block's eth_getLogs when the block's logsBloom says none of its filters match.
      console.log(`parity: blocks whose logsBloom misses one of their logs: [${feed.bloomMisses.join(", ")}]`);
    }
    assert.deepEqual(
      differences.slice(0, 60),
      [],
      `${differences.length} differences between the subgraph and Ponder (first 60 shown)`,
    );
  });
});
