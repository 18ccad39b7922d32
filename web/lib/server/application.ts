/** An application's current state from the chain (SDK), shaped for the pages. */
import {
  ApplicationStatus,
  chainTime,
  getApplicationSteps,
  workingDaysBetweenOnChain,
  type ApplicationStep,
} from "@onewindow/sdk";
import type { Hex } from "viem";

import { getTrail } from "./audit.ts";
import { getCatalogue, getPlatform, type MatterView, type DepartmentView } from "./platform.ts";

export const APPLICATION_ID = /^0x[0-9a-fA-F]{64}$/;

export type StepView = ApplicationStep & { daysLeft: number | undefined; overdue: boolean; threshold: number };
export type ApplicationView = {
  applicationId: Hex;
  applicant: string;
  status: number;
  matter: MatterView | undefined;
  departments: Map<number, DepartmentView>;
  steps: StepView[];
  returnReason: number | undefined;
  outputLicenceId: Hex | undefined;
  now: number;
};

export async function getApplicationView(applicationId: Hex): Promise<ApplicationView> {
  const { client } = await getPlatform();
  const [{ application, steps }, catalogue, now] = await Promise.all([
    getApplicationSteps(client, { applicationId }),
    getCatalogue(),
    chainTime(client).then(Number),
  ]);
  const departments = new Map(catalogue.departments.map((d) => [d.departmentId, d]));
  const views = await Promise.all(
    steps.map(async (step): Promise<StepView> => {
      const live = step.state === "active" && step.deadline > 0;
      const overdue = live && step.deadline < now;
      const daysLeft =
        live && !overdue ? await workingDaysBetweenOnChain(client, { from: now, to: step.deadline }) : undefined;
      return { ...step, daysLeft, overdue, threshold: departments.get(step.departmentId)?.threshold ?? 1 };
    }),
  );
  let returnReason: number | undefined;
  if (application.status === ApplicationStatus.Returned) {
    const trail = await getTrail(applicationId);
    let last = trail.entries.filter((e) => e.kind === "ApplicationReturned").at(-1);
    // The indexer may not have seen the return yet: the chain's events say it now.
    if (!last)
      last = (await getTrail(applicationId, "chain")).entries.filter((e) => e.kind === "ApplicationReturned").at(-1);
    const match = last && /reason=(\d+)/.exec(last.details);
    returnReason = match ? Number(match[1]) : undefined;
  }
  return {
    applicationId,
    applicant: application.applicant,
    status: application.status,
    matter: catalogue.matters.find((v) => v.matterId === application.matterId),
    departments,
    steps: views,
    returnReason,
    outputLicenceId: application.outputLicenceId,
    now,
  };
}
