import type { Hash, Hex } from "viem";

import type { LicenceFile } from "../licence/format.ts";
import { OneWindowError } from "./base.ts";

/** A batch root {@link issueLicences} put on chain. */
export type IssuedBatch = {
  /** The batch root issued on chain. */
  root: Hex;
  /** Licences it commits to. */
  count: number;
  /** Transaction that issued it. */
  hash: Hash;
};

/**
 * Some batches of an {@link issueLicences} call failed. The batches in `issued` are on chain (and
 * `files` holds their members with proofs); the others were not issued: issue their files again.
 */
export class IssueLicencesError extends OneWindowError {
  override name = "IssueLicencesError";
  /** Batches that were mined. */
  readonly issued: readonly IssuedBatch[];
  /** Files of the mined batches, with their proofs. */
  readonly files: readonly LicenceFile[];
  /** Files not issued. */
  readonly notIssued: readonly LicenceFile[];

  constructor(parameters: { issued: IssuedBatch[]; files: LicenceFile[]; notIssued: LicenceFile[]; cause: unknown }) {
    const { issued, notIssued, cause } = parameters;
    const reason = cause instanceof OneWindowError ? cause.shortMessage : String(cause);
    super(`Batch issue stopped: ${issued.length} batches issued, ${notIssued.length} licences not issued: ${reason}`, {
      code: "LICENCE_BATCH_ISSUE_FAILED",
      messages: {
        zh: `批量发证中断：已发 ${issued.length} 个批次，${notIssued.length} 份证照未发出。请处理原因后重新发出未发的证照。`,
        en: `Batch issue stopped: ${issued.length} batches were issued and ${notIssued.length} licences were not. Fix the cause and issue the rest again.`,
      },
      cause,
    });
    this.issued = issued;
    this.files = parameters.files;
    this.notIssued = notIssued;
  }
}
