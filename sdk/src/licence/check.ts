import type { Hex } from "viem";

import { LicenceFormatError, OneWindowError } from "../errors/index.ts";
import { verifyBatchProof } from "./batch.ts";
import { fieldMaskOf } from "./mask.ts";
import { parseDisclosure, type Disclosure } from "./disclosure-format.ts";
import { parseLicenceFile, type LicenceBatchProof, type LicenceFile } from "./format.ts";
import { fieldLeafHash } from "./leaf.ts";
import { LeafHashTree, processMultiProof } from "./merkle.ts";

/** Outcome of an offline check. */
export type CheckResult = {
  /** True when nothing is wrong. */
  ok: boolean;
  /** What is wrong, each naming the field or part concerned (never a value or a salt). */
  problems: string[];
  /** The fields whose value or salt does not match their leaf (altered), by name. */
  alteredFields: string[];
};

/**
 * Checks a licence file offline: its shape, each field's leaf against its value and salt (a
 * mismatch names the field), the licence id against the root recomputed from all fields, and the
 * batch proof if there is one. Status (revoked, suspended, expired) and issuer authority are the
 * chain's part of the verdict and not checked here.
 *
 * @param file - A licence file (or anything: its shape is checked first).
 * @returns `{ ok, problems }`; never throws.
 *
 * @example
 * import { checkLicenceFile, parseLicenceFile } from "@onewindow/sdk";
 *
 * const { ok, problems } = checkLicenceFile(parseLicenceFile(json));
 * if (!ok) console.error(problems); // e.g. ['field "registeredAddress": value or salt does not match its leaf']
 */
export function checkLicenceFile(file: LicenceFile): CheckResult {
  let licence: LicenceFile;
  try {
    licence = parseLicenceFile(file);
  } catch (error) {
    return { ok: false, problems: [describeError(error)], alteredFields: [] };
  }
  return checkParsedLicence(licence).result;
}

/**
 * {@link checkLicenceFile} of a file already parsed (`parseLicenceFile`), with the field leaves and
 * their tree it computed, for the caller that goes on to prove fields (a disclosure) without
 * hashing them again.
 */
export function checkParsedLicence(licence: LicenceFile): { result: CheckResult; leaves: Hex[]; tree: LeafHashTree } {
  const problems: string[] = [];
  const alteredFields: string[] = [];
  const leaves = licence.fields.map((field) => {
    const leaf = fieldLeafHash(licence.typeId, field.name, field.value, field.salt);
    if (leaf !== field.leaf) {
      problems.push(`field "${field.name}": value or salt does not match its leaf`);
      alteredFields.push(field.name);
    }
    return leaf;
  });
  const tree = new LeafHashTree(leaves);
  if (tree.root !== licence.licenceId) {
    problems.push(`licenceId ${licence.licenceId} is not the root of the fields (${tree.root})`);
  }
  if (licence.batch !== undefined) problems.push(...checkBatch(licence.licenceId, licence.batch));
  return { result: { ok: problems.length === 0, problems, alteredFields }, leaves, tree };
}

/** Options of {@link checkDisclosure}. */
export type CheckDisclosureOptions = {
  /** The type version's field names (from LicenceTypeRegistry.getVersion); when given, `fieldMask` is checked against the disclosed names. */
  fieldNames?: readonly string[] | undefined;
};

/**
 * Checks a disclosure offline: its shape; each disclosed field's leaf, recomputed from its value
 * and salt, against the disclosed `leaves` (as a multiset; a mismatch names the field); the
 * multiproof of `leaves` against the licence id, processed as OpenZeppelin's
 * `MerkleProof.processMultiProof` does on chain; the field mask against `fieldNames` when given;
 * and the batch proof if there is one. The licence's status and issuer are read from the chain.
 *
 * @param disclosure - A disclosure (or anything: its shape is checked first).
 * @param options - `fieldNames` of the type version, to check the field mask.
 * @returns `{ ok, problems }`; never throws.
 *
 * @example
 * import { checkDisclosure, parseDisclosure } from "@onewindow/sdk";
 *
 * const { ok, problems } = checkDisclosure(parseDisclosure(body), { fieldNames });
 */
export function checkDisclosure(disclosure: Disclosure, options: CheckDisclosureOptions = {}): CheckResult {
  const problems: string[] = [];
  let parsed: Disclosure;
  try {
    parsed = parseDisclosure(disclosure);
  } catch (error) {
    return { ok: false, problems: [describeError(error)], alteredFields: [] };
  }

  const alteredFields: string[] = [];
  // Leaves as a multiset: each field takes one equal leaf; what is left over belongs to no field.
  const unclaimed = new Map<Hex, number>();
  for (const leaf of parsed.leaves) unclaimed.set(leaf, (unclaimed.get(leaf) ?? 0) + 1);
  for (const field of parsed.fields) {
    const leaf = fieldLeafHash(parsed.typeId, field.name, field.value, field.salt);
    const count = unclaimed.get(leaf) ?? 0;
    if (count === 0) {
      problems.push(`field "${field.name}": value or salt does not match any disclosed leaf`);
      alteredFields.push(field.name);
    } else unclaimed.set(leaf, count - 1);
  }
  for (const [index, leaf] of parsed.leaves.entries()) {
    const count = unclaimed.get(leaf) ?? 0;
    if (count > 0) {
      problems.push(`leaves[${index}] ${leaf} belongs to no disclosed field`);
      unclaimed.set(leaf, count - 1);
    }
  }

  try {
    const root = processMultiProof(parsed);
    if (root !== parsed.licenceId) problems.push(`the field proof does not lead to licenceId ${parsed.licenceId}`);
  } catch (error) {
    problems.push(`the field proof is malformed: ${describeError(error)}`);
  }

  if (options.fieldNames !== undefined) {
    try {
      const expected = fieldMaskOf(
        options.fieldNames,
        parsed.fields.map(({ name }) => name),
      );
      if (expected.toString() !== parsed.fieldMask) {
        problems.push(`fieldMask ${parsed.fieldMask} does not select the disclosed fields (expected ${expected})`);
      }
    } catch (error) {
      problems.push(describeError(error));
    }
  }

  if (parsed.batch !== undefined) problems.push(...checkBatch(parsed.licenceId, parsed.batch));
  return { ok: problems.length === 0, problems, alteredFields };
}

/** Problems with a batch proof. */
function checkBatch(licenceId: Hex, batch: LicenceBatchProof): string[] {
  return verifyBatchProof(batch.root, licenceId, batch.proof)
    ? []
    : [`batch: the proof does not put licenceId ${licenceId} in batch root ${batch.root}`];
}

/** One line for a caught error. */
function describeError(error: unknown): string {
  if (error instanceof LicenceFormatError) return `${error.path}: ${error.reason}`;
  if (error instanceof OneWindowError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
