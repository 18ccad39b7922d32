import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { sendContract, waitForWrite } from "../../chain/write.ts";
import { IssueLicencesError, type IssuedBatch } from "../../errors/issue.ts";
import { buildBatch } from "../../licence/batch.ts";
import type { LicenceFile } from "../../licence/format.ts";
import { checkedFileFor, checkIssuerDepartment } from "./internal/file.ts";
import { checkSealKey } from "./internal/seal.ts";
import { sealLicences } from "./sealLicence.ts";
import { Check } from "../../utils/input.ts";

/** Licences per batch root unless told otherwise. */
export type { IssuedBatch };

export const DEFAULT_BATCH_SIZE = 1024;
/** Batch transactions kept in flight at once unless told otherwise. */
export const DEFAULT_BATCHES_IN_FLIGHT = 4;

/** Progress of {@link issueLicences}, reported after each mined batch. */
export type IssueLicencesProgress = {
  /** Licences in mined batches so far. */
  done: number;
  /** Licences to issue in all. */
  total: number;
  /** Batches mined so far. */
  batches: number;
};

/** One issued batch root. */
export type IssueLicencesParameters = {
  /**
   * Licence files from `buildLicence`, all of one type, type version, issuing department and
   * expiry (a batch records them once), with no batch yet.
   */
  files: readonly LicenceFile[];
  /** Licences per batch root (default 1024). */
  batchSize?: number | undefined;
  /** Batch transactions in flight at once (default 4). */
  maxInFlight?: number | undefined;
  /** Called after each mined batch. */
  onProgress?: ((progress: IssueLicencesProgress) => void) | undefined;
  /**
   * The department's SM2 seal private key: when given, every file is sealed once issued (docs/seal.md)
   * and `files` come back with the chain's times and their seals. Checked against the department's
   * current registered key before anything is sent.
   */
  sealKey?: Hex | undefined;
};

export type IssueLicencesReturnType = {
  /** The files, in the order given, each with its batch proof attached: give them to the holders. */
  files: LicenceFile[];
  /** The batches, in the order of the files. */
  batches: IssuedBatch[];
};

/**
 * Issues many licences as Merkle batches: the files are split into batches of `batchSize`, each
 * batch root is issued with one transaction (several kept in flight), and every file gets its
 * batch proof. Only batch roots go on chain. Progress is reported after each mined batch.
 *
 * All files are checked first (shape, integrity, chain, one type version, issuer and expiry, the
 * signer's department): nothing is sent if one is wrong.
 *
 * @throws {InvalidParameterError}, {@link LicenceFormatError} or {@link LicenceIntegrityError}
 * before sending; {@link IssueLicencesError} (with the batches that were issued) if a batch fails.
 *
 * @example
 * const built = people.map((p) => buildLicence({ ...common, holder: p.address, fields: p.fields }).file);
 * const { files, batches } = await issueLicences(officer, {
 *   files: built,
 *   onProgress: ({ done, total }) => bar.update(done / total),
 * });
 * // give files[i] to its holder; batches[j].root is on chain
 */
export async function issueLicences(
  client: OneWindowClient,
  parameters: IssueLicencesParameters,
): Promise<IssueLicencesReturnType> {
  const check = new Check("issueLicences");
  const batchSize = check.uint("batchSize", parameters.batchSize ?? DEFAULT_BATCH_SIZE, 32, 1);
  const maxInFlight = check.uint("maxInFlight", parameters.maxInFlight ?? DEFAULT_BATCHES_IN_FLIGHT, 16, 1);
  if (!Array.isArray(parameters.files) || parameters.files.length === 0) {
    check.fail("files", "expected at least one licence file", "至少需要一份证照文件");
  }
  const first = checkedFileFor(client, check, parameters.files[0]!, "files[0]");
  // The signer's department is read while the other files are checked.
  const department = checkIssuerDepartment(client, check, first.issuerDepartment, "files[0].issuerDepartment");
  department.catch(() => undefined);
  const files = parameters.files.map((file, index) =>
    index === 0 ? first : checkedFileFor(client, check, file, `files[${index}]`),
  );
  const seen = new Set<Hex>();
  for (const [index, file] of files.entries()) {
    for (const key of ["typeId", "typeVersion", "issuerDepartment", "expiresAt"] as const) {
      if (file[key] !== first[key]) {
        check.fail(
          `files[${index}].${key}`,
          `differs from files[0].${key}: a batch has one type version, issuer and expiry; issue such files in separate calls`,
          `与第一份文件不同：同一批次的证照类型版本、发证部门和有效期须相同`,
        );
      }
    }
    if (file.batch !== undefined) check.fail(`files[${index}].batch`, "already belongs to a batch", "已属于某个批次");
    if (seen.has(file.licenceId)) check.fail(`files[${index}]`, "licence repeated", "证照重复");
    seen.add(file.licenceId);
  }
  // The chain's checks finish while the first batch is prepared; nothing is sent before they pass.
  const sealKey = parameters.sealKey;
  const checks = department.then(() =>
    sealKey === undefined ? undefined : checkSealKey(client, first.issuerDepartment, sealKey),
  );
  checks.catch(() => undefined);

  const chunks: LicenceFile[][] = [];
  for (let start = 0; start < files.length; start += batchSize) chunks.push(files.slice(start, start + batchSize));
  // Each batch's tree is built just before it is sent and its proofs while it is sent and mined;
  // up to `maxInFlight` batches are in flight (sent one after another, nonces counted locally).
  const trees: ReturnType<typeof buildBatch>[] = [];
  const proofs: Hex[][][] = chunks.map(() => []);

  const total = files.length;
  const issued: (IssuedBatch | undefined)[] = chunks.map(() => undefined);
  let done = 0;
  let mined = 0;
  let failure: { cause: unknown } | undefined;
  const inFlight = new Set<Promise<void>>();
  /** Sends batch `index` and waits for it; a failure stops the batches not sent yet. */
  const issue = async (index: number, tree: ReturnType<typeof buildBatch>) => {
    try {
      const hash = await sendContract(client, {
        contract: "LicenceRegistry",
        functionName: "issueBatch",
        args: [tree.root, first.typeId, first.typeVersion, first.expiresAt, tree.count],
        checks,
      });
      await waitForWrite(client, hash);
      issued[index] = { root: tree.root, count: tree.count, hash };
      done += tree.count;
      mined += 1;
      parameters.onProgress?.({ done, total, batches: mined });
    } catch (cause) {
      failure ??= { cause };
    }
  };
  for (let index = 0; index < chunks.length; index++) {
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure !== undefined) break;
    const chunk = chunks[index]!;
    const tree = buildBatch(chunk.map((file) => file.licenceId));
    trees[index] = tree;
    const task = issue(index, tree);
    inFlight.add(task);
    void task.then(() => inFlight.delete(task));
    proofs[index] = chunk.map((file) => tree.proofOf(file.licenceId));
  }
  await Promise.all(inFlight);

  // The proofs come from the trees built here, so they are attached without checking them again.
  const withProofs = (indexes: number[]) =>
    indexes.flatMap((index) =>
      chunks[index]!.map((file, member): LicenceFile => ({
        ...file,
        batch: { root: trees[index]!.root, proof: proofs[index]![member]! },
      })),
    );
  const all = chunks.map((_, index) => index);
  if (failure !== undefined) {
    await checks; // a check that failed: nothing was sent, its error is the answer
    const ok = all.filter((index) => issued[index] !== undefined);
    throw new IssueLicencesError({
      issued: ok.map((index) => issued[index]!),
      files: withProofs(ok),
      notIssued: all.filter((index) => issued[index] === undefined).flatMap((index) => chunks[index]!),
      cause: failure.cause,
    });
  }
  const proven = withProofs(all);
  const sealed =
    parameters.sealKey === undefined
      ? proven
      : await sealLicences(client, { files: proven, privateKey: parameters.sealKey });
  return { files: sealed, batches: issued as IssuedBatch[] };
}
