/**
 * Licence files as this node keeps them: sealed at rest under `licence:<id>`, checked when a
 * department sends one, and in the canonical form a deposited file is compared in.
 */
import {
  checkLicenceFile,
  parseLicenceFile,
  serializeLicenceFile,
  withIssueTimes,
  type LicenceFile,
  type VerifyLicenceReturnType,
} from "@onewindow/sdk";
import { getAddress, type Address } from "viem";

import type { ExchangeContext } from "./context.ts";
import { Errors } from "./errors.ts";
import { open, seal } from "./sealed.ts";
import { issuedLicence } from "./store/licences.ts";

/** Seals a serialized licence file under the data key, bound to its (lower-case) licence id. */
export const sealLicence = (key: Uint8Array, serialized: string, licenceId: string) =>
  seal(key, Buffer.from(serialized, "utf8"), `licence:${licenceId}`);

/** Opens a file sealed by {@link sealLicence}: its serialized text. */
export const openLicence = (key: Uint8Array, sealed: Uint8Array, licenceId: string) =>
  open(key, sealed, `licence:${licenceId}`).toString("utf8");

/** Opens and parses a sealed licence file. */
export const parseSealedLicence = (key: Uint8Array, sealed: Uint8Array, licenceId: string) =>
  parseLicenceFile(JSON.parse(openLicence(key, sealed, licenceId)));

/** An issued licence this node holds: its file and holder. */
export async function loadLicence(ctx: ExchangeContext, licenceId: string) {
  const id = licenceId.toLowerCase();
  const row = await issuedLicence(ctx.db, id);
  if (!row) return undefined;
  const file = parseSealedLicence(ctx.dataKey, row.sealed_file, id);
  return { file, holder: row.holder as Address };
}

/** The canonical form a deposited file is kept and compared in: issue and expiry times from the chain's record. */
export const withChainTimes = (file: LicenceFile, record: { issuedAt: number; expiresAt: number }) =>
  serializeLicenceFile(withIssueTimes(file, record));

/**
 * Whether a department's file is the licence the chain recorded: its fields match the id and its
 * type, type version and issuing department are the record's. Its issue and expiry times may
 * differ (an output licence is built before the engine sets them): the node keeps the chain's.
 */
export const matchesRecord = (verdict: VerifyLicenceReturnType) =>
  verdict.integrity.fieldsMatch && verdict.integrity.mismatches.every((m) => m.field === "expiresAt");

/** The holder named in the file, lower case. */
export const holderOf = (file: LicenceFile) => file.fields.find((f) => f.name === "holder")!.value.toLowerCase();

/** A licence file sent by a department: its shape, its hashes (offline) and this deployment, or the refusal. */
export function checkedFile(ctx: ExchangeContext, raw: unknown): LicenceFile {
  // Shape (LicenceFormatError → 400 naming the JSONPath), then the hashes, offline.
  const file = parseLicenceFile(raw);
  const checked = checkLicenceFile(file);
  if (!checked.ok) throw Errors.licenceFileInvalid(checked.problems);
  const { client } = ctx;
  if (
    (file.chainId !== undefined && file.chainId !== client.chain.id) ||
    (file.registry !== undefined && getAddress(file.registry) !== getAddress(client.addresses.LicenceRegistry))
  ) {
    throw Errors.licenceOtherDeployment();
  }
  return file;
}
