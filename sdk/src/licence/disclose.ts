import { LicenceFieldError, LicenceIntegrityError } from "../errors/licence.ts";
import { checkParsedLicence } from "./check.ts";
import { DISCLOSURE_FORMAT, DISCLOSURE_VERSION, type Disclosure } from "./disclosure-format.ts";
import { parseLicenceFile, type LicenceFile } from "./format.ts";
import { fieldMaskOf } from "./mask.ts";

export { fieldMaskOf, fieldNamesOfMask } from "./mask.ts";

/**
 * Selective disclosure: the chosen fields of a licence (values and salts), their leaf hashes and
 * an OpenZeppelin multiproof (`StandardMerkleTree.getMultiProof`) that they are in the licence.
 * No other field's value or salt is in the result. Leaves are in multiproof order (ascending as
 * uint256), which `LicenceRegistry.verifyFields` and `MerkleProof.multiProofVerify` expect.
 *
 * @param file - An intact licence file.
 * @param names - The fields to disclose: at least one, each in the file's `fieldNames`, none twice.
 * @throws {LicenceFieldError} naming a field that is not in the licence or is named twice.
 * @throws {LicenceIntegrityError} if the file does not match its licence id.
 * @throws {LicenceFormatError} if the file is not a valid licence file.
 *
 * @example
 * import { discloseFields, serializeDisclosure } from "@onewindow/sdk";
 *
 * const disclosure = discloseFields(file, ["name", "registeredAddress"]);
 * // disclosure.fieldMask is what the holder's consent must cover; send serializeDisclosure(disclosure).
 */
export function discloseFields(file: LicenceFile, names: readonly string[]): Disclosure {
  const licence = parseLicenceFile(file);
  if (names.length === 0) throw new LicenceFieldError({ reason: "choose at least one field to disclose" });
  const mask = fieldMaskOf(licence.fieldNames, names);

  // The check hashes every field and builds their tree (LeafHashTree: the library's tree and
  // proofs, without its ABI coder); the proof reuses both. licence.fields is in fieldNames order
  // (parseLicenceFile).
  const { result: integrity, leaves: leafHashes, tree } = checkParsedLicence(licence);
  if (!integrity.ok) throw new LicenceIntegrityError({ problems: integrity.problems });
  const chosen = licence.fieldNames.flatMap((name, index) => (names.includes(name) ? [index] : []));
  const multiproof = tree.multiProof(chosen.map((index) => leafHashes[index]!));

  return {
    format: DISCLOSURE_FORMAT,
    version: DISCLOSURE_VERSION,
    typeId: licence.typeId,
    typeVersion: licence.typeVersion,
    licenceId: licence.licenceId,
    issuerDepartment: licence.issuerDepartment,
    expiresAt: licence.expiresAt,
    ...(licence.chainId === undefined ? {} : { chainId: licence.chainId }),
    ...(licence.registry === undefined ? {} : { registry: licence.registry }),
    ...(licence.batch === undefined ? {} : { batch: licence.batch }),
    fieldMask: mask.toString(),
    fields: chosen.map((index) => {
      const { name, value, salt } = licence.fields[index]!;
      return { name, value, salt };
    }),
    leaves: [...multiproof.leaves],
    proof: [...multiproof.proof],
    proofFlags: [...multiproof.proofFlags],
    ...(licence.seal === undefined ? {} : { seal: licence.seal }),
  };
}
