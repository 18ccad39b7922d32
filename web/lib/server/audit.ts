/**
 * The one place where lists and history are read (STYLE.md: lists and history from the indexer,
 * current values from the chain). Each query asks the indexer's GraphQL (Ponder, INDEXER_URL,
 * default 127.0.0.1:42069) first; while the indexer does not answer it reads the same facts from
 * the chain's events through the SDK (`getOneWindowEvents`), and says which source it used.
 */
import { ABIS, getOneWindowEvents, workingDaysBetweenOnChain, type OneWindowEvent } from "@onewindow/sdk";
import { decodeFunctionData, type Hex } from "viem";

import { getCatalogue, getPlatform, indexerUrl } from "./platform.ts";

export type Source = "indexer" | "chain";
export type TrailEntry = {
  kind: string;
  step: number | undefined;
  details: string;
  block: number;
  timestamp: number;
  tx: string;
};
export type VerificationEntry = {
  department: number;
  result: number;
  officer: string;
  fieldMask: string;
  timestamp: number;
  block: number;
  tx: string;
};
export type MatterKpiView = {
  matterId: number;
  applications: number;
  completed: number;
  materialsSaved: number;
  daysSaved: number;
};
export type Kpis = {
  perMatter: MatterKpiView[];
  daily: { date: string; applications: number }[];
  deadlinesMet: number;
  deadlinesMissed: number;
};
export type ApplicationListing = { applicationId: Hex; matterId: number; applicant: string; submittedAt: number };

// ------------------------------------------------------------------------------------ the indexer

type GraphQLResult<T> = { data?: T; errors?: { message: string }[] };

/** Runs a query on the indexer; undefined when it does not answer or cannot answer this query. */
export async function indexer<T>(query: string, variables: Record<string, unknown> = {}): Promise<T | undefined> {
  try {
    const response = await fetch(`${indexerUrl()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(4000),
      cache: "no-store",
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as GraphQLResult<T>;
    return body.errors?.length ? undefined : body.data;
  } catch {
    return undefined;
  }
}

export type Items<T> = { items: T[] };

// ------------------------------------------------------------------------------- the chain's events

let store: { key: string; toBlock: bigint; events: OneWindowEvent[]; times: Map<bigint, number> } | undefined;
let refreshing: Promise<NonNullable<typeof store>> | undefined;

/** Every OneWindow event so far, read incrementally, with block timestamps. */
export async function events(): Promise<NonNullable<typeof store>> {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    const { client, deployment } = await getPlatform();
    const key = `${deployment.chainId}:${client.addresses.ApprovalEngine}:${deployment.deployedAt}`;
    if (store?.key !== key) store = { key, toBlock: BigInt(deployment.startBlock) - 1n, events: [], times: new Map() };
    const latest = await client.public.getBlockNumber();
    if (latest > store.toBlock) {
      const fresh = await getOneWindowEvents(client, {
        fromBlock: store.toBlock + 1n,
        toBlock: latest,
        contracts: ["ApprovalEngine", "LicenceRegistry"],
      });
      const blocks = [...new Set(fresh.map((e) => e.blockNumber))].filter((b) => !store!.times.has(b));
      const read = await Promise.all(blocks.map((blockNumber) => client.public.getBlock({ blockNumber })));
      for (const block of read) store.times.set(block.number, Number(block.timestamp));
      store.events.push(...fresh);
      store.toBlock = latest;
    }
    return store;
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/**
 * The output licence id the first approving vote on an output step named (every later vote must
 * name the same; the engine keeps it private until completion): read from that vote's transaction.
 */
export async function pendingOutputLicence(applicationId: Hex, step: number): Promise<Hex | undefined> {
  const { client } = await getPlatform();
  const { events: all } = await events();
  const id = applicationId.toLowerCase();
  const votes = all.filter(
    (e) => e.eventName === "VoteCast" && e.args.applicationId.toLowerCase() === id && e.args.step === step,
  );
  const last = votes.at(-1);
  if (!last || last.eventName !== "VoteCast") return undefined;
  const round = last.args.round;
  for (const vote of votes.filter((v) => v.eventName === "VoteCast" && v.args.round === round)) {
    const transaction = await client.public.getTransaction({ hash: vote.transactionHash });
    try {
      const call = decodeFunctionData({ abi: ABIS.ApprovalEngine, data: transaction.input });
      if (call.functionName === "decide") {
        const output = call.args[4] as Hex;
        if (!/^0x0{64}$/.test(output)) return output;
      }
    } catch {
      // another contract's call (a multisig, a batch): not readable here
    }
  }
  return undefined;
}

function describe(event: OneWindowEvent): { step: number | undefined; details: string } {
  const args = event.args as Record<string, unknown>;
  const step = typeof args.step === "number" ? args.step : undefined;
  const skip = new Set(["applicationId", "step"]);
  const details = Object.entries(args)
    .filter(([k]) => !skip.has(k))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length}]` : String(v)}`)
    .join(" ");
  return { step, details };
}

// ---------------------------------------------------------------------------------------- queries

type Indexed = { blockNumber: string; timestamp: string; transactionHash: string; logIndex: number };

/** The indexer's entities of one application, in chain order, named as the contracts' events. */
async function trailFromIndexer(id: string): Promise<TrailEntry[] | undefined> {
  const data = await indexer<{
    applicationEvents: Items<Indexed & { kind: string; step: number | null; reason: number }>;
    stepActivations: Items<Indexed & { stepIndex: number; department: string; deadline: string; round: number }>;
    votes: Items<Indexed & { stepIndex: number; officer: string; outcome: number; reason: number; signed: boolean }>;
    decisions: Items<
      Indexed & {
        stepIndex: number;
        outcome: number;
        reason: number;
        votes: number;
        onTime: boolean;
        rule: string | null;
      }
    >;
    overdueFlags: Items<Indexed & { stepIndex: number; deadline: string; flaggedBy: string }>;
  }>(
    `query($id: String!) {
      applicationEvents(where: { application: $id }, limit: 1000) { items { kind step reason blockNumber timestamp transactionHash logIndex } }
      stepActivations(where: { application: $id }, limit: 1000) { items { stepIndex department deadline round blockNumber timestamp transactionHash logIndex } }
      votes(where: { application: $id }, limit: 1000) { items { stepIndex officer outcome reason signed blockNumber timestamp transactionHash logIndex } }
      decisions(where: { application: $id }, limit: 1000) { items { stepIndex outcome reason votes onTime rule blockNumber timestamp transactionHash logIndex } }
      overdueFlags(where: { application: $id }, limit: 1000) { items { stepIndex deadline flaggedBy blockNumber timestamp transactionHash logIndex } }
    }`,
    { id },
  );
  if (!data) return undefined;
  const rows: (TrailEntry & { logIndex: number })[] = [];
  const push = (e: Indexed, kind: string, step: number | undefined, details: string) =>
    rows.push({
      kind,
      step,
      details,
      block: Number(e.blockNumber),
      timestamp: Number(e.timestamp),
      tx: e.transactionHash,
      logIndex: e.logIndex,
    });
  for (const e of data.applicationEvents.items)
    push(e, `Application${e.kind}`, e.step ?? undefined, e.reason ? `reason=${e.reason}` : "");
  for (const e of data.stepActivations.items)
    push(e, "StepActivated", e.stepIndex, `departmentId=${e.department} deadline=${e.deadline} round=${e.round}`);
  for (const e of data.votes.items)
    push(e, "VoteCast", e.stepIndex, `officer=${e.officer} outcome=${e.outcome} reason=${e.reason} signed=${e.signed}`);
  for (const e of data.decisions.items)
    push(
      e,
      e.rule ? "StepApprovedByRule" : "StepDecided",
      e.stepIndex,
      `outcome=${e.outcome} reason=${e.reason} votes=${e.votes} onTime=${e.onTime}${e.rule ? ` rule=${e.rule}` : ""}`,
    );
  for (const e of data.overdueFlags.items)
    push(e, "StepOverdue", e.stepIndex, `deadline=${e.deadline} flaggedBy=${e.flaggedBy}`);
  rows.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  return rows.map(({ logIndex: _logIndex, ...entry }) => entry);
}

export async function getTrail(
  applicationId: Hex,
  prefer: Source = "indexer",
): Promise<{ source: Source; entries: TrailEntry[] }> {
  const id = applicationId.toLowerCase();
  const fromIndexer = prefer === "indexer" ? await trailFromIndexer(id) : undefined;
  if (fromIndexer) return { source: "indexer", entries: fromIndexer };
  const { events: all, times } = await events();
  return {
    source: "chain",
    entries: all
      .filter((e) => String((e.args as { applicationId?: unknown }).applicationId ?? "").toLowerCase() === id)
      .map((e) => ({
        kind: e.eventName,
        ...describe(e),
        block: Number(e.blockNumber),
        timestamp: times.get(e.blockNumber) ?? 0,
        tx: e.transactionHash,
      })),
  };
}

export async function getVerifications(licenceId: Hex): Promise<{ source: Source; entries: VerificationEntry[] }> {
  const id = licenceId.toLowerCase();
  const fromIndexer = await indexer<{
    verifications: Items<{
      department: string;
      result: number;
      officer: string;
      fieldMask: string;
      timestamp: string;
      blockNumber: string;
      transactionHash: string;
    }>;
  }>(
    `query($id: String!) { verifications(where: { licence: $id }, orderBy: "blockNumber", orderDirection: "asc", limit: 1000) { items { department result officer fieldMask timestamp blockNumber transactionHash } } }`,
    { id },
  );
  if (fromIndexer)
    return {
      source: "indexer",
      entries: fromIndexer.verifications.items.map((v) => ({
        department: Number(v.department),
        result: v.result,
        officer: v.officer,
        fieldMask: v.fieldMask,
        timestamp: Number(v.timestamp),
        block: Number(v.blockNumber),
        tx: v.transactionHash,
      })),
    };
  const { events: all } = await events();
  return {
    source: "chain",
    entries: all.flatMap((e) =>
      e.eventName === "LicenceVerified" && e.args.licenceId.toLowerCase() === id
        ? [
            {
              department: e.args.verifierDepartment,
              result: e.args.result,
              officer: e.args.officer,
              fieldMask: `0x${e.args.fieldMask.toString(16)}`,
              timestamp: e.args.timestamp,
              block: Number(e.blockNumber),
              tx: e.transactionHash,
            },
          ]
        : [],
    ),
  };
}

/** Every application, newest first. */
export async function listApplications(): Promise<{ source: Source; applications: ApplicationListing[] }> {
  const fromIndexer = await indexer<{
    applications: Items<{ id: string; matter: string; applicant: string; submittedAt: string }>;
  }>(
    `{ applications(orderBy: "submittedAt", orderDirection: "desc", limit: 1000) { items { id matter applicant submittedAt } } }`,
  );
  if (fromIndexer)
    return {
      source: "indexer",
      applications: fromIndexer.applications.items.map((a) => ({
        applicationId: a.id as Hex,
        matterId: Number(a.matter),
        applicant: a.applicant,
        submittedAt: Number(a.submittedAt),
      })),
    };
  const { events: all, times } = await events();
  return {
    source: "chain",
    applications: all
      .flatMap((e) =>
        e.eventName === "ApplicationSubmitted"
          ? [
              {
                applicationId: e.args.applicationId,
                matterId: e.args.matterId,
                applicant: e.args.applicant,
                submittedAt: times.get(e.blockNumber) ?? 0,
              },
            ]
          : [],
      )
      .reverse(),
  };
}

/** Local date (Beijing, UTC+8, the calendar's default zone) of a timestamp. */
function localDate(timestamp: number): string {
  return new Date((timestamp + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

export async function getKpis(): Promise<{ source: Source; kpis: Kpis }> {
  const fromIndexer = await indexer<{
    matterKpis: Items<{
      id: string;
      applications: number;
      completed: number;
      totalWorkingDays: number;
      deadlinesMet: number;
      deadlinesMissed: number;
      materialsUploaded: number;
      baselineMaterials: number;
      baselineWorkingDays: number;
    }>;
    dailyKpis: Items<{ id: string; applications: number }>;
  }>(
    `{ matterKpis(limit: 1000) { items { id applications completed totalWorkingDays deadlinesMet deadlinesMissed materialsUploaded baselineMaterials baselineWorkingDays } } dailyKpis(orderBy: "date", orderDirection: "asc", limit: 1000) { items { id applications } } }`,
  );
  if (fromIndexer) {
    const items = fromIndexer.matterKpis.items;
    return {
      source: "indexer",
      kpis: {
        perMatter: items.map((k) => ({
          matterId: Number(k.id),
          applications: k.applications,
          completed: k.completed,
          // Totals over the matter's applications (subgraph/schema.graphql: savings).
          materialsSaved: Math.max(0, k.baselineMaterials - k.materialsUploaded),
          daysSaved: Math.max(0, k.baselineWorkingDays - k.totalWorkingDays),
        })),
        daily: fromIndexer.dailyKpis.items.map((d) => ({ date: d.id, applications: d.applications })),
        deadlinesMet: items.reduce((n, k) => n + k.deadlinesMet, 0),
        deadlinesMissed: items.reduce((n, k) => n + k.deadlinesMissed, 0),
      },
    };
  }
  const [{ events: all, times }, { client }, catalogue] = await Promise.all([events(), getPlatform(), getCatalogue()]);
  const baseline = new Map(catalogue.matters.map((v) => [v.matterId, v.matter.definition.baseline]));
  const perMatter = new Map<number, MatterKpiView>();
  const submitted = new Map<string, { matterId: number; at: number }>();
  const daily = new Map<string, number>();
  let met = 0;
  let missed = 0;
  const completions: Promise<void>[] = [];
  for (const e of all) {
    const at = times.get(e.blockNumber) ?? 0;
    if (e.eventName === "ApplicationSubmitted") {
      const k = perMatter.get(e.args.matterId) ?? {
        matterId: e.args.matterId,
        applications: 0,
        completed: 0,
        materialsSaved: 0,
        daysSaved: 0,
      };
      k.applications += 1;
      k.materialsSaved += Math.max(0, (baseline.get(e.args.matterId)?.materials ?? 0) - e.args.uploadHashes.length);
      perMatter.set(e.args.matterId, k);
      submitted.set(e.args.applicationId, { matterId: e.args.matterId, at });
      daily.set(localDate(at), (daily.get(localDate(at)) ?? 0) + 1);
    } else if (e.eventName === "StepDecided" || e.eventName === "StepApprovedByRule") {
      if (e.args.onTime) met += 1;
      else missed += 1;
    } else if (e.eventName === "ApplicationCompleted") {
      const s = submitted.get(e.args.applicationId);
      const k = s && perMatter.get(s.matterId);
      if (s && k) {
        k.completed += 1;
        completions.push(
          workingDaysBetweenOnChain(client, { from: s.at, to: at }).then((days) => {
            k.daysSaved += Math.max(0, (baseline.get(s.matterId)?.workingDays ?? 0) - days);
          }),
        );
      }
    }
  }
  await Promise.all(completions);
  return {
    source: "chain",
    kpis: {
      perMatter: [...perMatter.values()],
      daily: [...daily.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, applications]) => ({ date, applications })),
      deadlinesMet: met,
      deadlinesMissed: missed,
    },
  };
}
