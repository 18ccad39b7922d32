import type { Hex } from "viem";

import type { AuditClient } from "./client.ts";
import { AuditQueryError } from "./client.ts";
import { checkBytes32, chronological, fetchAll, fetchEntity } from "./query.ts";
import {
  APPLICATION_EVENT_FIELDS,
  APPLICATION_FIELDS,
  DECISION_FIELDS,
  OVERDUE_FLAG_FIELDS,
  STEP_ACTIVATION_FIELDS,
  STEP_FIELDS,
  VOTE_FIELDS,
  type ApplicationEventRecord,
  type ApplicationRecord,
  type DecisionRecord,
  type OverdueFlagRecord,
  type StepActivationRecord,
  type StepRecord,
  type VoteRecord,
} from "./records.ts";

export type GetApplicationTrailParameters = { applicationId: Hex };

/** One entry of the merged, chronological trail. */
export type TrailEntry =
  | { type: "application"; record: ApplicationEventRecord }
  | { type: "activation"; record: StepActivationRecord }
  | { type: "vote"; record: VoteRecord }
  | { type: "decision"; record: DecisionRecord }
  | { type: "overdue"; record: OverdueFlagRecord };

export type GetApplicationTrailReturnType = {
  application: ApplicationRecord;
  /** By step index. */
  steps: StepRecord[];
  /** Each list in chain order. */
  events: ApplicationEventRecord[];
  activations: StepActivationRecord[];
  votes: VoteRecord[];
  decisions: DecisionRecord[];
  overdueFlags: OverdueFlagRecord[];
  /** Everything above in chain order (block, log index). */
  trail: TrailEntry[];
};

/**
 * The full trail of one application: its state, its steps, and every event about it (submission,
 * activations with deadlines, each officer's vote, each decision with its signers, overdue flags,
 * returns, resubmissions, the end), in chain order.
 *
 * @throws {AuditQueryError} if the id is malformed, unknown to the indexer, or the query fails.
 *
 * @example
 * const audit = createAuditClient({ url: "http://127.0.0.1:42069/graphql" });
 * const { application, trail } = await getApplicationTrail(audit, { applicationId });
 */
export async function getApplicationTrail(
  client: AuditClient,
  parameters: GetApplicationTrailParameters,
): Promise<GetApplicationTrailReturnType> {
  const id = checkBytes32("applicationId", parameters.applicationId);
  const application = (await fetchEntity(client, "application", id, APPLICATION_FIELDS)) as ApplicationRecord | null;
  if (application === null) {
    throw new AuditQueryError(
      `No application ${id} is indexed: check the id, or wait until the indexer has caught up.`,
      `索引中没有申请 ${id}：请检查编号，或等待索引器同步。`,
    );
  }
  const where = { application: id };
  const byBlock = { orderBy: "blockNumber" } as const;
  const [steps, events, activations, votes, decisions, overdueFlags] = await Promise.all([
    fetchAll(client, { plural: "steps", fields: STEP_FIELDS, where, orderBy: "index" }),
    fetchAll(client, { plural: "applicationEvents", fields: APPLICATION_EVENT_FIELDS, where, ...byBlock }),
    fetchAll(client, { plural: "stepActivations", fields: STEP_ACTIVATION_FIELDS, where, ...byBlock }),
    fetchAll(client, { plural: "votes", fields: VOTE_FIELDS, where, ...byBlock }),
    fetchAll(client, { plural: "decisions", fields: DECISION_FIELDS, where, ...byBlock }),
    fetchAll(client, { plural: "overdueFlags", fields: OVERDUE_FLAG_FIELDS, where, ...byBlock }),
  ]);
  const result = {
    application,
    steps: (steps as unknown as StepRecord[]).sort((a, b) => a.index - b.index),
    events: chronological(events as unknown as ApplicationEventRecord[]),
    activations: chronological(activations as unknown as StepActivationRecord[]),
    votes: chronological(votes as unknown as VoteRecord[]),
    decisions: chronological(decisions as unknown as DecisionRecord[]),
    overdueFlags: chronological(overdueFlags as unknown as OverdueFlagRecord[]),
  };
  const trail: TrailEntry[] = [
    ...result.events.map((record) => ({ type: "application" as const, record })),
    ...result.activations.map((record) => ({ type: "activation" as const, record })),
    ...result.votes.map((record) => ({ type: "vote" as const, record })),
    ...result.decisions.map((record) => ({ type: "decision" as const, record })),
    ...result.overdueFlags.map((record) => ({ type: "overdue" as const, record })),
  ];
  const ordered = chronological(
    trail.map((entry) => ({ ...entry, blockNumber: entry.record.blockNumber, logIndex: entry.record.logIndex })),
  );
  return { ...result, trail: ordered.map(({ type, record }) => ({ type, record }) as TrailEntry) };
}
