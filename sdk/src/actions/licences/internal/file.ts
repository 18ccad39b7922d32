/**
 * Shared by the licence actions: a licence file checked before it is used on chain, and the
 * `(licenceId, batchRoot, proof)` triple that names a licence, batch member or batch.
 */
import { getAddress, type Hex } from "viem";

import { requireWallet, type OneWindowClient } from "../../../chain/client.ts";
import { readContract } from "../../../chain/read.ts";
import { LicenceIntegrityError } from "../../../errors/licence.ts";
import { isUnchangedBuild } from "../../../licence/built.ts";
import { checkLicenceFile } from "../../../licence/check.ts";
import { parseLicenceFile, type LicenceFile } from "../../../licence/format.ts";
import { Check, ZERO_BYTES32 } from "../../../utils/input.ts";

/**
 * Names a licence on chain: by its licence file (which carries its batch proof, if any), or by
 * its id with, for a batch member, the batch root and the member's proof. A whole batch is named
 * by its root as `licenceId`, without `batchRoot`.
 */
export type LicenceReference =
  | { file: LicenceFile }
  | {
      /** The licence id (root of its field tree), or a batch root to act on the whole batch. */
      licenceId: Hex;
      /** For a batch member: the root of its batch. */
      batchRoot?: Hex | undefined;
      /** For a batch member: its proof in the batch. */
      proof?: readonly Hex[] | undefined;
    };

/** The registry's `(licenceId, batchRoot, proof)` of a reference, checked. */
export function licenceTarget(check: Check, reference: LicenceReference): [Hex, Hex, Hex[]] {
  if ("file" in reference) {
    const file = parseLicenceFile(reference.file);
    return [file.licenceId, file.batch?.root ?? ZERO_BYTES32, file.batch?.proof ?? []];
  }
  const licenceId = check.bytes32("licenceId", reference.licenceId, { nonZero: true });
  const batchRoot = reference.batchRoot === undefined ? ZERO_BYTES32 : check.bytes32("batchRoot", reference.batchRoot);
  const proof = reference.proof === undefined ? [] : check.proof("proof", reference.proof);
  if (batchRoot === ZERO_BYTES32 && proof.length > 0) {
    check.fail("proof", "a proof was given without its batchRoot", "给出了批次证明却没有批次根");
  }
  return [licenceId, batchRoot, proof];
}

/**
 * A licence file ready to be issued: valid in shape, intact (every leaf and the id match the
 * fields), and meant for this chain and registry when it names them.
 *
 * @throws {LicenceFormatError} for a malformed file.
 * @throws {LicenceIntegrityError} when the fields do not match the licence id.
 * @throws {InvalidParameterError} when the file names another chain or registry.
 */
export function checkedFileFor(client: OneWindowClient, check: Check, file: LicenceFile, at = "file"): LicenceFile {
  // A file buildLicence built here and nobody changed since is well formed and intact already.
  const trusted = isUnchangedBuild(file);
  const licence = trusted ? file : parseLicenceFile(file);
  if (!trusted) {
    const integrity = checkLicenceFile(licence);
    if (!integrity.ok) throw new LicenceIntegrityError({ problems: integrity.problems });
  }
  if (licence.chainId !== undefined && licence.chainId !== client.chain.id) {
    check.fail(
      `${at}.chainId`,
      `the licence is for chain ${licence.chainId}, this client is on chain ${client.chain.id}`,
      `证照属于链 ${licence.chainId}，当前连接的是链 ${client.chain.id}`,
    );
  }
  if (licence.registry !== undefined && getAddress(licence.registry) !== getAddress(client.addresses.LicenceRegistry)) {
    check.fail(
      `${at}.registry`,
      `the licence names registry ${licence.registry}, this deployment's is ${client.addresses.LicenceRegistry}`,
      `证照指定的登记合约与当前部署不同`,
    );
  }
  return licence;
}

/**
 * Checks that the signing account acts for the department a file names as its issuer (the
 * registry records the caller's department, so a mismatch would make the file disagree with the
 * chain). An account acting for no department is left to the contract, which refuses it.
 */
export async function checkIssuerDepartment(
  client: OneWindowClient,
  check: Check,
  issuerDepartment: number,
  at = "file.issuerDepartment",
): Promise<void> {
  const account = requireWallet(client).account.address;
  const actsFor = await readContract(client, {
    contract: "LicenceRegistry",
    functionName: "issuerDepartmentOf",
    args: [account],
  });
  if (actsFor !== 0 && actsFor !== issuerDepartment) {
    check.fail(
      at,
      `the file names department ${issuerDepartment} as issuer, but ${account} acts for department ${actsFor}`,
      `文件中的发证部门为 ${issuerDepartment}，但当前账户属于部门 ${actsFor}`,
    );
  }
}
