/**
 * The one place where lists and history are read (STYLE.md: lists and history from the indexer,
 * current values from the chain), through the SDK's audit client: each query asks the indexer's
 * GraphQL (Ponder, INDEXER_URL, default 127.0.0.1:42069) first; while the indexer does not answer
 * it reads the same facts from the chain's events (the SDK's `createChainHistory`), and says which
 * source it used.
 */
import {
  BEIJING_OFFSET_SECONDS,
  createAuditClient,
  createChainHistory,
  getApplicationTrail,
  getDailyKpis,
  getLicenceVerifications,
  getMatterSavings,
  getPendingOutputLicence,
  listApplications as listIndexedApplications,
  pendingOutputLicenceOf,
  workingDaysBetweenOnChain,
  type AuditClient,
  type ChainHistory,
  type ChainHistoryReader,
  type OneWindowEvent,
} from "@onewindow/sdk";
import type { Hex } from "viem";

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

/** How long the pages wait for the indexer before reading the chain instead. */
const INDEXER_TIMEOUT_MS = 4000;

/** The SDK's audit client on the indexer, never cached, answering within the timeout. */
function auditClient(): AuditClient {
  return createAuditClient({
    url: `${indexerUrl()}/graphql`,
    pageSize: 1000,
    fetch: (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(INDEXER_TIMEOUT_MS), cache: "no-store" }),
  });
}

/** Runs SDK audit queries on the indexer; undefined when it does not answer or cannot answer them. */
export async function fromIndexer<T>(read: (audit: AuditClient) => Promise<T>): Promise<T | undefined> {
  try {
    return await read(auditClient());
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------- the chain's events

let history: { key: string; reader: ChainHistoryReader } | undefined;

/** Every OneWindow event of the engine and the licence registry so far, with block timestamps. */
export async function events(): Promise<ChainHistory> {
  const { client, deployment } = await getPlatform();
  const key = `${deployment.chainId}:${client.addresses.ApprovalEngine}:${deployment.deployedAt}`;
  if (history?.key !== key)
    history = {
      key,
      reader: createChainHistory(client, {
        fromBlock: BigInt(deployment.startBlock),
        contracts: ["ApprovalEngine", "LicenceRegistry"],
      }),
    };
  return history.reader.read();
}

/**
 * The output licence id the first vote of the step's current round named (every later vote must
 * name the same; the engine keeps it private until completion), from the `VoteCast` events: the
 * indexer's, or the chain's while the indexer has not seen it yet.
 */
export async function pendingOutputLicence(applicationId: Hex, step: number): Promise<Hex | undefined> {
  const indexed = await fromIndexer((audit) => getPendingOutputLicence(audit, { applicationId, step }));
  if (indexed) return indexed;
  const id = applicationId.toLowerCase();
  return pendingOutputLicenceOf(
    (await events()).events.flatMap((e) =>
      e.eventName === "VoteCast" && e.args.applicationId.toLowerCase() === id && e.args.step === step
        ? [{ round: e.args.round, outputLicence: e.args.outputLicenceId }]
        : [],
    ),
  );
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

/** The indexer's records of one application, in chain order, named as the contracts' events. */
async function trailFromIndexer(applicationId: Hex): Promise<TrailEntry[] | undefined> {
  const indexed = await fromIndexer((audit) => getApplicationTrail(audit, { applicationId }));
  if (!indexed) return undefined;
  return indexed.trail.map((entry): TrailEntry => {
    const e = entry.record;
    const at = { block: Number(e.blockNumber), timestamp: Number(e.timestamp), tx: e.transactionHash };
    switch (entry.type) {
      case "application": {
        const r = entry.record;
        return {
          kind: `Application${r.kind}`,
          step: r.step ?? undefined,
          details: r.reason ? `reason=${r.reason}` : "",
          ...at,
        };
      }
      case "activation": {
        const r = entry.record;
        return {
          kind: "StepActivated",
          step: r.stepIndex,
          details: `departmentId=${r.department} deadline=${r.deadline} round=${r.round}`,
          ...at,
        };
      }
      case "vote": {
        const r = entry.record;
        return {
          kind: "VoteCast",
          step: r.stepIndex,
          details: `officer=${r.officer} outcome=${r.outcome} reason=${r.reason} signed=${r.signed}`,
          ...at,
        };
      }
      case "decision": {
        const r = entry.record;
        return {
          kind: r.rule ? "StepApprovedByRule" : "StepDecided",
          step: r.stepIndex,
          details: `outcome=${r.outcome} reason=${r.reason} votes=${r.votes} onTime=${r.onTime}${r.rule ? ` rule=${r.rule}` : ""}`,
          ...at,
        };
      }
      case "overdue": {
        const r = entry.record;
        return {
          kind: "StepOverdue",
          step: r.stepIndex,
          details: `deadline=${r.deadline} flaggedBy=${r.flaggedBy}`,
          ...at,
        };
      }
    }
  });
}

export async function getTrail(
  applicationId: Hex,
  prefer: Source = "indexer",
): Promise<{ source: Source; entries: TrailEntry[] }> {
  const id = applicationId.toLowerCase();
  const indexed = prefer === "indexer" ? await trailFromIndexer(applicationId) : undefined;
  if (indexed) return { source: "indexer", entries: indexed };
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
  const indexed = await fromIndexer((audit) => getLicenceVerifications(audit, { licenceId }));
  if (indexed)
    return {
      source: "indexer",
      entries: indexed.map((v) => ({
        department: Number(v.department),
        result: v.result,
        officer: v.officer,
        fieldMask: v.fieldMask.toString(),
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
  const indexed = await fromIndexer((audit) => listIndexedApplications(audit));
  if (indexed)
    return {
      source: "indexer",
      applications: indexed.map((a) => ({
        applicationId: a.id,
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
  return new Date((timestamp + BEIJING_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

export async function getKpis(): Promise<{ source: Source; kpis: Kpis }> {
  const indexed = await fromIndexer((audit) => Promise.all([getMatterSavings(audit), getDailyKpis(audit)]));
  if (indexed) {
    const [savings, daily] = indexed;
    return {
      source: "indexer",
      kpis: {
        perMatter: savings.map((k) => ({
          matterId: Number(k.matter),
          applications: k.applications,
          completed: k.completed,
          // Totals over the matter's applications (subgraph/schema.graphql: savings).
          materialsSaved: Math.max(0, k.materialsSaved),
          daysSaved: Math.max(0, k.workingDaysSaved),
        })),
        daily: daily.map((d) => ({ date: d.id, applications: d.applications })),
        deadlinesMet: savings.reduce((n, k) => n + k.deadlinesMet, 0),
        deadlinesMissed: savings.reduce((n, k) => n + k.deadlinesMissed, 0),
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
