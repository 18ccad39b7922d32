// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ILicenceRegistry} from "./ILicenceRegistry.sol";

/// @title IApprovalEngine
/// @notice Applications for service matters run as parallel approval flows: the steps of the
/// matter's DAG whose dependencies are approved are active at once, each with a deadline in working
/// days from the WorkingCalendar; departments decide with their officers' keys, m of n (direct votes,
/// or a batch of EIP-712 signatures submitted by anyone); rules approve steps at once where allowed;
/// completion issues the output licence and offers linked matters.
///
/// Decisions: a vote is for an outcome (approve, reject with a reason, or return for correction);
/// a step's votes for one outcome accumulate until the department's threshold is reached, and then
/// the outcome applies. Officers of a step must agree: a vote for another outcome than the pending
/// one reverts. A change of the department's officers discards votes in flight (they must vote again).
/// Signed decisions carry the application, step and round (the key of their nonce: decisions for
/// other applications or steps never block each other), a deadline, the chain id and this contract.
///
/// Return for correction stops the clock of every active step while the application is with the
/// applicant; resubmission restarts them with the working days they had left.
interface IApprovalEngine {
    /// @notice Status of an application.
    enum ApplicationStatus {
        None, // no such application
        Active, // under review
        Returned, // returned to the applicant for correction; clocks stopped
        Completed, // every step approved; output licence issued
        Rejected, // a department rejected it
        Withdrawn // the applicant withdrew it
    }

    /// @notice A department's decision on a step.
    enum Outcome {
        None, // no vote
        Approve, // approve the step
        Reject, // reject the application (with a reason code)
        Return // return the application for correction (with a reason code)
    }

    /// @notice An uploaded document for an upload material.
    struct Upload {
        uint8 material; // index of the material in the matter version
        bytes32 contentHash; // hash of the encrypted document held by the exchange
    }

    /// @notice What the applicant submits. Only unconditional materials go on chain: the engine
    /// requires every one of them and refuses a licence or upload for a conditional material
    /// (`ApprovalEngineUnexpectedMaterial`), so every application of a matter version has the same
    /// shape whatever the applicant's condition flags. The flags and the conditional materials the
    /// applicant supplies are committed to with a random salt; the declaration behind the
    /// commitment goes to the reviewing departments off chain, who check it and the conditional
    /// materials themselves. The engine never recomputes the commitment.
    struct Submission {
        uint32 matterId; // the matter (its current version is used)
        bytes32 conditionsCommitment; // keccak256(abi.encode(uint32 conditions, bytes32 salt,
        // uint8[] materialIndexes, bytes32[] ids)): the applicant's condition flags (e.g. premises
        // underground), a random salt, and the conditional materials supplied in ascending material
        // index, each with its id (a licence material: the licence id; an upload material: the
        // upload's content hash)
        uint8[] licenceMaterials; // material index of each presented licence
        ILicenceRegistry.HeldLicence[] licences; // the licences, holder = applicant, valid now
        Upload[] uploads; // one per unconditional upload material
    }

    /// @notice A decision as signed by officers.
    struct DecisionData {
        bytes32 applicationId; // application
        uint8 step; // step index
        uint8 round; // step round (increments with each return for correction)
        Outcome outcome; // approve, reject or return
        uint16 reason; // reason code for reject / return (0 for approve)
        bytes32 outputLicenceId; // approving the output step: the output licence's id; else 0
        uint64 deadline; // Unix seconds after which the signatures are void
    }

    /// @notice Proof that the applicant holds the output licence a decision names: the salt of the
    /// licence's `holder` field and the Merkle proof of that field's leaf (holder = the applicant's
    /// address, see {HolderLeaf}) against the licence id. Nothing personal: the applicant's address
    /// is already the application's, the salt is random. Empty where no output licence is named, or
    /// where the output licence already named for the application is named again.
    struct HolderProof {
        bytes32 salt; // salt of the output licence's holder field
        bytes32[] proof; // proof of the holder leaf against the output licence id
    }

    /// @notice One officer's signature over a DecisionData.
    struct OfficerSignature {
        address signer; // officer (EOA, or EIP-1271 contract)
        bytes signature; // EIP-712 signature over Decision
    }

    /// @notice A linked application started by a second party with the holder's signed consent.
    struct LinkedStart {
        bytes32 parentApplicationId; // completed application offering the link
        uint32 matterId; // linked matter (StartOnConsent)
        address starter; // who may start it (signed by the holder)
        uint64 deadline; // Unix seconds after which the consent signature is void
        bytes signature; // the holder's EIP-712 signature over LinkedStartConsent
    }

    /// @notice Stored state of one step of an application; one slot.
    struct StepState {
        uint32 departmentId; // deciding department, copied from the matter version at activation
        bool isOutput; // the step whose approval names the output licence
        uint40 activatedAt; // Unix seconds the step last became (or resumed being) active; 0 = pending
        uint40 deadline; // Unix seconds: end of the last working day allowed
        uint16 usedDays; // working days used before the clock last stopped
        uint8 round; // increments with each return for correction
        Outcome pendingOutcome; // outcome the current votes are for
        uint16 pendingReason; // reason code the current votes are for
        uint32 votes; // bit i: officer i of the department voted for the pending outcome
        uint32 officersEpoch; // department officer-set epoch the votes were cast under
        bool overdueFlagged; // overdue already flagged in this round
    }

    /// @notice An application; one slot.
    struct Application {
        address applicant; // holder of the presented licences
        uint32 matterId; // matter applied for
        uint16 matterVersion; // version bound at submission
        ApplicationStatus status; // current status
        uint8 stepCount; // steps of the matter version
        uint16 approvedSteps; // bit i: step i approved
        uint16 activeSteps; // bit i: step i active
    }

    /// @notice Emitted when an application is submitted (everything an indexer needs).
    event ApplicationSubmitted(
        bytes32 indexed applicationId,
        address indexed applicant,
        uint32 indexed matterId,
        uint16 matterVersion,
        bytes32 conditionsCommitment,
        bytes32[] licenceIds,
        bytes32[] uploadHashes,
        bytes32 parentApplicationId,
        address startedBy
    );
    /// @notice Emitted when a step becomes active (or active again after a resubmission).
    event StepActivated(
        bytes32 indexed applicationId,
        uint8 indexed step,
        uint32 indexed departmentId,
        uint40 deadline,
        uint8 round
    );
    /// @notice Emitted for each officer vote (direct or signed). `outputLicenceId` is the output
    /// licence the vote names (bytes32(0) when it names none).
    event VoteCast(
        bytes32 indexed applicationId,
        uint8 indexed step,
        address indexed officer,
        Outcome outcome,
        uint16 reason,
        uint8 round,
        bool signed,
        bytes32 outputLicenceId
    );
    /// @notice Emitted when a step's department reached its threshold and the outcome applied.
    event StepDecided(
        bytes32 indexed applicationId,
        uint8 indexed step,
        uint32 indexed departmentId,
        Outcome outcome,
        uint16 reason,
        uint8 round,
        uint32 votes,
        bool onTime
    );
    /// @notice Emitted when a rule approved a step.
    event StepApprovedByRule(bytes32 indexed applicationId, uint8 indexed step, address indexed rule, bool onTime);
    /// @notice Emitted when an active step is past its deadline (flagged by anyone).
    event StepOverdue(
        bytes32 indexed applicationId,
        uint8 indexed step,
        uint32 indexed departmentId,
        uint40 deadline,
        address flaggedBy
    );
    /// @notice Emitted when an application is returned for correction.
    event ApplicationReturned(bytes32 indexed applicationId, uint8 indexed step, uint16 reason);
    /// @notice Emitted when the applicant resubmits a returned application.
    event ApplicationResubmitted(
        bytes32 indexed applicationId,
        bytes32[] uploadHashes,
        uint16 workingDaysWithApplicant
    );
    /// @notice Emitted when an application is rejected.
    event ApplicationRejected(bytes32 indexed applicationId, uint8 indexed step, uint16 reason);
    /// @notice Emitted when the applicant withdraws.
    event ApplicationWithdrawn(bytes32 indexed applicationId);
    /// @notice Emitted when every step is approved.
    event ApplicationCompleted(
        bytes32 indexed applicationId,
        bytes32 indexed outputLicenceId,
        uint32 outputLicenceTypeId
    );
    /// @notice Emitted on completion for each linked matter (proactive push or offer to start).
    event LinkedMatterOffered(
        bytes32 indexed applicationId,
        uint32 indexed linkedMatterId,
        address indexed holder,
        uint8 mode
    );

    /// @notice The matter is unknown or closed to new applications.
    error ApprovalEngineMatterClosed(uint32 matterId);
    /// @notice Required material `material` is missing.
    error ApprovalEngineMissingMaterial(uint8 material);
    /// @notice Material `material` was given twice, does not exist, is of the wrong kind, or is
    /// conditional (conditional materials go to the departments off chain, never on chain).
    error ApprovalEngineUnexpectedMaterial(uint8 material);
    /// @notice The licence presented for `material` is not valid now, not the applicant's, of the
    /// wrong type, or its issuer was not authorised.
    error ApprovalEngineInvalidLicence(uint8 material, bytes32 licenceId, ILicenceRegistry.LicenceProblem problem);
    /// @notice No such application.
    error ApprovalEngineUnknownApplication(bytes32 applicationId);
    /// @notice The application is not in a status that allows this.
    error ApprovalEngineInvalidStatus(bytes32 applicationId, ApplicationStatus status);
    /// @notice The step is not active.
    error ApprovalEngineStepNotActive(bytes32 applicationId, uint8 step);
    /// @notice The caller or signer is not an officer of the step's department.
    error ApprovalEngineNotStepOfficer(address account, uint32 departmentId);
    /// @notice The officer already voted in this round.
    error ApprovalEngineAlreadyVoted(address officer);
    /// @notice A vote for another outcome than the pending one.
    error ApprovalEngineConflictingVote(Outcome pendingOutcome, uint16 pendingReason);
    /// @notice Approve with a reason code, or reject/return without one, or outcome None.
    error ApprovalEngineInvalidDecision();
    /// @notice The signatures do not reach the department's threshold.
    error ApprovalEngineBelowThreshold(uint256 signatures, uint8 threshold);
    /// @notice A signature is invalid for this decision, chain and contract.
    error ApprovalEngineInvalidSignature(address signer);
    /// @notice Signers must be given in strictly ascending address order (no repeats).
    error ApprovalEngineUnsortedSigners();
    /// @notice The signed decision is past its deadline.
    error ApprovalEngineExpiredSignature(uint64 deadline);
    /// @notice The signed round is not the step's current round.
    error ApprovalEngineWrongRound(uint8 signedRound, uint8 currentRound);
    /// @notice The caller is not the applicant.
    error ApprovalEngineNotApplicant(address caller);
    /// @notice The step has no rule, or its rule did not hold.
    error ApprovalEngineRuleNotSatisfied(bytes32 applicationId, uint8 step);
    /// @notice The step is not past its deadline, or was already flagged in this round.
    error ApprovalEngineNotOverdue(bytes32 applicationId, uint8 step);
    /// @notice The output step was approved without an output licence id, or one was given where
    /// none is expected (not the output step, or by someone who may not name it).
    error ApprovalEngineInvalidOutputLicence(bytes32 applicationId, uint8 step);
    /// @notice The output licence named is not proven to be held by the application's applicant
    /// (its holder proof does not hold): an output licence is always the applicant's.
    error ApprovalEngineOutputHolderNotApplicant(bytes32 applicationId, bytes32 outputLicenceId);
    /// @notice The linked start is not offered, not consented to, or already used.
    error ApprovalEngineInvalidLinkedStart(bytes32 parentApplicationId, uint32 matterId);

    /// @notice The applicant submits an application for the current version of a matter.
    function submit(Submission calldata submission) external returns (bytes32 applicationId);

    /// @notice A second party starts a linked matter for the holder of a completed application, with
    /// the holder's signed consent. The parent's output licence counts as the licence material of its type.
    function submitLinked(
        LinkedStart calldata start,
        Submission calldata submission
    ) external returns (bytes32 applicationId);

    /// @notice An officer of the step's department votes directly. Approving the output step names
    /// the output licence id (built by the department with the applicant as holder); else 0. Only an
    /// id already named for the application (by {approveOutput}, a signed decision or a rule review)
    /// may be named here: the first naming proves that the applicant holds it.
    function decide(
        bytes32 applicationId,
        uint8 step,
        Outcome outcome,
        uint16 reason,
        bytes32 outputLicenceId
    ) external;

    /// @notice An officer of the output step's department votes to approve it, naming the output
    /// licence with the proof that the applicant holds it (as {decide} otherwise).
    function approveOutput(
        bytes32 applicationId,
        uint8 step,
        bytes32 outputLicenceId,
        HolderProof calldata holder
    ) external;

    /// @notice Anyone submits a decision signed by enough of the department's officers (signers in
    /// ascending address order), with the proof that the applicant holds the output licence it names
    /// (not signed: it proves itself).
    function decideBySig(
        DecisionData calldata decision,
        OfficerSignature[] calldata signatures,
        HolderProof calldata holder
    ) external;

    /// @notice Anyone triggers a step's rule; if it holds, the step is approved at once. For the
    /// output step, an officer of its department (typically its exchange node's key) names the
    /// output licence id with the proof that the applicant holds it; anyone else passes 0 and the
    /// output step is not auto-reviewed.
    function autoReview(
        bytes32 applicationId,
        uint8 step,
        bytes calldata evidence,
        bytes32 outputLicenceId,
        HolderProof calldata holder
    ) external;

    /// @notice The applicant resubmits a returned application (with corrected uploads, if any: each for
    /// a distinct unconditional upload material of the application's matter version; a corrected
    /// conditional document goes to the department off chain).
    function resubmit(bytes32 applicationId, Upload[] calldata uploads) external;

    /// @notice The applicant withdraws an active or returned application.
    function withdraw(bytes32 applicationId) external;

    /// @notice Anyone flags an active step that is past its deadline (an event only).
    function flagOverdue(bytes32 applicationId, uint8 step) external;

    /// @notice The application.
    function getApplication(bytes32 applicationId) external view returns (Application memory);

    /// @notice One step's state.
    function getStep(bytes32 applicationId, uint8 step) external view returns (StepState memory);

    /// @notice The id the next application of `applicant` for `matterId` will get (to grant consents
    /// for it before submitting).
    function nextApplicationId(address applicant, uint32 matterId) external view returns (bytes32);

    /// @notice The output licence id of a completed application (0 if none).
    function outputLicenceOf(bytes32 applicationId) external view returns (bytes32);

    /// @notice The EIP-712 domain separator (name "OneWindow ApprovalEngine", version "1").
    function domainSeparator() external view returns (bytes32);

    /// @notice keccak256("Decision(bytes32 applicationId,uint8 step,uint8 round,uint8 outcome,uint16 reason,bytes32 outputLicenceId,uint64 deadline)")
    function decisionTypehash() external pure returns (bytes32);

    /// @notice keccak256("LinkedStartConsent(bytes32 parentApplicationId,uint32 matterId,address starter,uint64 deadline)")
    function linkedStartTypehash() external pure returns (bytes32);
}
