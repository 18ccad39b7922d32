/**
 * The indexer on a real chain: every article scenario (plus verifications, a late application and
 * an overdue flag) indexed by `ponder start` on embedded PGlite; entities and KPIs checked against
 * the chain's own logs and the calendar contract; the audit queries of docs/audit.md through the
 * SDK's audit client; a restart on the same database resumes without duplicates; bad input fails
 * clearly; PostgreSQL gives the same entities.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  AuditQueryError,
  checkIndexerIntegrity,
  createAuditClient,
  getApplicationTrail,
  getLicenceVerifications,
  getMatterSavings,
  getOverdueSteps,
  monthRange,
  readContract,
} from "@onewindow/sdk";
import type { Hex } from "viem";

import { applyFor } from "@onewindow/testkit/demo";

import { INDEXED_EVENTS } from "../src/lib/indexed.ts";
import { freePort } from "@onewindow/testkit/local-chain";
import { postgresBin, startPostgres } from "@onewindow/testkit/postgres";
import { startPonder, type RunningPonder } from "@onewindow/testkit/ponder";
import {
  chainEvents,
  startAuditChain,
  verifyTimes,
  type AuditChain,
  type DecodedLog,
} from "@onewindow/testkit/scenario-chain";

/** A new temporary directory. */
function temporaryDirectory(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

let world: AuditChain;
let events: DecodedLog[];
let ponder: RunningPonder;
const dataDir = temporaryDirectory("onewindow-indexer-test-");

type Page<T> = { items: T[]; totalCount: number };

/** Every row of a Ponder list query (cursor pagination). */
async function all<T>(plural: string, fields: string, where = ""): Promise<T[]> {
  const rows: T[] = [];
  let after: string | null = null;
  for (;;) {
    const args: string = [where ? `where: ${where}` : "", "limit: 1000", after ? `after: "${after}"` : ""]
      .filter(Boolean)
      .join(", ");
    const data: Record<string, { items: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> =
      await ponder.graphql(`{ page: ${plural}(${args}) { items { ${fields} } pageInfo { hasNextPage endCursor } } }`);
    rows.push(...data.page!.items);
    if (!data.page!.pageInfo.hasNextPage) return rows;
    after = data.page!.pageInfo.endCursor;
  }
}

async function totalCount(plural: string): Promise<number> {
  const data = await ponder.graphql<Record<string, Page<unknown>>>(`{ page: ${plural}(limit: 1) { totalCount } }`);
  return data.page!.totalCount;
}

function named<N extends DecodedLog["eventName"]>(name: N): Extract<DecodedLog, { eventName: N }>[] {
  return events.filter((e): e is Extract<DecodedLog, { eventName: N }> => e.eventName === name);
}

function popCount(mask: bigint): number {
  let n = 0;
  for (let m = mask; m > 0n; m >>= 1n) n += Number(m & 1n);
  return n;
}

/** What every entity count must be, from the decoded logs alone. */
function expectedCounts() {
  const stepCounts = new Map(
    named("MatterVersionPublished").map((e) => [`${e.args.matterId}-${e.args.version}`, e.args.data.steps.length]),
  );
  const statusChanges = [
    "LicenceIssued",
    "BatchIssued",
    "LicenceRevoked",
    "LicenceSuspended",
    "LicenceResumed",
    "LicenceReplaced",
  ];
  const applicationEvents = [
    "ApplicationSubmitted",
    "ApplicationReturned",
    "ApplicationResubmitted",
    "ApplicationRejected",
    "ApplicationWithdrawn",
    "ApplicationCompleted",
  ];
  const issued = new Set(named("LicenceIssued").map((e) => e.args.licenceId.toLowerCase()));
  const members = new Set<string>();
  for (const e of [...named("LicenceRevoked"), ...named("LicenceSuspended"), ...named("LicenceResumed")]) {
    if (!/^0x0+$/.test(e.args.batchRoot) && !issued.has(e.args.licenceId.toLowerCase())) members.add(e.args.licenceId);
  }
  return {
    departments: named("DepartmentRegistered").length,
    licenceTypes: named("LicenceTypeRegistered").length,
    licenceTypeVersions: named("LicenceTypeVersionPublished").length,
    licences: issued.size + members.size,
    batchs: named("BatchIssued").length,
    licenceStatusChanges: events.filter((e) => statusChanges.includes(e.eventName)).length,
    verifications: named("LicenceVerified").length,
    consents: new Set(named("ConsentGranted").map((e) => e.args.consentId)).size,
    consentEvents: named("ConsentGranted").length + named("ConsentRevoked").length,
    restrictions: new Set(named("SubjectListed").map((e) => e.args.subject)).size,
    restrictionEvents: named("SubjectListed").length + named("SubjectUnlisted").length,
    matters: named("MatterRegistered").length,
    matterVersions: named("MatterVersionPublished").length,
    applications: named("ApplicationSubmitted").length,
    applicationEvents: events.filter((e) => applicationEvents.includes(e.eventName)).length,
    steps: named("ApplicationSubmitted").reduce(
      (sum, e) => sum + stepCounts.get(`${e.args.matterId}-${e.args.matterVersion}`)!,
      0,
    ),
    stepActivations: named("StepActivated").length,
    votes: named("VoteCast").length,
    decisions: named("StepDecided").length + named("StepApprovedByRule").length,
    overdueFlags: named("StepOverdue").length,
    linkedApplications: new Set(
      named("LinkedMatterOffered").map((e) => `${e.args.applicationId}-${e.args.linkedMatterId}`),
    ).size,
  };
}

async function actualCounts<K extends string>(names: readonly K[]): Promise<Record<K, number>> {
  const out = {} as Record<K, number>;
  for (const name of names) out[name] = await totalCount(name);
  return out;
}

/** The integrity check every half second (default 10 s). */
const FAST_INTEGRITY = { ONEWINDOW_INTEGRITY_MS: "500" };

type Integrity = Awaited<ReturnType<typeof checkIndexerIntegrity>>;

/** Polls /integrity until `done` holds; returns the HTTP status and the answer. */
async function waitIntegrity(
  p: RunningPonder,
  done: (status: number, body: Integrity) => boolean,
  timeoutMs = 120_000,
): Promise<{ status: number; body: Integrity }> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${p.url}/integrity`);
      const body = (await response.json()) as Integrity;
      last = `${response.status} ${JSON.stringify(body)}`;
      if (done(response.status, body)) return { status: response.status, body };
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`/integrity did not settle within ${timeoutMs} ms (last: ${last})\n${p.output().slice(-4000)}`);
}

/**
 * A JSON-RPC proxy to `target` that removes every log of block `drop` from eth_getLogs answers: a
 * node (or provider) that silently loses one block's logs.
 */
async function startDroppingProxy(
  target: string,
  drop: bigint,
): Promise<{ url: string; dropped: () => number; stop: () => Promise<void> }> {
  let dropped = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", async () => {
      try {
        const body = Buffer.concat(chunks).toString();
        const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
        const text = await upstream.text();
        const calls = [JSON.parse(body)].flat() as { id: unknown; method: string }[];
        const answers = JSON.parse(text) as { id: unknown; result?: unknown } | { id: unknown; result?: unknown }[];
        for (const answer of [answers].flat()) {
          const call = calls.find((c) => c.id === answer.id);
          if (call?.method !== "eth_getLogs" || !Array.isArray(answer.result)) continue;
          const kept = (answer.result as { blockNumber: string }[]).filter((log) => BigInt(log.blockNumber) !== drop);
          dropped += answer.result.length - kept.length;
          answer.result = kept;
        }
        response.writeHead(upstream.status, { "content-type": "application/json" });
        response.end(JSON.stringify(answers));
      } catch (error) {
        response.writeHead(502);
        response.end(String(error));
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    dropped: () => dropped,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

before(async () => {
  world = await startAuditChain();
  events = await chainEvents(world.chain.rpcUrl, world.deployment);
  ponder = await startPonder({
    rpcUrl: world.chain.rpcUrl,
    deployment: world.deploymentFile,
    chainId: world.chain.chainId,
    dataDir,
    env: FAST_INTEGRITY,
  });
  await ponder.waitSynced(240_000);
});

after(async () => {
  await ponder?.stop();
  await world?.chain.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("entities", () => {
  test("every entity count equals what the chain's logs say", async () => {
    const expected = expectedCounts();
    assert.ok(expected.applications >= world.rows.length, "every scenario row submitted at least one application");
    assert.ok(expected.verifications >= 3 && expected.overdueFlags >= 1 && expected.decisions > 0);
    assert.deepEqual(await actualCounts(Object.keys(expected) as (keyof typeof expected)[]), expected);
  });

  test("application statuses follow their last status event, scenario outcomes included", async () => {
    const statusOf = new Map<string, number>();
    const codes = {
      ApplicationSubmitted: 1,
      ApplicationResubmitted: 1,
      ApplicationReturned: 2,
      ApplicationCompleted: 3,
      ApplicationRejected: 4,
      ApplicationWithdrawn: 5,
    } as const;
    for (const e of events) {
      if (e.eventName in codes && "applicationId" in e.args) {
        statusOf.set((e.args.applicationId as string).toLowerCase(), codes[e.eventName as keyof typeof codes]);
      }
    }
    const apps = await all<{ id: string; status: number; matter: string }>("applications", "id status matter");
    assert.deepEqual(new Map(apps.map((a) => [a.id, a.status])), statusOf);
    const matterCode = new Map(named("MatterRegistered").map((e) => [String(e.args.matterId), e.args.code]));
    for (const row of world.rows) {
      const code = row.id.split("/")[0]!;
      const statuses = apps.filter((a) => matterCode.get(a.matter) === code).map((a) => a.status);
      const want = row.outcome === "rejected" ? 4 : 3;
      assert.ok(statuses.includes(want), `${row.id}: an application of ${code} with status ${want}, got ${statuses}`);
    }
  });

  test("each decision names exactly the officers whose votes made it", async () => {
    const decisions = await all<{
      step: string;
      round: number;
      votes: string;
      rule: string | null;
      signers: string[];
      outcome: number;
    }>("decisions", "step round votes rule signers outcome");
    const votes = await all<{ step: string; round: number; officer: string; outcome: number }>(
      "votes",
      "step round officer outcome",
    );
    let signed = 0;
    for (const d of decisions) {
      if (d.rule !== null) {
        assert.deepEqual([d.signers, d.votes], [[], "0"]);
        continue;
      }
      assert.equal(d.signers.length, popCount(BigInt(d.votes)), `signers of ${d.step} round ${d.round}`);
      for (const signer of d.signers) {
        assert.ok(
          votes.some(
            (v) => v.step === d.step && v.round === d.round && v.officer === signer && v.outcome === d.outcome,
          ),
          `${signer} voted on ${d.step}`,
        );
      }
      if (d.signers.length > 1) signed++;
    }
    assert.ok(signed > 0, "some decision took more than one officer (m of n)");
    assert.ok(
      decisions.some((d) => d.rule !== null),
      "some step was approved by a rule",
    );
  });

  test("event entity ids are the transaction hash ++ log index (4 bytes little-endian)", async () => {
    const verifications = await all<{ id: string; transactionHash: string; logIndex: number }>(
      "verifications",
      "id transactionHash logIndex",
    );
    for (const v of verifications) {
      const le = Buffer.alloc(4);
      le.writeInt32LE(v.logIndex);
      assert.equal(v.id, `${v.transactionHash}${le.toString("hex")}`);
    }
    const onChain = named("LicenceVerified")
      .map((e) => `${e.transactionHash}:${e.logIndex}`)
      .sort();
    assert.deepEqual(verifications.map((v) => `${v.transactionHash}:${v.logIndex}`).sort(), onChain);
  });
});

describe("KPIs", () => {
  test("working days to completion match the calendar contract, minus days with the applicant", async () => {
    const submitted = new Map(named("ApplicationSubmitted").map((e) => [e.args.applicationId.toLowerCase(), e]));
    const withApplicant = new Map<string, number>();
    for (const e of named("ApplicationResubmitted")) {
      const id = e.args.applicationId.toLowerCase();
      withApplicant.set(id, (withApplicant.get(id) ?? 0) + e.args.workingDaysWithApplicant);
    }
    const client = world.admin.client;
    const timestamps = new Map<bigint, bigint>();
    const blockTime = async (block: bigint) => {
      if (!timestamps.has(block))
        timestamps.set(block, (await client.public.getBlock({ blockNumber: block })).timestamp);
      return timestamps.get(block)!;
    };
    const expected = new Map<string, number>();
    for (const e of named("ApplicationCompleted")) {
      const id = e.args.applicationId.toLowerCase();
      const from = await blockTime(submitted.get(id)!.blockNumber);
      const to = await blockTime(e.blockNumber);
      const between = await readContract(client, {
        contract: "WorkingCalendar",
        functionName: "workingDaysBetween",
        args: [Number(from), Number(to)],
      });
      expected.set(id, Math.max(0, Number(between) - (withApplicant.get(id) ?? 0)));
    }
    const apps = await all<{ id: string; workingDays: number | null; matter: string }>(
      "applications",
      "id workingDays matter",
      "{ status: 3 }",
    );
    assert.deepEqual(new Map(apps.map((a) => [a.id, a.workingDays])), expected);
    assert.ok(expected.get(world.lateApplication.toLowerCase())! > 20, "the late application took working days");

    // Per matter: the count of each working-days value, the lower median and the mean in hundredths (floor).
    const kpis = await all<{
      id: string;
      completed: number;
      workingDaysCounts: number[];
      medianWorkingDays: number;
      meanWorkingDaysHundredths: number;
      totalWorkingDays: number;
    }>("matterKpis", "id completed workingDaysCounts medianWorkingDays meanWorkingDaysHundredths totalWorkingDays");
    for (const k of kpis) {
      const list = apps
        .filter((a) => a.matter === k.id)
        .map((a) => expected.get(a.id)!)
        .sort((a, b) => a - b);
      const total = list.reduce((s, d) => s + d, 0);
      const counts = list.length
        ? Array.from({ length: list.at(-1)! + 1 }, (_, d) => list.filter((v) => v === d).length)
        : [];
      assert.deepEqual(
        [k.completed, k.workingDaysCounts, k.totalWorkingDays, k.medianWorkingDays, k.meanWorkingDaysHundredths],
        [
          list.length,
          counts,
          total,
          list.length ? list[Math.floor((list.length - 1) / 2)] : 0,
          list.length ? Math.floor((total * 100) / list.length) : 0,
        ],
        `matter ${k.id}`,
      );
    }
  });

  test("per matter, department and day counts equal the logs", async () => {
    const matterOf = new Map(
      named("ApplicationSubmitted").map((e) => [e.args.applicationId.toLowerCase(), String(e.args.matterId)]),
    );
    type M = {
      applications: number;
      completed: number;
      rejected: number;
      fromChain: number;
      uploaded: number;
      met: number;
      missed: number;
      overdue: number;
    };
    const perMatter = new Map<string, M>();
    const m = (id: string) => {
      if (!perMatter.has(id))
        perMatter.set(id, {
          applications: 0,
          completed: 0,
          rejected: 0,
          fromChain: 0,
          uploaded: 0,
          met: 0,
          missed: 0,
          overdue: 0,
        });
      return perMatter.get(id)!;
    };
    for (const e of named("ApplicationSubmitted")) {
      const k = m(String(e.args.matterId));
      k.applications++;
      k.fromChain += e.args.licenceIds.length;
      k.uploaded += e.args.uploadHashes.length;
    }
    for (const e of named("ApplicationResubmitted"))
      m(matterOf.get(e.args.applicationId.toLowerCase())!).uploaded += e.args.uploadHashes.length;
    for (const e of named("ApplicationCompleted")) m(matterOf.get(e.args.applicationId.toLowerCase())!).completed++;
    for (const e of named("ApplicationRejected")) m(matterOf.get(e.args.applicationId.toLowerCase())!).rejected++;
    for (const e of [...named("StepDecided"), ...named("StepApprovedByRule")]) {
      const k = m(matterOf.get(e.args.applicationId.toLowerCase())!);
      if (e.args.onTime) k.met++;
      else k.missed++;
    }
    for (const e of named("StepOverdue")) m(matterOf.get(e.args.applicationId.toLowerCase())!).overdue++;
    const kpis = await all<{
      id: string;
      applications: number;
      completed: number;
      rejected: number;
      materialsFromChain: number;
      materialsUploaded: number;
      deadlinesMet: number;
      deadlinesMissed: number;
      overdueFlags: number;
    }>(
      "matterKpis",
      "id applications completed rejected materialsFromChain materialsUploaded deadlinesMet deadlinesMissed overdueFlags",
    );
    assert.deepEqual(
      new Map(
        kpis.map((k) => [
          k.id,
          {
            applications: k.applications,
            completed: k.completed,
            rejected: k.rejected,
            fromChain: k.materialsFromChain,
            uploaded: k.materialsUploaded,
            met: k.deadlinesMet,
            missed: k.deadlinesMissed,
            overdue: k.overdueFlags,
          },
        ]),
      ),
      perMatter,
    );
    assert.ok(
      [...perMatter.values()].some((k) => k.missed > 0),
      "the late application missed a deadline",
    );

    const verifiedBy = new Map<string, number>();
    for (const e of named("LicenceVerified")) {
      const id = String(e.args.verifierDepartment);
      verifiedBy.set(id, (verifiedBy.get(id) ?? 0) + 1);
    }
    const departments = await all<{ id: string; verifications: number; overdueFlags: number }>(
      "departmentKpis",
      "id verifications overdueFlags",
    );
    assert.deepEqual(
      new Map(departments.filter((d) => d.verifications > 0).map((d) => [d.id, d.verifications])),
      verifiedBy,
    );
    assert.equal(
      departments.reduce((s, d) => s + d.overdueFlags, 0),
      named("StepOverdue").length,
    );

    const days = await all<{
      id: string;
      applications: number;
      completed: number;
      verifications: number;
      materialsFromChain: number;
    }>("dailyKpis", "id applications completed verifications materialsFromChain");
    const sum = (f: (d: (typeof days)[number]) => number) => days.reduce((s, d) => s + f(d), 0);
    assert.deepEqual(
      [
        sum((d) => d.applications),
        sum((d) => d.completed),
        sum((d) => d.verifications),
        sum((d) => d.materialsFromChain),
      ],
      [
        named("ApplicationSubmitted").length,
        named("ApplicationCompleted").length,
        named("LicenceVerified").length,
        [...perMatter.values()].reduce((s, k) => s + k.fromChain, 0),
      ],
    );
    for (const d of days) assert.match(d.id, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(days.length >= 2, "the 40 days that passed show as another local day");
  });
});

describe("audit queries (docs/audit.md) through the SDK audit client", () => {
  test("the full trail of one application, in chain order", async () => {
    const audit = createAuditClient({ url: `${ponder.url}/graphql`, pageSize: 3 });
    const id = world.lateApplication.toLowerCase();
    const trail = await getApplicationTrail(audit, { applicationId: world.lateApplication });
    const mine = events.filter(
      (e) => "applicationId" in e.args && (e.args.applicationId as string).toLowerCase() === id,
    );
    const kinds: Record<string, string> = {
      ApplicationSubmitted: "application",
      ApplicationCompleted: "application",
      ApplicationReturned: "application",
      ApplicationResubmitted: "application",
      StepActivated: "activation",
      VoteCast: "vote",
      StepDecided: "decision",
      StepApprovedByRule: "decision",
      StepOverdue: "overdue",
    };
    assert.deepEqual(
      trail.trail.map((t) => `${t.type}@${t.record.transactionHash}:${t.record.logIndex}`),
      mine.filter((e) => e.eventName in kinds).map((e) => `${kinds[e.eventName]}@${e.transactionHash}:${e.logIndex}`),
    );
    assert.equal(trail.application.status, 3);
    assert.equal(trail.steps.length, trail.application.stepCount);
    assert.ok(trail.steps.every((s) => s.status === 2 && s.workingDays !== null));
    assert.equal(trail.overdueFlags.length, 1);
  });

  test("every verification of one licence", async () => {
    const audit = createAuditClient({ url: `${ponder.url}/graphql`, pageSize: 2 });
    const records = await getLicenceVerifications(audit, { licenceId: world.verifiedLicence });
    const onChain = named("LicenceVerified").filter(
      (e) => e.args.licenceId.toLowerCase() === world.verifiedLicence.toLowerCase(),
    );
    assert.deepEqual(
      records.map((r) => [r.transactionHash, r.logIndex, r.department, r.officer, r.fieldMask, r.result]),
      onChain.map((e) => [
        e.transactionHash,
        e.logIndex,
        String(e.args.verifierDepartment),
        e.args.officer.toLowerCase(),
        e.args.fieldMask,
        e.args.result,
      ]),
    );
    assert.equal(records.length, 3);
  });

  test("overdue steps by department this month", async () => {
    const audit = createAuditClient({ url: `${ponder.url}/graphql` });
    const flag = named("StepOverdue")[0]!;
    const block = await world.admin.client.public.getBlock({ blockNumber: flag.blockNumber });
    const month = monthRange({ timestamp: block.timestamp });
    const byDepartment = await getOverdueSteps(audit, month);
    const inMonth = named("StepOverdue");
    assert.deepEqual(
      byDepartment.map((d) => [d.department, d.flags]),
      [...new Set(inMonth.map((e) => String(e.args.departmentId)))].map((id) => [
        id,
        inMonth.filter((e) => String(e.args.departmentId) === id).length,
      ]),
    );
    assert.deepEqual(await getOverdueSteps(audit, { from: month.to, to: month.to + 86_400n }), []);
  });

  test("material and time savings per matter", async () => {
    const audit = createAuditClient({ url: `${ponder.url}/graphql` });
    const savings = await getMatterSavings(audit);
    const versions = new Map(
      named("MatterVersionPublished").map((e) => [`${e.args.matterId}-${e.args.version}`, e.args.data]),
    );
    for (const s of savings) {
      const submitted = named("ApplicationSubmitted").filter((e) => String(e.args.matterId) === s.matter);
      const baseline = submitted.reduce(
        (sum, e) => sum + versions.get(`${e.args.matterId}-${e.args.matterVersion}`)!.baseline.materials,
        0,
      );
      assert.equal(s.baselineMaterials, baseline, s.code);
      assert.equal(s.materialsSaved, s.baselineMaterials - s.materialsUploaded);
      assert.equal(s.workingDaysSaved, s.baselineWorkingDays - s.totalWorkingDays);
      assert.equal(s.applications, submitted.length);
    }
    const vr = savings.find((s) => s.code === "HD-VR-HALL")!;
    assert.ok(vr.materialsSaved > 0 && vr.materialsFromChain > 0, "the VR hall pulls materials from the chain");
    const only = await getMatterSavings(audit, { matterIds: [vr.matter] });
    assert.deepEqual(only, [vr]);
  });

  test("the GraphQL of docs/audit.md runs as written", async () => {
    const text = readFileSync(path.resolve(import.meta.dirname, "../../docs/audit.md"), "utf8");
    const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.equal(blocks.length, 4);
    const flag = named("StepOverdue")[0]!;
    const month = monthRange({
      timestamp: (await world.admin.client.public.getBlock({ blockNumber: flag.blockNumber })).timestamp,
    });
    const values: Record<string, string> = {
      id: world.lateApplication.toLowerCase(),
      licence: world.verifiedLicence.toLowerCase(),
      from: String(month.from),
      to: String(month.to),
    };
    const answers: Record<string, unknown>[] = [];
    for (const block of blocks) {
      const used = [...new Set([...block.matchAll(/\$(\w+):/g)].map((m) => m[1]!))];
      answers.push(await ponder.graphql(block, Object.fromEntries(used.map((name) => [name, values[name]]))));
    }
    const [trail, checks, overdue, savings] = answers as [
      { application: { id: string }; votes: { items: unknown[] } },
      { verifications: { items: unknown[] }; licence: { verifications: number } },
      { overdueFlags: { items: unknown[] } },
      { matterKpis: { items: unknown[] }; matters: { items: unknown[] } },
    ];
    assert.equal(trail.application.id, values.id);
    assert.ok(trail.votes.items.length > 0);
    assert.equal(checks.verifications.items.length, checks.licence.verifications);
    assert.equal(overdue.overdueFlags.items.length, named("StepOverdue").length);
    assert.equal(savings.matters.items.length, named("MatterRegistered").length);
    assert.ok(savings.matterKpis.items.length > 0);
  });

  test("bad input is refused with a clear error before any query", async () => {
    let calls = 0;
    const audit = createAuditClient({
      url: `${ponder.url}/graphql`,
      fetch: async (...args) => {
        calls++;
        return fetch(...args);
      },
    });
    await assert.rejects(getApplicationTrail(audit, { applicationId: "0x1234" }), AuditQueryError);
    await assert.rejects(getLicenceVerifications(audit, { licenceId: "licence" as Hex }), /64 hex digits/);
    await assert.rejects(getOverdueSteps(audit, { from: 10n, to: 5n }), /period is empty/);
    await assert.rejects(getMatterSavings(audit, { matterIds: ["1; drop"] }), /decimal number/);
    assert.equal(calls, 0);
    await assert.rejects(
      getApplicationTrail(audit, { applicationId: `0x${"12".repeat(32)}` }),
      /No application .* is indexed/,
    );
    assert.throws(() => createAuditClient({ url: "ftp://x" }), /http\(s\)/);
  });
});

describe("integrity: a missed block is found and makes the indexer unhealthy", () => {
  test("a complete index is healthy: every block checked against the node's logs", async () => {
    const target = await ponder.waitSynced(60_000);
    const { status, body } = await waitIntegrity(ponder, (_, b) => b.checkedThrough >= target);
    assert.equal(status, 200);
    assert.equal(body.ok, true);
    assert.equal(body.gap, null);
    const viaSdk = await checkIndexerIntegrity(createAuditClient({ url: `${ponder.url}/graphql` }));
    assert.equal(viaSdk.ok, true);
    const indexed = await all<{ logs: number }>("indexedBlocks", "logs");
    const handled = new Set(INDEXED_EVENTS.map((name) => name.split(":")[1]));
    assert.equal(
      indexed.reduce((sum, b) => sum + b.logs, 0),
      events.filter((e) => handled.has(e.eventName)).length,
      "one indexed_block count per handled OneWindow log",
    );
  });

  test("an indexer whose node drops one block's logs reports that block: /integrity and GraphQL answer 503", async () => {
    const latest = BigInt(await ponder.waitSynced(60_000));
    // A block of the historical range (realtime's eth_getLogs by block hash is checked by Ponder against the bloom).
    const vote = named("VoteCast").find((e) => e.blockNumber + 40n < latest)!;
    const drop = vote.blockNumber;
    const proxy = await startDroppingProxy(world.chain.rpcUrl, drop);
    const lossy = await startPonder({
      rpcUrl: proxy.url,
      deployment: world.deploymentFile,
      chainId: world.chain.chainId,
      env: { ...FAST_INTEGRITY, ONEWINDOW_INTEGRITY_RPC_URL: world.chain.rpcUrl },
    });
    try {
      const { status, body } = await waitIntegrity(lossy, (s) => s === 503, 240_000);
      assert.ok(proxy.dropped() > 0, "the proxy dropped the block's logs");
      assert.equal(status, 503);
      assert.equal(body.ok, false);
      assert.equal(body.gap!.block, Number(drop));
      assert.equal(body.gap!.indexedLogs, 0);
      assert.ok(body.gap!.nodeLogs >= 1);
      assert.match(body.message!.en, new RegExp(`block ${drop} .*index again from scratch`));
      assert.match(body.message!.zh, new RegExp(`区块 ${drop} .*重新索引`));
      const graphql = await fetch(`${lossy.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ votes(limit: 1) { totalCount } }" }),
      });
      assert.equal(graphql.status, 503);
      const audit = createAuditClient({ url: `${lossy.url}/graphql` });
      await assert.rejects(
        audit.request("{ votes(limit: 1) { totalCount } }"),
        (error: unknown) => error instanceof AuditQueryError && new RegExp(`block ${drop} `).test(error.message),
      );
      const viaSdk = await checkIndexerIntegrity(audit);
      assert.equal(viaSdk.ok, false);
      assert.equal(viaSdk.gap!.block, Number(drop));
    } finally {
      await lossy.stop();
      await proxy.stop();
    }
  });
});

describe("restart", () => {
  test("a restarted indexer on the same database resumes: new blocks indexed, nothing counted twice", async () => {
    const before = await actualCounts(["verifications", "applications", "departmentKpis"] as const);
    const kpiBefore = await ponder.graphql<{ departmentKpis: { items: { id: string; verifications: number }[] } }>(
      "{ departmentKpis(limit: 1000) { items { id verifications } } }",
    );
    await ponder.stop();
    const verifier = Object.keys(world.district.ids.departments)[0]!;
    await verifyTimes(world.district, world.verifiedLicence, [verifier, verifier], `0x${"cd".repeat(32)}`);
    await applyFor({ district: world.district, applicant: await world.newApplicant(), matterCode: "HD-GALLERY" });
    ponder = await startPonder({
      rpcUrl: world.chain.rpcUrl,
      deployment: world.deploymentFile,
      chainId: world.chain.chainId,
      dataDir,
      env: FAST_INTEGRITY,
    });
    await ponder.waitSynced(240_000);
    events = await chainEvents(world.chain.rpcUrl, world.deployment);
    const now = await actualCounts(["verifications", "applications", "departmentKpis"]);
    assert.deepEqual(now, {
      ...before,
      verifications: before.verifications + 2,
      applications: before.applications + 1,
    });
    assert.deepEqual(
      await actualCounts(Object.keys(expectedCounts()) as (keyof ReturnType<typeof expectedCounts>)[]),
      expectedCounts(),
    );
    const id = String(world.district.departmentId(verifier));
    const kpiAfter = await ponder.graphql<{ departmentKpi: { verifications: number } }>(
      `{ departmentKpi(id: "${id}") { verifications } }`,
    );
    const was = kpiBefore.departmentKpis.items.find((k) => k.id === id)?.verifications ?? 0;
    assert.equal(kpiAfter.departmentKpi.verifications, was + 2);
  });
});

describe("bad configuration", () => {
  test("a deployment file of another chain stops the indexer with a clear message", async () => {
    const wrong = path.join(temporaryDirectory("onewindow-indexer-bad-"), "1.json");
    writeFileSync(wrong, JSON.stringify({ ...world.deployment, chainId: 1 }));
    const bad = await startPonder({ rpcUrl: world.chain.rpcUrl, deployment: wrong, chainId: world.chain.chainId });
    try {
      await assert.rejects(bad.waitSynced(60_000), /is for chain 1, not 31337/);
    } finally {
      await bad.stop();
    }
  });
});

describe("PostgreSQL", () => {
  test(
    "the same entities on PostgreSQL as on PGlite",
    { skip: postgresBin() === undefined && "no PostgreSQL server binaries (apt-get install postgresql)" },
    async () => {
      const pg = await startPostgres();
      const onPg = await startPonder({
        rpcUrl: world.chain.rpcUrl,
        deployment: world.deploymentFile,
        chainId: world.chain.chainId,
        databaseUrl: pg.url,
      });
      try {
        await onPg.waitSynced(240_000);
        await ponder.waitSynced(60_000);
        const dump = async (p: RunningPonder) =>
          p.graphql(
            `{ a: applications(limit: 1000, orderBy: "id") { items { id status workingDays materialsUploaded licenceIds } }
             k: matterKpis(limit: 1000, orderBy: "id") { items { id applications completed workingDaysCounts medianWorkingDays meanWorkingDaysHundredths } }
             d: decisions(limit: 1000, orderBy: "id") { items { id signers votes onTime } }
             v: verifications(limit: 1000, orderBy: "id") { items { id licence department } } }`,
          );
        assert.deepEqual(await dump(onPg), await dump(ponder));
      } finally {
        await onPg.stop();
        await pg.stop();
      }
    },
  );
});
