/** The generated src/constants.ts is what the SDK's enums and KPI defaults make it (scripts/constants.ts). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { ApplicationStatus, MATTER_KPI_DEFAULTS, Outcome, StepStatus } from "@onewindow/sdk";

import { CONSTANTS_FILE, render } from "../scripts/constants.ts";

test("src/constants.ts matches the SDK (run npm run codegen --workspace subgraph after changing it)", () => {
  assert.equal(readFileSync(CONSTANTS_FILE, "utf8"), render());
});

test("the generated file carries the SDK's numbers and every MatterKpi default", () => {
  const text = render();
  assert.match(text, new RegExp(`APPLICATION_STATUS_WITHDRAWN: i32 = ${ApplicationStatus.Withdrawn};`));
  assert.match(text, new RegExp(`STEP_STATUS_RETURNED: i32 = ${StepStatus.Returned};`));
  assert.match(text, new RegExp(`OUTCOME_RETURN: i32 = ${Outcome.Return};`));
  for (const field of Object.keys(MATTER_KPI_DEFAULTS)) assert.match(text, new RegExp(`kpi\\.${field} = `));
});
