import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { subjectHash, type RestrictionSubjectInput } from "./internal/subject.ts";

export type UnlistByRegistrarParameters = { subject: RestrictionSubjectInput };

export type UnlistByRegistrarReturnType = { subject: Hex; hash: Hash };

/**
 * The platform registrar unlists a subject whatever department listed it, e.g. when that
 * department was dissolved (REGISTRAR role).
 *
 * @example
 * await unlistByRegistrar(registrar, { subject });
 */
export async function unlistByRegistrar(
  client: OneWindowClient,
  parameters: UnlistByRegistrarParameters,
): Promise<UnlistByRegistrarReturnType> {
  const subject = subjectHash(new Check("unlistByRegistrar"), parameters.subject);
  const { hash } = await writeContract(client, {
    contract: "RestrictionList",
    functionName: "unlistByRegistrar",
    args: [subject],
  });
  return { subject, hash };
}
