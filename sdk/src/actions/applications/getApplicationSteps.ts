import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { ApplicationStatus } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { unpackStepWord } from "../catalogue/internal/encode.ts";
import { getApplication, type ApplicationInfo } from "./getApplication.ts";
import { getStep, type StepInfo } from "./getStep.ts";

export type GetApplicationStepsParameters = { applicationId: Hex };

/**
 * Where a step stands: `pending` (waiting for the steps it depends on), `active` (with its
 * department, clock running), `paused` (active, but the application is with the applicant for
 * correction), `approved`, or `closed` (the application was rejected or withdrawn first).
 */
export type StepProgress = "pending" | "active" | "paused" | "approved" | "closed";

/** A step of an application with its definition and where it stands. */
export type ApplicationStep = StepInfo & {
  state: StepProgress;
  /** Steps it waits for. */
  dependsOn: number[];
  /** Statutory time limit in working days. */
  timeLimit: number;
  /** Its rule, if any. */
  rule: Address | undefined;
};

export type GetApplicationStepsReturnType = { application: ApplicationInfo; steps: ApplicationStep[] };

/**
 * Every step of an application with its state (pending, active, paused, approved, closed), its
 * department, dependencies, time limit, deadline and votes: the parallel flow at a glance.
 *
 * @example
 * const { steps } = await getApplicationSteps(client, { applicationId });
 * const waiting = steps.filter((s) => s.state === "active").map((s) => s.departmentId);
 */
export async function getApplicationSteps(
  client: OneWindowClient,
  parameters: GetApplicationStepsParameters,
): Promise<GetApplicationStepsReturnType> {
  const application = await getApplication(client, parameters);
  const { applicationId, matterId, matterVersion, status } = application;
  const [words, states] = await Promise.all([
    readContract(client, { contract: "ServiceCatalog", functionName: "stepsOf", args: [matterId, matterVersion] }),
    Promise.all(Array.from({ length: application.stepCount }, (_, step) => getStep(client, { applicationId, step }))),
  ]);
  const steps = states.map((state, index): ApplicationStep => {
    const definition = unpackStepWord(words[index]!, index);
    let progress: StepProgress = "pending";
    if (application.approvedSteps.includes(index)) progress = "approved";
    else if (application.activeSteps.includes(index))
      progress = status === ApplicationStatus.Returned ? "paused" : "active";
    else if (status !== ApplicationStatus.Active && status !== ApplicationStatus.Returned) progress = "closed";
    return {
      ...state,
      departmentId: state.departmentId === 0 ? definition.departmentId : state.departmentId,
      isOutput: definition.isOutput,
      state: progress,
      dependsOn: definition.dependsOn,
      timeLimit: definition.timeLimit,
      rule: definition.rule,
    };
  });
  return { application, steps };
}
