/**
 * `npm run scenarios`: every scenario of the source articles (@onewindow/testkit/scenarios), end
 * to end through the SDK, on a fresh hardhat node started here (and stopped after), with the data
 * exchange started here in-process, on a temporary PGlite folder, and stopped after (the power
 * company reads the consented fields of the buyer's new certificate through it).
 *
 * Writes bench/results/scenarios.json (or $ONEWINDOW_BENCH_RESULTS/scenarios.json) and prints a
 * table (docs/scenarios.md explains it). Exits 1 if a scenario does not reach its expected outcome.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { getMatter } from "@onewindow/sdk";
import { startDistrictChain } from "@onewindow/testkit/scenario-chain";
import {
  aggregates,
  EXPECTED,
  exchangeHook,
  hooks,
  runScenarios,
  startScenarioExchange,
  table,
  type DisclosureNote,
  type ScenarioExchange,
} from "@onewindow/testkit/scenarios";

async function main(): Promise<number> {
  const started = Date.now();
  const log = (line: string) => console.error(`scenarios: ${line}`);
  const { chain, deploymentFile, district, admin, newApplicant } = await startDistrictChain({ log });
  let exchange: ScenarioExchange | undefined;
  try {
    log(
      `loaded ${Object.keys(district.ids.departments).length} departments, ${Object.keys(district.ids.licenceTypes).length} licence types, ${Object.keys(district.ids.matters).length} matters`,
    );
    exchange = await startScenarioExchange(chain.rpcUrl, deploymentFile, district);
    log(`data exchange on ${exchange.server.url} (PGlite in a temporary folder)`);
    const notes: DisclosureNote[] = [];
    hooks.powerCompanyReadsConsentedFields = exchangeHook(exchange, notes);
    log("running the scenarios …");
    const rows = await runScenarios(district, admin, newApplicant);
    const baseline = new Map<string, number>();
    await Promise.all(
      rows.map(async (r) => {
        const matter = await getMatter(admin.client, { matterId: district.matterId(r.id.split("/")[0]!) });
        baseline.set(r.id, matter.definition.baseline?.workingDays ?? r.criticalPathDays);
      }),
    );
    const result = {
      matters: rows,
      aggregates: aggregates(rows.map((r) => ({ ...r, baselineDays: baseline.get(r.id)! }))),
    };
    const directory = process.env.ONEWINDOW_BENCH_RESULTS ?? path.resolve(import.meta.dirname, "../bench/results");
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, "scenarios.json");
    writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
    console.log(table(rows));
    console.log(
      `\nmaterials −${result.aggregates.materialReductionPct}%, working days −${result.aggregates.timeReductionPct}% (scenarios not rejected; rule approvals count 0 days)`,
    );
    for (const note of notes) {
      console.log(
        `\nSGCC-POWER-TRANSFER via the exchange: ${note.department} read [${note.fields.join(", ")}] of the buyer's ${note.licenceType} (deposited by ${note.depositedBy}) under consent ${note.consentId} for application ${note.purpose}, evidence block ${note.evidenceBlock}; envelope decrypted, disclosure checked on chain`,
      );
    }
    const wrong = rows.filter((r) => EXPECTED[r.id] !== r.outcome);
    for (const r of wrong) log(`${r.id}: expected ${EXPECTED[r.id]}, got ${r.outcome}`);
    const missing = Object.keys(EXPECTED).filter((id) => !rows.some((r) => r.id === id));
    for (const id of missing) log(`${id}: did not run`);
    if (notes.length !== 1) log(`the power company read through the exchange ${notes.length} times, not once`);
    log(`wrote ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return wrong.length + missing.length === 0 && notes.length === 1 ? 0 : 1;
  } finally {
    delete hooks.powerCompanyReadsConsentedFields;
    await exchange?.stop();
    await chain.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main();
