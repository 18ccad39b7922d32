/**
 * Rule evidence from what an application already presented: the licences of its submission, as
 * the submission transaction carried them (licence id, batch proof, the holder field's salt and
 * proof — public calldata since then, no other value or salt). So automatic review does not ask the
 * applicant to present again a licence the engine checked at submission.
 */
import { decodeFunctionData, getAddress, type Address, type Hex } from "viem";

import type { OneWindowClient } from "../../../chain/client.ts";
import { readContract } from "../../../chain/read.ts";
import { approvalEngineAbi, compositeRuleAbi, holdsValidLicenceRuleAbi } from "../../../generated/abis.ts";
import type { HeldLicence } from "../../../licence/present.ts";
import { compositeEvidence, holdsValidLicenceEvidence, NO_EVIDENCE } from "../../rules/internal/evidence.ts";

/** Deepest nesting of composite rules followed (a rule tree deeper than this gets no evidence). */
const MAX_RULE_DEPTH = 8;

/**
 * The licences `applicationId` presented at submission (`submit` or `submitLinked` sent to the
 * engine itself; none found if it came through another contract, e.g. a multisig wallet).
 */
export async function presentedLicences(client: OneWindowClient, applicationId: Hex): Promise<HeldLicence[]> {
  const engine = client.addresses.ApprovalEngine;
  const [log] = await client.public.getContractEvents({
    address: engine,
    abi: approvalEngineAbi,
    eventName: "ApplicationSubmitted",
    args: { applicationId },
    fromBlock: BigInt(client.deployment.contracts.ApprovalEngine.startBlock),
    toBlock: "latest",
  });
  if (!log) return [];
  const tx = await client.public.getTransaction({ hash: log.transactionHash });
  if (!tx.to || getAddress(tx.to) !== getAddress(engine)) return [];
  let decoded;
  try {
    decoded = decodeFunctionData({ abi: approvalEngineAbi, data: tx.input });
  } catch {
    return [];
  }
  const submission =
    decoded.functionName === "submit"
      ? decoded.args[0]
      : decoded.functionName === "submitLinked"
        ? decoded.args[1]
        : undefined;
  if (!submission) return [];
  const emitted = new Set((log.args.licenceIds ?? []).map((id) => id.toLowerCase()));
  // Only what the event says this application presented (a transaction submits one application).
  return submission.licences
    .filter((l) => emitted.has(l.licenceId.toLowerCase()))
    .map((l) => ({
      licenceId: l.licenceId,
      batchRoot: l.batchRoot,
      batchProof: [...l.batchProof],
      holderSalt: l.holderSalt,
      holderProof: [...l.holderProof],
    }));
}

/**
 * Evidence for `rule` from the presented licences: a `HoldsValidLicenceRule` gets the presented
 * licence of its type that is valid now; a `CompositeRule` one entry per rule; any other rule none.
 */
export async function evidenceFromPresented(
  client: OneWindowClient,
  rule: Address,
  applicant: Address,
  presented: readonly HeldLicence[],
): Promise<Hex> {
  if (presented.length === 0) return NO_EVIDENCE;
  const [typeIds, problems] = await readContract(client, {
    contract: "LicenceRegistry",
    functionName: "checkHeldLicences",
    args: [applicant, presented],
  });
  const byType = new Map<number, HeldLicence>();
  presented.forEach((held, i) => {
    if (problems[i] === 0 && !byType.has(typeIds[i]!)) byType.set(typeIds[i]!, held);
  });
  return evidenceFor(client, rule, byType, 0);
}

async function evidenceFor(
  client: OneWindowClient,
  rule: Address,
  byType: ReadonlyMap<number, HeldLicence>,
  depth: number,
): Promise<Hex> {
  const typeId = await tryRead(() =>
    client.public.readContract({ address: rule, abi: holdsValidLicenceRuleAbi, functionName: "licenceTypeId" }),
  );
  if (typeId !== undefined) {
    const held = byType.get(typeId);
    return held ? holdsValidLicenceEvidence(held) : NO_EVIDENCE;
  }
  if (depth >= MAX_RULE_DEPTH) return NO_EVIDENCE;
  const rules = await tryRead(() =>
    client.public.readContract({ address: rule, abi: compositeRuleAbi, functionName: "rules" }),
  );
  if (rules === undefined) return NO_EVIDENCE;
  return compositeEvidence(await Promise.all(rules.map((r) => evidenceFor(client, r, byType, depth + 1))));
}

/** A read of a function the rule may not have: undefined when it reverts or is absent. */
async function tryRead<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}
