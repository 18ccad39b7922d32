import type { OneWindowClient } from "../../chain/client.ts";
import { LicenceIntegrityError, LicenceNotIssuedError } from "../../errors/licence.ts";
import { parseLicenceFile, type LicenceFile } from "../../licence/format.ts";
import { describeRecordMismatch, withIssueTimes } from "../../licence/record.ts";
import { verifyLicence } from "./verifyLicence.ts";

export type GetIssuedLicenceFileParameters = {
  /** The licence file as built (an output licence: before the votes, its expiry unknown then). */
  file: LicenceFile;
};

/** The same file with the issue and expiry times the chain recorded. */
export type GetIssuedLicenceFileReturnType = LicenceFile;

/**
 * The licence file as the chain issued it: the issue and expiry times of its record, everything
 * else unchanged. An output licence is built before the approving votes and issued by the
 * ApprovalEngine on completion, which sets its expiry from the type's validity then; the holder's
 * file must carry that expiry, or {@link verifyLicence} reports it as disagreeing with the chain.
 *
 * @throws {LicenceNotIssuedError} if the licence is not on chain (yet).
 * @throws {LicenceIntegrityError} if the fields do not match the licence id, or the file's type,
 * type version or issuing department disagrees with the chain's record.
 *
 * @example
 * await waitForApplication(client, { applicationId, status: ApplicationStatus.Completed });
 * const issued = await getIssuedLicenceFile(client, { file: output.file });
 * // give serializeLicenceFile(issued) to the holder
 */
export async function getIssuedLicenceFile(
  client: OneWindowClient,
  parameters: GetIssuedLicenceFileParameters,
): Promise<GetIssuedLicenceFileReturnType> {
  const file = parseLicenceFile(parameters.file);
  const verdict = await verifyLicence(client, { file });
  if (verdict.record === undefined) throw new LicenceNotIssuedError({ licenceId: file.licenceId });
  // The expiry is the chain's to set (the engine sets an output's at completion); anything else that disagrees
  // is not this licence as issued.
  const expiry = verdict.integrity.mismatches
    .filter((m) => m.field === "expiresAt")
    .map((m) => describeRecordMismatch(m));
  const problems = verdict.integrity.problems.filter((problem) => !expiry.includes(problem));
  if (problems.length > 0) throw new LicenceIntegrityError({ problems });
  const issued = withIssueTimes(file, verdict.record);
  return issued;
}
