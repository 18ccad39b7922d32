/**
 * bench/results/SUMMARY.md and capacity.md, written from the JSON files present (each part calls
 * writeReports after writing its own file; `npm run bench` once more at the end). A part whose
 * file is missing gets a line saying how to produce it.
 *
 *   node --import tsx bench/summary.ts     (rewrites both from the files in bench/results/)
 */
import type { UploadsBenchResult } from "./exchange.ts";
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";

import { GAS_DEFINITIONS, RATIO_PAIRS, type GasJson } from "./gas-keys.ts";
import { readJson, type Measurement } from "./results.ts";

/** Parts that `npm run bench` ran and found missing (their script does not exist yet), by name. */
export type MissingParts = Record<string, string>;

const n = (value: number) => Math.round(value).toLocaleString("en-US");
const f = (value: number, digits = 1) => value.toFixed(digits);
/** Whole gas per item, or "—" for none. */
const perItem = (gas: number, count: number) => (count > 0 ? n(gas / count) : "—");
/** Items per second, or "—" when the time is zero. */
const rate = (count: number, seconds: number) => (seconds > 0 ? f(count / seconds) : "—");
const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

type Percentiles = { samples: number; p50: number; p95: number };
type IndexerJson = {
  chain: string;
  backend: string;
  pollingIntervalMs: number;
  events: number;
  blocks: number;
  generation: { seconds: number; eventsPerSecond: number };
  catchUp?: { seconds: number; startupSeconds: number; indexingSeconds: number; eventsPerSecond: number };
  queriesMs?: Record<string, Percentiles>;
  lagMs?: Percentiles;
};
type WebJson = {
  routes: Record<string, { performance: number; accessibility: number; firstLoadJsKb: number }>;
  method?: { lighthouse?: string; server?: string; firstLoadJsKb?: string };
};

type ThroughputJson = {
  measuredAt: string;
  machine?: { cores: number; node: string; loadAverage?: number[] };
  note?: string;
  options: { runs: number; count: number; batches: number; batchSize: number };
  results: {
    chain: string;
    workload: string;
    unit: string;
    count: number;
    sdk: Measurement;
    raw: Measurement;
    ratio: number;
    /** JSON-RPC requests per operation (per batch for the batched issue), by method and `total`. */
    rpc?: Record<"sdk" | "raw", Record<string, number>>;
  }[];
};

/** One indexer catch-up over the scale chain (bench/scale.ts `indexChain`). */
export type ScaleIndexerRun = {
  seconds: number;
  events: number | null;
  /** ApplicationSubmitted events on the chain indexed (absent in files written before it was counted). */
  applications?: number;
  backend?: "pglite" | "postgres";
  /** Seconds from start until Ponder's first GraphQL answer (included in `seconds`). */
  startupSeconds?: number;
  /** The chain in ten equal block ranges: when each was indexed and at what rate. */
  tenths?: {
    fromBlock: number;
    toBlock: number;
    events: number;
    seconds: number;
    eventsPerSecond: number;
    /** CPU seconds of Ponder (and of the PostgreSQL server) for the tenth: steadier than wall time on a shared machine. */
    cpuSeconds?: number;
    eventsPerCpuSecond?: number;
  }[];
  /** CPU seconds after the first answer (Ponder, plus PostgreSQL's server). */
  cpuSeconds?: number;
  eventsPerCpuSecond?: number;
  /** The last blocks, which Ponder indexes block by block in its realtime phase (not in the tenths). */
  realtimeTail?: NonNullable<ScaleIndexerRun["tenths"]>[number];
  /** Events/s of the last tenth ÷ the first. */
  lastToFirst?: number;
  loadAverage?: string;
};

export type ScaleJson = {
  measuredAt: string;
  chain: string;
  requested: { licences: number; applications: number };
  licences: { count: number; batches: number; batchSize: number; gas: number; seconds: number };
  applications: { count: number; transactions: number; gas: number; seconds: number };
  chainData: { blocks: number; blockBytes: number; stateDumpBytes: number | null; method: string };
  indexer: ScaleIndexerRun | null;
  /** The same catch-up with PostgreSQL (absent when not installed or not asked for). */
  indexerPostgres?: ScaleIndexerRun | null;
  indexerReason?: string;
  note?: string;
};

export type ExchangeJson = {
  measuredAt: string;
  machine?: { cores: number; node: string; loadAverageBefore: number[]; loadAverageAfter: number[]; workers: number };
  uploads?: UploadsBenchResult[];
  results: {
    backend: string;
    seconds: number;
    connections: number;
    requests: number;
    non2xx: number;
    disclosuresPerSecond: number;
    latencyMs: { p50: number; p95: number; p99: number };
    cpuMsPerDisclosure?: number;
  }[];
};

/** Renders any JSON value as a compact markdown list (for parts whose shape this file does not know). */
function generic(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") return `${indent}${JSON.stringify(value)}`;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries
    .map(([k, v]) =>
      v !== null && typeof v === "object"
        ? `${indent}- **${k}**\n${generic(v, indent + "  ")}`
        : `${indent}- **${k}**: ${JSON.stringify(v)}`,
    )
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// Capacity on paper.

/** Our production profile (network/besu/genesis.json): QBFT block period. */
export const BESU_BLOCK_PERIOD_SECONDS = 2;
/** A block gas limit to reason with: Ethereum mainnet's 30M (our genesis sets 0x1fffffffffffff, i.e. no practical limit). */
export const REFERENCE_BLOCK_GAS_LIMIT = 30_000_000;
/** Besu's published stable QBFT throughput (4 validators, Caliper ERC-20 transfers, one Caliper on one node). */
export const BESU_QBFT_ERC20_TPS = 520;
/** Gas of an ERC-20 transfer to a fresh recipient (the Caliper workload's heavier case), to turn TPS into gas per second. */
export const ERC20_TRANSFER_GAS = 51_000;
export const BESU_QBFT_SOURCE = "https://wiki.hyperledger.org/display/BESU/QBFT+Performance";
/** Beijing's volumes named in the articles (/work/shared/seeds). */
export const BEIJING_VOLUMES = {
  haidianVisitorsPerDay: {
    value: 3_000,
    text: "Haidian's administrative service centre 'used to receive nearly 3,000 people a day' (600 after moving online)",
    source: "seeds/003_939b9599ccf45df5.txt, line 27",
  },
  haidianMatters: {
    value: 1_621,
    text: "all 1,621 district-level government service matters verify materials on chain",
    source: "seeds/000_9a7e9723b061c710.txt, lines 5 and 15",
  },
  beijingMaterialsPerYear: {
    value: 100_000,
    text: "100,000 copies of materials streamlined in one year by on-chain electronic licences (Beijing)",
    source: "seeds/004_9e60c2653b88dc78.txt, line 5",
  },
};

export function capacityMarkdown(gas: GasJson): string {
  const day = 86_400;
  const blocksPerDay = day / BESU_BLOCK_PERIOD_SECONDS;
  const gasPerDayLimit = REFERENCE_BLOCK_GAS_LIMIT * blocksPerDay;
  const gasPerSecondBesu = BESU_QBFT_ERC20_TPS * ERC20_TRANSFER_GAS;
  const gasPerDayBesu = gasPerSecondBesu * day;
  const ops = [
    ["applications (VR hall, whole lifecycle: 8 transactions)", gas.ours.vrHallLifecycle],
    ["applications (submission with 5 licences)", gas.ours.submitApplication5Licences],
    ["decisions (one officer's direct vote)", gas.ours.decideDirect],
    ["decisions (3 of 5 signatures, activating the next step)", gas.ours.decide3of5Signatures],
    ["verifications recorded (evidence event)", gas.ours.recordVerification],
    ["licences issued one by one", gas.ours.issueSingle],
    ["licences issued in batches of 1,024", gas.ours.issueBatchRoot / 1024],
  ] as const;
  const rows = ops.map(([what, g]) => [what, n(g), n(gasPerDayLimit / g), n(gasPerDayBesu / g)]);
  const vr = gas.ours.vrHallLifecycle;
  const appsPerDay = Math.min(gasPerDayLimit, gasPerDayBesu) / vr;
  const v = BEIJING_VOLUMES;
  return `# Capacity of one OneWindow network, on paper

Written by \`npm run bench -- gas\` from \`gas.json\` (exact gas of each operation, production compiler
profile). Nothing here is measured on Besu: it is arithmetic on our measured gas and two published
limits, so read it as an order of magnitude.

## Assumptions

- **Block period ${BESU_BLOCK_PERIOD_SECONDS} s**: our Besu QBFT profile (\`network/besu/genesis.json\`: \`blockperiodseconds: 2\`),
  i.e. ${n(blocksPerDay)} blocks a day.
- **Block gas limit**: our genesis sets \`gasLimit 0x1fffffffffffff\` (as Besu's own example genesis files
  do), which is no practical limit on a free-gas network: what bounds it is how fast the validators execute.
  So two bounds are given:
  1. **gas-bound**: ${n(REFERENCE_BLOCK_GAS_LIMIT)} gas per block (Ethereum mainnet's limit, a
     conservative cap an operator may choose) → ${n(gasPerDayLimit)} gas a day;
  2. **Besu-throughput-bound**: Besu's published stable QBFT throughput, ${BESU_QBFT_ERC20_TPS} TPS of
     ERC-20 transfers with 4 validators and one Caliper client on one node (645 TPS with two clients on
     their own nodes; 750–1,200 TPS for Caliper's simple contract), from the Besu project's
     "QBFT Performance" page, ${BESU_QBFT_SOURCE}. Taking an ERC-20
     transfer as ≈ ${n(ERC20_TRANSFER_GAS)} gas, that is ≈ ${n(gasPerSecondBesu)} gas/s → ${n(gasPerDayBesu)} gas a day.
     Scaling a transfer-TPS figure by gas is an approximation (signature checks and storage writes do
     not cost Besu time in proportion to gas).

## Operations per day

| operation | gas each | per day, gas-bound (30M/2 s) | per day, Besu-throughput-bound |
| --- | ---: | ---: | ---: |
${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}

One network could carry **≈ ${n(appsPerDay)} VR-hall-sized applications a day** (the lower of the two bounds,
every one of them a six-department matter with all its decisions and its output licence), while
doing nothing else. A mixed day — say each application also records 5 verifications and 5
consents — costs ${n(vr + 5 * gas.ours.recordVerification + 5 * gas.ours.grantConsent)} gas per application,
still ≈ ${n(Math.min(gasPerDayLimit, gasPerDayBesu) / (vr + 5 * gas.ours.recordVerification + 5 * gas.ours.grantConsent))} a day.

## Against Beijing's volumes (the articles)

| volume in the articles | figure | source | share of one network's daily capacity |
| --- | ---: | --- | ---: |
| ${v.haidianVisitorsPerDay.text} | ${n(v.haidianVisitorsPerDay.value)} a day | ${v.haidianVisitorsPerDay.source} | ${f((100 * v.haidianVisitorsPerDay.value) / appsPerDay, 2)} % (as applications) |
| ${v.beijingMaterialsPerYear.text} | ${n(v.beijingMaterialsPerYear.value)} a year | ${v.beijingMaterialsPerYear.source} | ${f((100 * (v.beijingMaterialsPerYear.value / 365) * gas.ours.recordVerification) / Math.min(gasPerDayLimit, gasPerDayBesu), 4)} % (as verifications) |
| ${v.haidianMatters.text} | ${n(v.haidianMatters.value)} matters | ${v.haidianMatters.source} | catalogue size, not a daily load |

Even if every one of the ~3,000 people who came to Haidian's service centre each day filed a
VR-hall-sized application (six departments, eight transactions), one network would use about
${f((100 * v.haidianVisitorsPerDay.value) / appsPerDay, 2)} % of its capacity; all 16 districts of Beijing (seeds/003_939b9599ccf45df5.txt, line 29) at that rate, about ${f((1600 * v.haidianVisitorsPerDay.value) / appsPerDay, 1)} %.
The chain is not what limits such a district: people, documents and departments' working days are.
`;
}

// ---------------------------------------------------------------------------------------------
// SUMMARY.md

/** What a ratio compares, where the two sides do not do the same work. */
const READINGS: Record<string, string> = {
  easAttest:
    "both record one credential; EAS stores the whole attestation (schema, parties, times, data) where OneWindow stores a 32-byte commitment with type, version, expiry and issuer",
  documentStoreIssueRoot:
    "ours also checks the officer's department may issue that licence type and records type, version, expiry, count and issuer; DocumentStore sets one flag for the root",
  documentStoreRevokeLeaf: "the same Merkle proof (10 hashes); ours also checks the officer's department",
  safe3of5ExecOverhead:
    "ours is the whole decision (signatures, state, next step's deadline from the working calendar, events); the Safe figure is only its multisig overhead around a call",
};

export function summaryMarkdown(directory: string, missing: MissingParts = {}): string {
  const sections: string[] = [];
  const gas = readJson<GasJson>(directory, "gas.json");
  const details = readJson<{ measuredAt: string; network: string; parameters: Record<string, number> }>(
    directory,
    "gas-details.json",
  );
  const absent = (part: string, file: string) =>
    missing[part] !== undefined
      ? `_Not measured: ${missing[part]}_`
      : `_No \`${file}\` yet: run \`npm run bench -- ${part}\`._`;

  sections.push("## Gas: OneWindow vs the usual parts\n");
  if (gas) {
    sections.push(
      `Exact gasUsed per transaction, production compiler profile, one in-process Hardhat (EDR) network, one run${details ? ` (${details.measuredAt})` : ""}. ` +
        "Anchors deployed from their npm packages' compiled bytecode: EAS 1.9.0, OpenAttestation DocumentStore 4.1.0, Safe 1.4.1.\n",
      table(
        ["OneWindow", "gas", "what"],
        Object.entries(gas.ours).map(([k, g]) => [`\`${k}\``, n(g), GAS_DEFINITIONS.ours[k as keyof GasJson["ours"]]]),
      ),
      "",
      table(
        ["anchor", "gas", "what"],
        Object.entries(gas.anchors).map(([k, g]) => [
          `\`${k}\``,
          n(g),
          GAS_DEFINITIONS.anchors[k as keyof GasJson["anchors"]],
        ]),
      ),
      "",
      table(
        ["ours ÷ anchor", "ratio", "reading"],
        RATIO_PAIRS.map(([a, b]) => {
          const r = gas.ratios[`${a}/${b}`];
          return [
            `\`${a}\` ÷ \`${b}\``,
            f(r, 3),
            READINGS[b] ?? (r < 0.95 ? "ours is cheaper" : r > 1.05 ? "ours costs more" : "about the same"),
          ];
        }),
      ),
    );
  } else sections.push(absent("gas", "gas.json"));

  sections.push("\n## Throughput: SDK vs raw viem\n");
  const throughput = readJson<ThroughputJson>(directory, "throughput.json");
  if (throughput) {
    sections.push(
      `Operations per second from the first send to the last receipt; median [min–max] of ${throughput.options.runs} runs each way, alternating which goes first (${throughput.measuredAt}${throughput.machine?.loadAverage ? `; load average ${throughput.machine.loadAverage.join(" / ")} at the end` : ""}). ` +
        (throughput.note ? `${throughput.note} ` : "") +
        "Same transactions both ways. The SDK checks every input before sending (for issues, each licence file's shape and integrity — its field tree recomputed, unless the file is one `buildLicence` built in the same process and unchanged since — chain, registry and issuing department; for a batch, every member's proof is attached to its file), estimates gas and decodes every receipt's events; raw viem sends prepared calldata with explicit nonces and only awaits the receipts. The requests each way sent in the timed part are counted (throughput.json has them by method). " +
        "For applications, raw viem sends every submission, reads the ids from their receipts, then sends every decision, where the SDK pipelines each application (its decision follows its own submission).\n",
      table(
        ["chain", "workload", "ops/run", "SDK", "raw viem", "SDK ÷ raw", "JSON-RPC requests per op (SDK / raw)"],
        throughput.results.map((r) => [
          r.chain,
          r.unit,
          r.count,
          `${f(r.sdk.median)} [${f(r.sdk.min)}–${f(r.sdk.max)}]`,
          `${f(r.raw.median)} [${f(r.raw.min)}–${f(r.raw.max)}]`,
          f(r.ratio, 3),
          r.rpc
            ? `${r.rpc.sdk.total ?? 0} / ${r.rpc.raw.total ?? 0}${r.workload === "issueBatched" ? " per batch" : ""}`
            : "–",
        ]),
      ),
    );
  } else sections.push(absent("throughput", "throughput.json"));

  sections.push("\n## Scale\n");
  const scale = readJson<ScaleJson>(directory, "scale.json");
  if (scale) {
    const full = scale.requested.licences >= 1_000_000 && scale.requested.applications >= 10_000;
    sections.push(
      `${scale.chain}, ${scale.measuredAt}.${full ? "" : ` **Reduced size** (the issue asks for 1,000,000 licences and 10,000 applications; this run did ${n(scale.licences.count)} and ${n(scale.applications.count)}).`}${scale.note ? ` ${scale.note}` : ""}\n`,
      table(
        ["what", "count", "transactions", "total gas", "gas each", "wall time (s)", "per second"],
        [
          [
            `licences in batches of ${n(scale.licences.batchSize)}`,
            n(scale.licences.count),
            n(scale.licences.batches),
            n(scale.licences.gas),
            perItem(scale.licences.gas, scale.licences.count),
            f(scale.licences.seconds),
            rate(scale.licences.count, scale.licences.seconds),
          ],
          [
            "VR-hall applications to completion",
            n(scale.applications.count),
            n(scale.applications.transactions),
            n(scale.applications.gas),
            perItem(scale.applications.gas, scale.applications.count),
            f(scale.applications.seconds),
            rate(scale.applications.count, scale.applications.seconds),
          ],
        ],
      ),
      "",
      `Chain data: ${n(scale.chainData.blocks)} blocks, ${n(scale.chainData.blockBytes)} bytes of blocks` +
        (scale.chainData.stateDumpBytes === null ? "" : `, state dump ${n(scale.chainData.stateDumpBytes)} bytes`) +
        ` (${scale.chainData.method}).`,
      "",
      ...[scale.indexer, scale.indexerPostgres].flatMap((run, i) => {
        if (run === undefined || (run === null && i > 0)) return [];
        if (run === null) return [`Indexer catch-up: not measured (${scale.indexerReason ?? "no reason recorded"}).`];
        const lines = [
          `Indexer catch-up over all of it, ${run.backend === "postgres" ? "PostgreSQL" : "PGlite"} (Ponder from block 0 to the head, started after the last block): ${f(run.seconds)} s${run.events === null ? "" : ` for ${n(run.events)} events (${rate(run.events, run.seconds)} events/s)`}, ${rate(scale.chainData.blocks, run.seconds)} blocks/s${run.startupSeconds === undefined ? "" : `, ${f(run.startupSeconds)} s of it before Ponder's first answer`}${run.loadAverage ? `; load average ${run.loadAverage}` : ""}.`,
        ];
        if (run.tenths?.length) {
          lines.push(
            "",
            table(
              ["tenth", "blocks", "events", "seconds", "events/s", "CPU seconds", "events per CPU second"],
              run.tenths.map((t, k) => [
                k + 1,
                `${n(t.fromBlock)}–${n(t.toBlock)}`,
                n(t.events),
                f(t.seconds),
                n(t.eventsPerSecond),
                t.cpuSeconds === undefined ? "–" : f(t.cpuSeconds),
                t.eventsPerCpuSecond === undefined ? "–" : n(t.eventsPerCpuSecond),
              ]),
            ),
            "",
            `Last tenth ÷ first tenth (events/s): ${run.lastToFirst === undefined ? "–" : run.lastToFirst.toFixed(2)}.` +
              (run.realtimeTail
                ? ` The last ${n(run.realtimeTail.toBlock - run.realtimeTail.fromBlock + 1)} blocks (Ponder's realtime phase, block by block): ${f(run.realtimeTail.seconds)} s.`
                : ""),
          );
        }
        return [...lines, ""];
      }),
    );
  } else sections.push(absent("scale", "scale.json"));

  sections.push("\n## Exchange: consented disclosures\n");
  const exchange = readJson<ExchangeJson>(directory, "exchange.json");
  if (exchange) {
    const m = exchange.machine;
    sections.push(
      `Loopback, ${exchange.measuredAt}${m ? `, ${m.cores} cores, Node ${m.node}, ${m.workers} exchange process${m.workers === 1 ? "" : "es"}, load average ${m.loadAverageBefore.join(" ")} before, ${m.loadAverageAfter.join(" ")} after` : ""}.\n`,
      table(
        [
          "storage",
          "seconds",
          "connections",
          "requests",
          "non-2xx",
          "disclosures/s",
          "p50 ms",
          "p95 ms",
          "CPU ms each",
        ],
        exchange.results.map((r) => [
          r.backend,
          r.seconds,
          r.connections,
          n(r.requests),
          r.non2xx,
          f(r.disclosuresPerSecond),
          f(r.latencyMs.p50),
          f(r.latencyMs.p95),
          r.cpuMsPerDisclosure === undefined ? "—" : f(r.cpuMsPerDisclosure),
        ]),
      ),
    );
    if (exchange.uploads?.length) {
      sections.push(
        "\nA holder's `GET /licences` while clients upload large documents (streamed to files):\n",
        table(
          ["storage", "uploaders", "document MiB", "uploads", "failed", "MiB/s", "reads", "p50 ms", "p95 ms", "max ms"],
          exchange.uploads.map((u) => [
            u.backend,
            u.uploaders,
            f(u.documentBytes / 1024 / 1024),
            u.uploads,
            u.uploadFailures,
            f(u.uploadMiBPerSecond),
            u.licenceReads,
            f(u.licencesMs.p50),
            f(u.licencesMs.p95),
            f(u.licencesMs.max),
          ]),
        ),
      );
    }
  } else sections.push(absent("exchange", "exchange.json"));

  sections.push("\n## Indexer catch-up\n");
  const indexer = readJson<IndexerJson>(directory, "indexer.json");
  if (indexer === undefined) sections.push(absent("indexer", "indexer.json"));
  else if (indexer.catchUp === undefined || indexer.queriesMs === undefined) sections.push(generic(indexer));
  else {
    const q = (p: { p50: number; p95: number } | undefined) => (p ? [f(p.p50), f(p.p95)] : ["–", "–"]);
    sections.push(
      `${n(indexer.events)} events in ${n(indexer.blocks)} blocks on ${indexer.chain}, Ponder on ${indexer.backend} ` +
        `(polling every ${indexer.pollingIntervalMs} ms). Generating them took ${f(indexer.generation.seconds)} s ` +
        `(${n(indexer.generation.eventsPerSecond)} events/s).\n`,
      table(
        ["catch-up (s)", "of which startup (s)", "indexing (s)", "events/s while indexing"],
        [
          [
            f(indexer.catchUp.seconds),
            f(indexer.catchUp.startupSeconds),
            f(indexer.catchUp.indexingSeconds),
            n(indexer.catchUp.eventsPerSecond),
          ],
        ],
      ),
      "",
      table(
        ["ready query (docs/audit.md)", "samples", "p50 ms", "p95 ms"],
        [
          ...Object.entries(indexer.queriesMs).map(([name, m]) => [name, m.samples, ...q(m)]),
          ["lag: transaction sent → queryable", indexer.lagMs?.samples ?? "–", ...q(indexer.lagMs)],
        ],
      ),
    );
  }

  sections.push("\n## Web (Lighthouse)\n");
  const web = readJson<WebJson>(directory, "web.json");
  if (web === undefined) sections.push(absent("web", "web.json"));
  else
    sections.push(
      `Lighthouse ${web.method?.lighthouse ?? ""}; ${web.method?.server ?? ""}. Aim: performance ≥ 90, accessibility ≥ 95.\n`,
      table(
        ["route", "performance", "accessibility", "first-load JS (KB)"],
        Object.entries(web.routes).map(([route, r]) => [
          `\`${route}\``,
          r.performance,
          r.accessibility,
          f(r.firstLoadJsKb),
        ]),
      ),
      web.method?.firstLoadJsKb ? `\nFirst-load JS: ${web.method.firstLoadJsKb}.` : "",
    );

  const capacity = gas
    ? "\nCapacity of one network on paper, from these gas figures: [capacity.md](capacity.md).\n"
    : "";
  return `# OneWindow benchmarks

Written by \`npm run bench\` (each part rewrites this file from the JSON files in this folder).
Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}; written ${new Date().toISOString()}.
${capacity}
${sections.join("\n")}

## Reproduce

\`\`\`bash
source scripts/node22.sh
npm run bench                      # every part; or one: npm run bench -- gas | throughput | scale | exchange | indexer | web
npm run bench -- gas               # < 3 min: gas.json, gas-details.json, capacity.md
npm run bench -- throughput --runs 7 --count 100
npm run bench -- scale --licences 1000000 --applications 10000
\`\`\`

Results land in \`bench/results/\` (or \`$ONEWINDOW_BENCH_RESULTS\`). The figures depend on the machine
(the chains run on the same cores as the clients); the gas figures do not.
`;
}

/** scale-indexer.json: `npm run bench -- scale --index-only … --write` (bench/scale.ts). */
export type ScaleIndexerJson = { measuredAt: string; machine: string; chain: string; runs: ScaleIndexerRun[] };

/**
 * The indexer's part of capacity.md: what one district and all 16 need, from the measured catch-up
 * (events per wall second under the recorded load, and per CPU second, steadier on a shared machine).
 */
export function indexerCapacityMarkdown(scale: ScaleIndexerJson, haidianPerDay = 3_000, districts = 16): string {
  const rows = scale.runs.map((run) => {
    // Files written before runs counted their applications all came from the 1,000-application chain.
    const perApplication = (run.events ?? 0) / (run.applications ?? 1_000);
    return { run, perApplication };
  });
  const eventsPerApplication = rows[0]?.perApplication ?? 24;
  const districtEvents = haidianPerDay * eventsPerApplication;
  const cityEvents = districtEvents * districts;
  const line = (run: ScaleIndexerRun) => {
    const wall = (run.events ?? 0) / run.seconds;
    const cpu = run.eventsPerCpuSecond;
    const day = (events: number, rate: number | undefined) => (rate ? `${f(events / rate / 60, 1)} min` : "–");
    return [
      run.backend === "postgres" ? "PostgreSQL" : "PGlite",
      n(wall),
      cpu === undefined ? "–" : n(cpu),
      run.lastToFirst === undefined ? "–" : f(run.lastToFirst, 2),
      day(districtEvents, wall),
      day(cityEvents, wall),
      day(cityEvents, cpu),
      run.loadAverage ?? "–",
    ];
  };
  return `
## Indexer (measured, \`scale-indexer.json\`)

${scale.chain}; ${scale.machine}, ${scale.measuredAt}. A VR-hall application with its licences is
≈ ${f(eventsPerApplication, 1)} events. One district at Haidian's ~${n(haidianPerDay)} applications a day is
≈ ${n(districtEvents)} events a day (${f(districtEvents / 86_400, 2)} a second on average); all ${districts}
districts ≈ ${n(cityEvents)} a day (${f(cityEvents / 86_400, 1)} a second). Keeping up is never the
question: what matters is catch-up (a new indexer, or one rebuilt after a gap), i.e. how long one day's events take:

| database | events/s (wall) | events per CPU second | last tenth ÷ first | one district's day (wall) | 16 districts' day (wall) | 16 districts' day (one free core) | load average |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${scale.runs.map((run) => `| ${line(run).join(" | ")} |`).join("\n")}

"Events per CPU second" counts the CPU time of Ponder (and of the PostgreSQL server): what one core
of its own would do. The wall figures depend on what else the machine ran (load average in the last
column): with other work on its two cores they are lower bounds. A year of all 16 districts is 365
such days: re-indexing it from scratch is the figure to plan for, on PostgreSQL, the faster of the
two here and the one several processes can share.
`;
}

/**
 * The exchange's part of capacity.md: the consented reads one district and all 16 make in a day,
 * against the measured disclosures per second of one exchange process. An application's reads are
 * taken as its licence materials, each disclosed once (the VR-hall submission presents five).
 */
export function exchangeCapacityMarkdown(
  exchange: ExchangeJson,
  haidianPerDay = 3_000,
  districts = 16,
  readsPerApplication = 5,
): string {
  const districtReads = haidianPerDay * readsPerApplication;
  const cityReads = districtReads * districts;
  // Estonia's X-Road, the issue's yardstick: about 21 million requests a day.
  const xRoad = 21_000_000;
  const m = exchange.machine;
  const rows = exchange.results.map((r) => {
    const rate = r.disclosuresPerSecond;
    return [
      r.backend === "postgres" ? "PostgreSQL" : "PGlite",
      f(rate),
      r.latencyMs.p95 === undefined ? "–" : f(r.latencyMs.p95),
      r.cpuMsPerDisclosure === undefined ? "–" : f(r.cpuMsPerDisclosure, 1),
      `${f(districtReads / rate, 0)} s`,
      `${f(cityReads / rate / 60, 1)} min`,
      // A working day's reads all in its busiest hour: the share of one process that hour.
      `${f((100 * cityReads) / 3_600 / rate, 0)} %`,
      `${f((100 * xRoad) / 86_400 / rate, 0)} %`,
    ];
  });
  const slowest = Math.min(...exchange.results.map((r) => r.disclosuresPerSecond));
  const hourShare = cityReads / 3_600 / slowest;
  const conclusion =
    hourShare <= 1
      ? `So one process on two cores carries the whole city's consented reads even if they all came in one hour${xRoad / 86_400 <= slowest ? ", and X-Road's daily volume on average." : "."}`
      : `So the whole city's reads in one hour need ${Math.ceil(hourShare)} processes' worth of this rate.`;
  return `
## Exchange (measured, \`exchange.json\`)

Consented disclosures (\`POST /disclosures\`: session, rate limit, consent on chain, the disclosure built and
encrypted, the read logged) by one exchange process, ${exchange.measuredAt}${m ? `, ${m.cores} cores, load average ${m.loadAverageAfter.join(" ")} after` : ""};
the load generator and the chain node ran on the same cores. Taking an application's consented reads as its
licence materials, each read once (the VR-hall submission presents ${readsPerApplication}), one district at Haidian's
~${n(haidianPerDay)} applications a day makes ≈ ${n(districtReads)} reads a day, all ${districts} districts ≈ ${n(cityReads)}.

| database | disclosures/s | p95 ms | CPU ms each | one district's day | 16 districts' day | 16 districts' day in one hour: share of one process | X-Road's ~21 million a day, averaged: share of one process |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map((row) => `| ${row.join(" | ")} |`).join("\n")}

${conclusion} Beyond that, processes behind one port on PostgreSQL
(\`--workers\`, sharing limits and quotas) add capacity with cores: on these two cores the load generator,
chain node and database already share them, so a second process adds work, not throughput.
`;
}

/** Rewrites capacity.md (when gas.json exists) and SUMMARY.md in `directory`. */
export function writeReports(directory: string, missing: MissingParts = {}): void {
  const gas = readJson<GasJson>(directory, "gas.json");
  const scaleIndexer = readJson<ScaleIndexerJson>(directory, "scale-indexer.json");
  const exchange = readJson<ExchangeJson>(directory, "exchange.json");
  if (gas) {
    writeFileSync(
      path.join(directory, "capacity.md"),
      capacityMarkdown(gas) +
        (scaleIndexer ? indexerCapacityMarkdown(scaleIndexer) : "") +
        (exchange ? exchangeCapacityMarkdown(exchange) : ""),
    );
  }
  writeFileSync(path.join(directory, "SUMMARY.md"), summaryMarkdown(directory, missing));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { resultsDirectory } = await import("./results.ts");
  writeReports(resultsDirectory());
}
