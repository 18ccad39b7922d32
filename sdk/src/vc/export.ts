import type { Hex, LocalAccount } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { readContract } from "../chain/read.ts";
import { CredentialExportError } from "../errors/credential.ts";
import { checkLicenceFile } from "../licence/check.ts";
import { parseLicenceFile, type LicenceFile } from "../licence/format.ts";
import { verifyLicence } from "../actions/licences/verifyLicence.ts";
import { LicenceStatus } from "../chain/enums.ts";
import { signLicenceSdJwt, signLicenceVc, type CredentialInput } from "./credential.ts";
import { signerOfAccount, type CredentialSigner } from "./jws.ts";
import { CredentialStatusIndex } from "./status-index.ts";

/** The two export formats. */
export type CredentialFormat = "vc" | "sd-jwt";

/** Media types of the exported text (for downloads and HTTP). */
export const CREDENTIAL_MEDIA_TYPES: Record<CredentialFormat, string> = {
  vc: "application/vc+jwt",
  "sd-jwt": "application/dc+sd-jwt",
};

export type ExportLicenceCredentialParameters = {
  /** The licence file (checked first). */
  file: LicenceFile;
  format: CredentialFormat;
  /** The platform's public URL (the exchange): issuer id, context and status lists live under it. */
  baseUrl: string;
  /** Signer (default: the client's local account); must be an officer of the issuing department. */
  signer?: CredentialSigner | undefined;
  /**
   * Licence ids of the whole batch, for a batch member (its status index is its rank among them);
   * not needed when `statusIndex` already has them (`addBatchMembers`). They must rebuild the
   * batch's root.
   */
  batchMemberIds?: readonly Hex[] | undefined;
  /** A status index to reuse (default: one read from the chain now). */
  statusIndex?: CredentialStatusIndex | undefined;
};

export type ExportLicenceCredentialReturnType = {
  format: CredentialFormat;
  /** The credential as text: a compact JWS (`vc`) or `<jwt>~<disclosure>~…~` (`sd-jwt`). */
  credential: string;
  mediaType: string;
  /** Index in the issuing department's status list. */
  statusIndex: number;
};

/**
 * Exports a licence as a W3C VC 2.0 (`vc+jwt`) or an SD-JWT VC, signed by an officer of the
 * issuing department. The file must pass its integrity check and be issued on chain; issue and
 * expiry times come from the chain record; the status-list index from the registry's events.
 *
 * @example
 * const { credential } = await exportLicenceCredential(officer, {
 *   file, format: "sd-jwt", baseUrl: "https://exchange.haidian.gov.cn",
 * });
 */
export async function exportLicenceCredential(
  client: OneWindowClient,
  parameters: ExportLicenceCredentialParameters,
): Promise<ExportLicenceCredentialReturnType> {
  const signer = parameters.signer ?? defaultSigner(client);
  const check = checkLicenceFile(parameters.file);
  if (!check.ok) throw new CredentialExportError("not-intact", check.problems.join("; "));
  const file = parseLicenceFile(parameters.file);

  const verdict = await verifyLicence(client, { file });
  if (verdict.status.status === LicenceStatus.Unknown || verdict.record === undefined) {
    throw new CredentialExportError("not-issued", `licence ${file.licenceId} has no record on chain`);
  }
  const departmentId = file.issuerDepartment;
  const [isOfficer, department, type] = await Promise.all([
    readContract(client, {
      contract: "DepartmentRegistry",
      functionName: "isOfficer",
      args: [departmentId, signer.address],
    }),
    readContract(client, { contract: "DepartmentRegistry", functionName: "getDepartment", args: [departmentId] }),
    readContract(client, { contract: "LicenceTypeRegistry", functionName: "getType", args: [file.typeId] }),
  ]);
  if (!isOfficer) {
    throw new CredentialExportError(
      "signer-not-officer",
      `${signer.address} is not an officer of department ${departmentId}`,
    );
  }

  const index = parameters.statusIndex ?? new CredentialStatusIndex(client);
  await index.syncTo(await client.public.getBlockNumber({ cacheTime: 0 }));
  if (file.batch !== undefined) {
    const memberIds = parameters.batchMemberIds;
    if (memberIds === undefined && index.batchMembers(file.batch.root) === undefined) {
      throw new CredentialExportError(
        "batch-members-needed",
        `licence ${file.licenceId} is in batch ${file.batch.root}`,
      );
    }
    if (memberIds !== undefined && !index.addBatchMembers(file.batch.root, memberIds)) {
      throw new CredentialExportError(
        "batch-members-wrong",
        `the ${memberIds.length} licence ids given do not rebuild batch ${file.batch.root} as issued on chain`,
      );
    }
  }
  const place = index.indexOf(file.licenceId, file.batch === undefined ? undefined : { root: file.batch.root });
  if (place === undefined) {
    throw new CredentialExportError("not-in-status-list", `no issue event places licence ${file.licenceId}`);
  }

  const input: CredentialInput = {
    baseUrl: parameters.baseUrl,
    chainId: client.chain.id,
    registry: client.addresses.LicenceRegistry,
    file,
    issuedAt: verdict.record.issuedAt,
    expiresAt: verdict.record.expiresAt,
    statusIndex: place.index,
    departmentName: department.name,
    typeName: type.name,
  };
  const credential =
    parameters.format === "vc" ? await signLicenceVc(input, signer) : await signLicenceSdJwt(input, signer);
  return {
    format: parameters.format,
    credential,
    mediaType: CREDENTIAL_MEDIA_TYPES[parameters.format],
    statusIndex: place.index,
  };
}

function defaultSigner(client: OneWindowClient): CredentialSigner {
  const account = client.wallet?.account;
  if (account === undefined || account.type !== "local") {
    throw new CredentialExportError("signer-not-officer", "the client has no local account to sign with");
  }
  return signerOfAccount(account as LocalAccount);
}
