import type { Hex } from "viem";

import { LicenceFieldError, LicenceIntegrityError } from "../errors/licence.ts";
import { checkParsedLicence } from "./check.ts";
import { parseLicenceFile, type LicenceFile } from "./format.ts";
import { HOLDER_FIELD } from "./validate.ts";

/** A licence presented by its holder, as `ILicenceRegistry.HeldLicence` takes it. */
export type HeldLicence = {
  /** The licence id. */
  licenceId: Hex;
  /** Its batch root, or 32 zero bytes for a single licence. */
  batchRoot: Hex;
  /** Its proof in the batch (empty for a single licence). */
  batchProof: Hex[];
  /** Salt of the `holder` field: random, not personal data. */
  holderSalt: Hex;
  /** Proof of the holder leaf against the licence id. */
  holderProof: Hex[];
};

const ZERO_ROOT: Hex = `0x${"00".repeat(32)}`;

/**
 * The presentation of a licence by its holder: the licence (and batch) proof plus the proof that
 * its `holder` field is the holder's address. Only the holder field's salt leaves the file: no
 * other value or salt. This is what `ApprovalEngine.submit` and `HoldsValidLicenceRule` check on chain.
 *
 * @throws {LicenceIntegrityError} if the file does not match its licence id.
 * @throws {LicenceFieldError} if the licence has no holder field.
 *
 * @example
 * import { heldLicence } from "@onewindow/sdk";
 *
 * const held = heldLicence(file);
 * // engine.submit({ matterId, conditionsCommitment, licenceMaterials: [0], licences: [held], uploads: [] })
 */
export function heldLicence(file: LicenceFile): HeldLicence {
  const licence = parseLicenceFile(file);
  // The check hashes every field and builds their tree once; the holder's proof comes from that tree.
  const { result, leaves, tree } = checkParsedLicence(licence);
  if (!result.ok) throw new LicenceIntegrityError({ problems: result.problems });
  const index = licence.fields.findIndex((f) => f.name === HOLDER_FIELD);
  if (index < 0) throw new LicenceFieldError({ field: HOLDER_FIELD, reason: "the licence has no holder field" });
  return {
    licenceId: licence.licenceId,
    batchRoot: licence.batch?.root ?? ZERO_ROOT,
    batchProof: licence.batch?.proof ?? [],
    holderSalt: licence.fields[index]!.salt,
    holderProof: tree.proof(leaves[index]!),
  };
}
