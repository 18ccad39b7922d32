/**
 * A licence file or disclosure checked on chain for a person: the SDK's three-part verdict
 * (`verifyLicence`, all reads at one block) with the names a person reads (licence type, issuing
 * department, field labels come from the catalogue on chain), and each shown field marked proven or
 * not. Used by the holder's wallet and by the public verifier.
 */
import {
  getDepartment,
  getLicenceType,
  LicenceStatus,
  parseDisclosure,
  parseLicenceFile,
  verifyLicence,
  type Disclosure,
  type LicenceFile,
  type OneWindowClient,
  type VerifyLicenceReturnType,
} from "@onewindow/sdk";
import { keccak256, stringToBytes, type Hex } from "viem";

/** A document a person handed over: a whole licence file, or a disclosure of some fields. */
export type LicenceDocument = { file: LicenceFile } | { disclosure: Disclosure };

export type CheckedLicence = {
  kind: "file" | "disclosure";
  licenceId: Hex;
  verdict: VerifyLicenceReturnType;
  /** The licence type's name (chain record's type, else the document's). */
  typeName: string;
  /** The issuing department's name (chain record's, else the document's claim). */
  departmentName: string;
  /** The fields shown (all of a file, the disclosed ones of a disclosure), each proven or not. */
  fields: { name: string; value: string; proven: boolean }[];
  /** Unix seconds, from the chain's record (undefined if never issued). */
  issuedAt: number | undefined;
  /** Unix seconds; 0 = no expiry. The chain's record where there is one. */
  expiresAt: number;
  /** The licence a revoked one was replaced by, if any (read from the verdict's reasons). */
  replacedBy: Hex | undefined;
};

/**
 * Reads a JSON text (or value) as a licence file or a disclosure, whichever its `format` says.
 *
 * @throws the SDK's LicenceFormatError naming the part that is wrong.
 */
export function readLicenceDocument(json: unknown): LicenceDocument {
  const value = typeof json === "string" ? (JSON.parse(json) as unknown) : json;
  const format = (value as { format?: unknown } | null)?.format;
  return format === "onewindow.disclosure" ? { disclosure: parseDisclosure(value) } : { file: parseLicenceFile(value) };
}

/** Checks a licence document on chain and names what a person reads. */
export async function checkLicenceDocument(
  client: OneWindowClient,
  document: LicenceDocument,
): Promise<CheckedLicence> {
  const verdict = await verifyLicence(client, document);
  const doc = "file" in document ? document.file : document.disclosure;
  const record = verdict.record;
  const typeId = record?.typeId ?? doc.typeId;
  const departmentId = record?.issuerDepartment ?? doc.issuerDepartment;
  const [type, department] = await Promise.all([
    getLicenceType(client, { typeId, version: record?.typeVersion ?? doc.typeVersion }).catch(() => undefined),
    getDepartment(client, { departmentId }).catch(() => undefined),
  ]);
  const altered = new Set(verdict.integrity.alteredFields);
  const replaced = verdict.status.problems.join(" ").match(/replaced by (0x[0-9a-fA-F]{64})/);
  return {
    kind: "file" in document ? "file" : "disclosure",
    licenceId: verdict.licenceId,
    verdict,
    typeName: type?.name ?? `#${typeId}`,
    departmentName: department?.name ?? `#${departmentId}`,
    fields: doc.fields.map(({ name, value }) => ({
      name,
      value,
      proven: verdict.integrity.proofHolds && !altered.has(name),
    })),
    issuedAt: record?.issuedAt,
    expiresAt: record?.expiresAt ?? doc.expiresAt,
    replacedBy:
      verdict.status.status === LicenceStatus.Revoked && replaced ? (replaced[1]!.toLowerCase() as Hex) : undefined,
  };
}

/**
 * The purpose a window clerk's check is recorded under (`recordVerification`) when no application
 * is involved: the hash of a fixed tag, so auditors and the holder's activity can tell window checks apart.
 */
export const WINDOW_CHECK_PURPOSE: Hex = keccak256(stringToBytes("onewindow.window-check"));
