import type { Hex } from "viem";

import type { AuditClient } from "./client.ts";
import { AuditQueryError } from "./client.ts";
import { checkBytes32, chronological, fetchAll } from "./query.ts";
import { VOTE_FIELDS, type VoteRecord } from "./records.ts";

export type GetPendingOutputLicenceParameters = { applicationId: Hex; step: number };

/** The output licence id, or undefined when no vote of the current round named one. */
export type GetPendingOutputLicenceReturnType = Hex | undefined;

/**
 * The output licence id named by the first vote of a step's current (latest) round, given the
 * step's votes in chain order: every later vote must name the same (the engine keeps it private
 * until completion). Votes as the indexer stores them, or as `VoteCast` events carry them.
 *
 * @example
 * pendingOutputLicenceOf([{ round: 0, outputLicence: "0xab…" }, { round: 0, outputLicence: null }]);
 */
export function pendingOutputLicenceOf(
  votes: readonly { round: number; outputLicence: Hex | null }[],
): GetPendingOutputLicenceReturnType {
  const round = votes.at(-1)?.round;
  const named = votes.find((v) => v.round === round && v.outputLicence !== null && !/^0x0{64}$/.test(v.outputLicence));
  return named?.outputLicence ?? undefined;
}

/**
 * The output licence id the current round's votes on an output step name, from the indexed votes.
 *
 * @throws {AuditQueryError} if the id or step is malformed or the query fails.
 *
 * @example
 * const outputLicenceId = await getPendingOutputLicence(audit, { applicationId, step: 5 });
 */
export async function getPendingOutputLicence(
  client: AuditClient,
  parameters: GetPendingOutputLicenceParameters,
): Promise<GetPendingOutputLicenceReturnType> {
  const application = checkBytes32("applicationId", parameters.applicationId);
  if (!Number.isInteger(parameters.step) || parameters.step < 0 || parameters.step > 255) {
    throw new AuditQueryError(
      `step must be a step index (0..255), got ${String(parameters.step)}.`,
      `step 必须是步骤序号（0 到 255），而不是 ${String(parameters.step)}。`,
    );
  }
  const votes = await fetchAll(client, {
    plural: "votes",
    fields: VOTE_FIELDS,
    where: { application, stepIndex: parameters.step },
    orderBy: "blockNumber",
  });
  return pendingOutputLicenceOf(chronological(votes as unknown as VoteRecord[]));
}
