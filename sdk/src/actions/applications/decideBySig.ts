import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { DECISION_GAS_HEADROOM } from "./internal/gas.ts";
import type { LicenceFile } from "../../licence/format.ts";
import { checkDecision, NO_HOLDER, outputHolder, type HolderProof } from "./internal/decision.ts";
import { applicationWriteResult, type ApplicationWriteReturnType } from "./internal/result.ts";
import type { DecisionData } from "./internal/typedData.ts";

/**
 * An officer's signature, with the decision it signs (and the output licence's holder proof, when
 * signed with its file) when it came from {@link signDecision}.
 */
export type DecisionSignature = {
  signer: Address;
  signature: Hex;
  decision?: DecisionData | undefined;
  holder?: HolderProof | undefined;
};

export type DecideBySigParameters = {
  /** The decision signed (default: the one carried by the signatures). */
  decision?: DecisionData | undefined;
  /** The officers' signatures (m of the department's n); any order. */
  signatures: readonly DecisionSignature[];
  /**
   * A decision naming an output licence for the first time: its file, for the proof that the
   * applicant holds it (default: the proof a signature carries, see {@link signDecision}).
   */
  outputLicence?: LicenceFile | undefined;
};

export type DecideBySigReturnType = ApplicationWriteReturnType;

/**
 * Submits a decision signed offline by enough officers of the step's department (m of n): anyone
 * may send it (a clerk, a relayer, the department's exchange node). Signatures are put in the
 * ascending signer order the engine requires; they must all sign the same decision.
 *
 * @throws {InvalidParameterError} when no signature is given, a signer repeats, or signatures sign
 * different decisions.
 * @throws {ContractRevertError} e.g. `ApprovalEngineBelowThreshold`, `ApprovalEngineInvalidSignature`,
 * `ApprovalEngineExpiredSignature`, `ApprovalEngineWrongRound`, `ApprovalEngineOutputHolderNotApplicant`
 * (a new output licence without the proof that the applicant holds it).
 *
 * @example
 * await decideBySig(clerk, { signatures: [aliceSigned, bobSigned, carolSigned] });
 */
export async function decideBySig(
  client: OneWindowClient,
  parameters: DecideBySigParameters,
): Promise<DecideBySigReturnType> {
  const check: Check = new Check("decideBySig"); // typed, so `check.fail` (never) narrows everywhere
  const signatures = parameters.signatures;
  if (!Array.isArray(signatures) || signatures.length === 0) {
    check.fail("signatures", "expected at least one officer signature", "至少需要一个签名");
  }
  const decision = parameters.decision ?? signatures[0]!.decision;
  if (decision === undefined) check.fail("decision", "give the decision the signatures sign", "请给出所签署的决定");
  const applicationId = check.bytes32("decision.applicationId", decision.applicationId, { nonZero: true });
  const step = check.uint("decision.step", decision.step, 8);
  const round = check.uint("decision.round", decision.round, 8);
  const [outcome, reason, outputLicenceId] = checkDecision(check, decision);
  const [fileId, fileHolder] = outputHolder(parameters.outputLicence);
  if (fileId !== undefined && fileId.toLowerCase() !== outputLicenceId.toLowerCase()) {
    check.fail("outputLicence", "is not the output licence the decision names", "不是所签决定指定的结果证照");
  }
  const holder = fileId !== undefined ? fileHolder : (signatures.find((s) => s.holder)?.holder ?? NO_HOLDER);
  const deadline = check.bigUint("decision.deadline", decision.deadline, 64, 1n);
  const checked = { applicationId, step, round, outcome, reason, outputLicenceId, deadline };
  const seen = new Set<string>();
  const sorted = signatures
    .map((s, i) => {
      const signer = check.address(`signatures[${i}].signer`, s.signer);
      if (seen.has(signer.toLowerCase())) check.fail(`signatures[${i}].signer`, "signer repeated", "签名人重复");
      seen.add(signer.toLowerCase());
      if (s.decision !== undefined && !sameDecision(s.decision, checked)) {
        check.fail(`signatures[${i}].decision`, "signs another decision than the others", "所签决定与其他签名不一致");
      }
      return { signer, signature: check.hex(`signatures[${i}].signature`, s.signature) };
    })
    .sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "decideBySig",
    args: [checked, sorted, holder],
    headroom: DECISION_GAS_HEADROOM,
  });
  return applicationWriteResult(result);
}

function sameDecision(a: DecisionData, b: DecisionData): boolean {
  return (
    a.applicationId.toLowerCase() === b.applicationId.toLowerCase() &&
    a.step === b.step &&
    a.round === b.round &&
    a.outcome === b.outcome &&
    a.reason === b.reason &&
    a.outputLicenceId.toLowerCase() === b.outputLicenceId.toLowerCase() &&
    a.deadline === b.deadline
  );
}
