/**
 * Server side of the holder's data tracker (/wallet/consents, /wallet/activity): the consents a
 * holder granted and the checks recorded on chain of their licences (lists from the indexer, through
 * the SDK's audit client), and the names behind the ids the pages show (departments and matters from
 * the catalogue, licence types and field names from the chain, the 受理号 of each application).
 */
import {
  applicationNumberOf,
  chainTime,
  fieldNamesOfMask,
  findApplicationsByNumber,
  getApplication,
  getLicence,
  getLicenceType,
  getLicenceVerifications,
  listConsents,
  looksLikeApplicationNumber,
  parseApplicationNumber,
  type InvalidParameterError,
} from "@onewindow/sdk";
import type { Address, Hex } from "viem";

import type { TrackerConsent, TrackerNames, TrackerVerification } from "@/lib/tracker.ts";

import { fromIndexer } from "./audit.ts";
import { getCatalogue, getPlatform } from "./platform.ts";

/** The holder's consents, newest grant first, with the chain's time (for "expired"). */
export async function holderConsents(holder: Address): Promise<{ consents: TrackerConsent[]; now: number }> {
  const { client } = await getPlatform();
  const [rows, now] = await Promise.all([fromIndexer((audit) => listConsents(audit, { holder })), chainTime(client)]);
  if (rows === undefined) throw new Error("indexer");
  return {
    now: Number(now),
    consents: rows.map((c) => ({
      consentId: c.id,
      departmentId: Number(c.department),
      licenceId: c.licence,
      fieldMask: c.fieldMask.toString(),
      purpose: c.purpose,
      grantedAt: Number(c.grantedAt),
      expiresAt: Number(c.expiresAt),
      revoked: c.revoked,
      revokedAt: c.revokedAt === null ? null : Number(c.revokedAt),
    })),
  };
}

/** Every recorded check of the given licences (the holder's), newest first. */
export async function verificationsOf(licenceIds: readonly Hex[]): Promise<TrackerVerification[]> {
  const lists = await Promise.all(
    licenceIds.map((licenceId) => fromIndexer((audit) => getLicenceVerifications(audit, { licenceId }))),
  );
  if (lists.some((l) => l === undefined)) throw new Error("indexer");
  return lists
    .flatMap((l) => l ?? [])
    .map((v) => ({
      id: v.id,
      licenceId: v.licence,
      departmentId: Number(v.department),
      officer: v.officer,
      fieldMask: v.fieldMask.toString(),
      result: v.result,
      purpose: v.purpose,
      at: Number(v.timestamp),
      tx: v.transactionHash,
      block: Number(v.blockNumber),
    }))
    .sort((a, b) => b.at - a.at || b.block - a.block);
}

/**
 * Names for ids: each department's name, each licence's type name and field names (with the
 * masks asked about named), each application's 受理号 and matter. Ids the chain does not know are
 * left out (the page then says "unknown").
 */
export async function describe(request: {
  licences: readonly Hex[];
  applications: readonly Hex[];
  masks: readonly { licenceId: Hex; mask: string }[];
}): Promise<TrackerNames> {
  const { client } = await getPlatform();
  const catalogue = await getCatalogue();
  const departments = Object.fromEntries(
    catalogue.departments.map((d) => [d.departmentId, { name: d.name, nameEn: d.nameEn }]),
  );
  const licences: TrackerNames["licences"] = {};
  await Promise.all(
    [...new Set(request.licences.map((l) => l.toLowerCase() as Hex))].map(async (licenceId) => {
      const record = await getLicence(client, { licenceId }).catch(() => undefined);
      if (!record) return;
      const type = await getLicenceType(client, { typeId: record.typeId, version: record.typeVersion });
      licences[licenceId] = {
        typeName: type.name,
        fieldNames: type.version.fieldNames,
        issuerDepartment: record.issuerDepartment,
      };
    }),
  );
  const applications: TrackerNames["applications"] = {};
  await Promise.all(
    [...new Set(request.applications.map((a) => a.toLowerCase() as Hex))].map(async (applicationId) => {
      const number = applicationNumberOf(applicationId);
      const info = await getApplication(client, { applicationId }).catch(() => undefined);
      const matter = info ? catalogue.matters.find((m) => m.matterId === info.matterId) : undefined;
      applications[applicationId] = {
        number,
        exists: info !== undefined,
        matterName: matter?.name ?? null,
        matterNameEn: matter?.nameEn ?? null,
      };
    }),
  );
  const fields: TrackerNames["fields"] = {};
  for (const { licenceId, mask } of request.masks) {
    const licence = licences[licenceId.toLowerCase() as Hex];
    if (licence) fields[`${licenceId.toLowerCase()}/${mask}`] = fieldNamesOfMask(licence.fieldNames, BigInt(mask));
  }
  return { departments, licences, applications, fields };
}

export type NumberLookup =
  | { kind: "none" }
  | { kind: "bad"; messages: { zh: string; en: string } }
  | { kind: "unavailable" }
  | { kind: "found"; number: string; applications: { applicationId: Hex; matterId: number; submittedAt: number }[] };

/**
 * What the workbench's and the audit console's search box was given: a hex id passes through; a
 * 受理号 is checked (its check symbol catches a typo) and looked up in the indexer, every match
 * returned (usually one).
 */
export async function lookUpApplicationNumber(text: string): Promise<NumberLookup> {
  const query = text.trim();
  if (query === "" || !looksLikeApplicationNumber(query)) return { kind: "none" };
  let parsed: { number: string };
  try {
    parsed = parseApplicationNumber(query);
  } catch (error) {
    return { kind: "bad", messages: (error as InvalidParameterError).messages };
  }
  const found = await fromIndexer((audit) => findApplicationsByNumber(audit, { number: parsed.number }));
  if (!found) return { kind: "unavailable" };
  return {
    kind: "found",
    number: found.number,
    applications: found.applications.map((a) => ({
      applicationId: a.id,
      matterId: Number(a.matter),
      submittedAt: Number(a.submittedAt),
    })),
  };
}
