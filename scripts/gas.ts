/**
 * Exact gas of the registry and approval-engine operations, measured on the in-process Hardhat
 * network with the contracts built by the `production` profile (optimizer on). Prints a table,
 * writes bench/results/gas-contracts.json, and exits non-zero when an operation exceeds its budget
 * (the targets of the registries and approval-engine issues).
 *
 *   npm run gas        (= hardhat run --build-profile production scripts/gas.ts)
 */
import { mkdirSync, writeFileSync } from "node:fs";

import { network } from "hardhat";

import { ENGINE_BUDGETS, ENGINE_TARGETS, measureEngine } from "./gas-engine.ts";
import { BATCH_SIZE, measureRegistries } from "./gas-registries.ts";

/** Budgets in gas per operation (the registries issue's targets). */
const BUDGETS: Record<string, number> = {
  issueSingle: 60_000,
  issueBatchRoot: 60_000,
  revokeInBatch: 66_000,
  recordVerification: 40_000,
  grantConsent: 60_000,
  ...ENGINE_BUDGETS,
};

const results: Record<string, number> = await measureRegistries(await network.getOrCreate());
Object.assign(results, await measureEngine());

const rows = Object.entries(results).map(([operation, gas]) => {
  const budget = BUDGETS[operation];
  const target = ENGINE_TARGETS[operation];
  return {
    operation,
    gas,
    budget: budget ?? target ?? null,
    enforced: budget !== undefined,
    withinBudget: budget === undefined && target === undefined ? null : gas <= (budget ?? target)!,
  };
});
console.table(rows);
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/gas-contracts.json",
  JSON.stringify({ profile: "production", batchSize: BATCH_SIZE, results: rows }, null, 2) + "\n",
);
const over = rows.filter((r) => r.enforced && r.withinBudget === false);
if (over.length > 0) {
  console.error(`over budget: ${over.map((r) => `${r.operation} ${r.gas} > ${r.budget}`).join(", ")}`);
  process.exitCode = 1;
}
