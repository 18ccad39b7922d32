import { Outcome } from "../chain/enums.ts";
import type { Address } from "viem";

import type { AuditClient } from "./client.ts";
import { chronological, fetchAll } from "./query.ts";
import { listApplications } from "./listApplications.ts";
import {
  APPLICATION_EVENT_FIELDS,
  DECISION_FIELDS,
  LINKED_APPLICATION_FIELDS,
  type ApplicationEventRecord,
  type ApplicationRecord,
  type DecisionRecord,
  type LinkedApplicationRecord,
} from "./records.ts";

/** The indexer's `application_in` filters take this many ids per query. */
const IDS_PER_QUERY = 100;

export type GetApplicantHistoryParameters = { applicant: Address };

export type GetApplicantHistoryReturnType = {
  /** The applicant's applications, newest first. */
  applications: ApplicationRecord[];
  /** Their application events (submitted, returned, resubmitted, rejected, withdrawn, completed), in chain order. */
  events: (ApplicationEventRecord & { application: string })[];
  /** Their steps' approvals (by officers or a rule), in chain order. */
  approvals: (DecisionRecord & { application: string })[];
  /** Linked matters offered to the applicant on completions. */
  linkedOffers: LinkedApplicationRecord[];
};

/**
 * What happened to one applicant's applications: what the applicant's notifications are made of.
 *
 * @throws {AuditQueryError} if the applicant is not an address or a query fails.
 *
 * @example
 * const { applications, events, approvals, linkedOffers } = await getApplicantHistory(audit, { applicant });
 */
export async function getApplicantHistory(
  client: AuditClient,
  parameters: GetApplicantHistoryParameters,
): Promise<GetApplicantHistoryReturnType> {
  const holder = parameters.applicant.toLowerCase();
  const [applications, linkedOffers] = await Promise.all([
    listApplications(client, { applicant: parameters.applicant }),
    fetchAll(client, {
      plural: "linkedApplications",
      fields: LINKED_APPLICATION_FIELDS,
      where: { holder },
      orderBy: "offeredAt",
    }),
  ]);
  const ids = applications.map((a) => a.id.toLowerCase());
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) chunks.push(ids.slice(i, i + IDS_PER_QUERY));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      Promise.all([
        fetchAll(client, {
          plural: "applicationEvents",
          fields: { ...APPLICATION_EVENT_FIELDS, application: "r" },
          where: { application_in: chunk },
          orderBy: "blockNumber",
        }),
        fetchAll(client, {
          plural: "decisions",
          fields: { ...DECISION_FIELDS, application: "r" },
          where: { application_in: chunk, outcome: Outcome.Approve },
          orderBy: "blockNumber",
        }),
      ]),
    ),
  );
  return {
    applications,
    events: chronological(pages.flatMap(([e]) => e) as unknown as GetApplicantHistoryReturnType["events"]),
    approvals: chronological(pages.flatMap(([, d]) => d) as unknown as GetApplicantHistoryReturnType["approvals"]),
    linkedOffers: linkedOffers as unknown as LinkedApplicationRecord[],
  };
}
