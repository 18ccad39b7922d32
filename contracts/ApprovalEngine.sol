// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {ONEWINDOW_VERSION, ZeroAddress} from "./Common.sol";
import {IApprovalEngine} from "./IApprovalEngine.sol";
import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";
import {ILicenceRegistry} from "./ILicenceRegistry.sol";
import {ILicenceTypeRegistry} from "./ILicenceTypeRegistry.sol";
import {IServiceCatalog} from "./IServiceCatalog.sol";
import {IWorkingCalendar} from "./IWorkingCalendar.sol";
import {IApprovalRule} from "./rules/IApprovalRule.sol";
import {CatalogueWords} from "./utils/CatalogueWords.sol";
import {HolderLeaf} from "./utils/HolderLeaf.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title ApprovalEngine
/// @notice See {IApprovalEngine}.
/// @dev Holds the ENGINE role of the AccessManager so that it can issue output licences on behalf of
/// the output step's department (`LicenceRegistry.issueFor`).
contract ApprovalEngine is IApprovalEngine, OneWindowUpgradeable, EIP712Upgradeable {
    using CatalogueWords for CatalogueWords.StepWord;
    using CatalogueWords for CatalogueWords.MaterialWord;

    /// @notice EIP-712 domain name.
    string public constant DOMAIN_NAME = "OneWindow ApprovalEngine";

    // keccak256("Decision(bytes32 applicationId,uint8 step,uint8 round,uint8 outcome,uint16 reason,bytes32 outputLicenceId,uint64 deadline)")
    bytes32 private constant _DECISION_TYPEHASH = keccak256(
        "Decision(bytes32 applicationId,uint8 step,uint8 round,uint8 outcome,uint16 reason,bytes32 outputLicenceId,uint64 deadline)"
    );

    // keccak256("LinkedStartConsent(bytes32 parentApplicationId,uint32 matterId,address starter,uint64 deadline)")
    bytes32 private constant _LINKED_START_TYPEHASH = keccak256(
        "LinkedStartConsent(bytes32 parentApplicationId,uint32 matterId,address starter,uint64 deadline)"
    );

    /// @custom:storage-location erc7201:onewindow.storage.ApprovalEngine
    struct ApprovalEngineStorage {
        IDepartmentRegistry departments;
        ILicenceRegistry licences;
        ILicenceTypeRegistry licenceTypes;
        IServiceCatalog catalog;
        IWorkingCalendar calendar;
        mapping(bytes32 applicationId => Application application) applications;
        mapping(bytes32 applicationId => mapping(uint8 step => StepState state)) steps;
        mapping(bytes32 applicationId => uint40 returnedAt) returnedAt;
        mapping(bytes32 applicationId => bytes32 licenceId) outputLicence;
        mapping(address applicant => uint256 count) submissions;
        mapping(bytes32 parentApplicationId => mapping(uint32 matterId => bool started)) linkedStarted;
        mapping(bytes32 applicationId => uint256 masks) dependsOn;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.ApprovalEngine")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x9566967b6d03a6058659c3ef4ec4696c241ea7f4d386b25915da9c7d81d6f000;

    function _s() private pure returns (ApprovalEngineStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice The registries the engine reads and writes.
    struct Registries {
        IDepartmentRegistry departments;
        ILicenceRegistry licences;
        ILicenceTypeRegistry licenceTypes;
        IServiceCatalog catalog;
        IWorkingCalendar calendar;
    }

    /// @notice Initialises the proxy with its AccessManager and the registries.
    function initialize(address authority_, Registries calldata r) external initializer {
        if (
            authority_ == address(0) ||
            address(r.departments) == address(0) ||
            address(r.licences) == address(0) ||
            address(r.licenceTypes) == address(0) ||
            address(r.catalog) == address(0) ||
            address(r.calendar) == address(0)
        ) revert ZeroAddress();
        __OneWindow_init(authority_);
        __EIP712_init(DOMAIN_NAME, ONEWINDOW_VERSION);
        ApprovalEngineStorage storage $ = _s();
        $.departments = r.departments;
        $.licences = r.licences;
        $.licenceTypes = r.licenceTypes;
        $.catalog = r.catalog;
        $.calendar = r.calendar;
    }

    // ================================================================ submission

    /// @inheritdoc IApprovalEngine
    function submit(Submission calldata submission) external returns (bytes32) {
        return _submit(msg.sender, submission, bytes32(0), 0, bytes32(0));
    }

    /// @inheritdoc IApprovalEngine
    function submitLinked(LinkedStart calldata start, Submission calldata submission) external returns (bytes32) {
        ApprovalEngineStorage storage $ = _s();
        bytes32 parentId = start.parentApplicationId;
        Application storage parent = $.applications[parentId];
        if (
            parent.status != ApplicationStatus.Completed ||
            start.matterId != submission.matterId ||
            start.starter != msg.sender ||
            $.linkedStarted[parentId][start.matterId] ||
            !_offersStart(parent, start.matterId)
        ) revert ApprovalEngineInvalidLinkedStart(parentId, start.matterId);
        if (start.deadline < _time()) revert ApprovalEngineExpiredSignature(start.deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(_LINKED_START_TYPEHASH, parentId, start.matterId, start.starter, start.deadline))
        );
        address holder = parent.applicant;
        if (!SignatureChecker.isValidSignatureNow(holder, digest, start.signature)) {
            revert ApprovalEngineInvalidSignature(holder);
        }
        $.linkedStarted[parentId][start.matterId] = true;
        bytes32 output = $.outputLicence[parentId];
        if (
            output != bytes32(0) &&
            $.licences.statusOf(output, bytes32(0), new bytes32[](0)) != ILicenceRegistry.LicenceStatus.Valid
        ) output = bytes32(0); // a revoked or expired output no longer stands for a material
        (uint32 outputType, , ) = $.catalog.completionOf(parent.matterId, parent.matterVersion);
        return _submit(holder, submission, parentId, outputType, output);
    }

    /// @dev Checks the materials and creates the application; `inheritedType`/`inheritedLicence`: a
    /// licence (a linked application's parent output) that satisfies a material of that type.
    function _submit(
        address applicant,
        Submission calldata submission,
        bytes32 parentId,
        uint32 inheritedType,
        bytes32 inheritedLicence
    ) private returns (bytes32 applicationId) {
        (uint16 version, uint256[] memory stepWords, uint256[] memory materials) = _s().catalog.submissionInfo(
            submission.matterId
        );
        if (version == 0) revert ApprovalEngineMatterClosed(submission.matterId);
        bytes32[] memory licenceIds = _checkMaterials(
            applicant,
            submission,
            CatalogueWords.asMaterialWords(materials),
            inheritedType,
            inheritedLicence
        );
        Application storage app;
        (applicationId, app) = _createApplication(applicant, submission.matterId, version, uint8(stepWords.length));
        _emitSubmitted(applicationId, applicant, submission, version, licenceIds, parentId);
        // The steps' dependency masks (16 bits per step), so that a decision finds the steps that
        // become ready without reading the matter's step words back from the catalogue.
        uint256 masks;
        for (uint256 i = 0; i < stepWords.length; ++i) {
            masks |= uint256(uint16(CatalogueWords.StepWord.wrap(stepWords[i]).dependsOn())) << (16 * i);
        }
        _s().dependsOn[applicationId] = masks;
        _activateReady(applicationId, app, masks, CatalogueWords.asStepWords(stepWords));
    }

    function _createApplication(
        address applicant,
        uint32 matterId,
        uint16 version,
        uint8 stepCount
    ) private returns (bytes32 applicationId, Application storage app) {
        ApprovalEngineStorage storage $ = _s();
        applicationId = _applicationId(applicant, matterId, $.submissions[applicant]++);
        app = $.applications[applicationId];
        app.applicant = applicant;
        app.matterId = matterId;
        app.matterVersion = version;
        app.status = ApplicationStatus.Active;
        app.stepCount = stepCount;
    }

    function _emitSubmitted(
        bytes32 applicationId,
        address applicant,
        Submission calldata submission,
        uint16 version,
        bytes32[] memory licenceIds,
        bytes32 parentId
    ) private {
        emit ApplicationSubmitted(
            applicationId,
            applicant,
            submission.matterId,
            version,
            submission.conditionsCommitment,
            licenceIds,
            _uploadHashes(submission.uploads),
            parentId,
            parentId == bytes32(0) ? address(0) : msg.sender
        );
    }

    function _uploadHashes(Upload[] calldata uploads) private pure returns (bytes32[] memory hashes) {
        hashes = new bytes32[](uploads.length);
        for (uint256 i = 0; i < uploads.length; ++i) hashes[i] = uploads[i].contentHash;
    }

    /// @dev Every presented licence and upload is for a distinct unconditional material of its kind
    /// (and type), every unconditional material is present, and every licence is the applicant's and
    /// valid. A conditional material is refused: presenting it would tell which condition the
    /// applicant has; it goes to the departments off chain, in the declaration behind the commitment.
    function _checkMaterials(
        address applicant,
        Submission calldata submission,
        CatalogueWords.MaterialWord[] memory materials,
        uint32 inheritedType,
        bytes32 inheritedLicence
    ) private view returns (bytes32[] memory licenceIds) {
        (uint256 licenceMaterials, uint256 uploadMaterials) = CatalogueWords.unconditionalMasks(materials);
        uint256 seen;
        uint256 count = submission.licences.length;
        if (submission.licenceMaterials.length != count) revert ApprovalEngineUnexpectedMaterial(0);
        licenceIds = new bytes32[](count + (inheritedLicence == bytes32(0) ? 0 : 1));
        if (count > 0) {
            (uint32[] memory typeIds, uint8[] memory problems) = _s().licences.checkHeldLicences(
                applicant,
                submission.licences
            );
            for (uint256 i = 0; i < count; ++i) {
                uint8 m = submission.licenceMaterials[i];
                seen = _markMaterial(m, licenceMaterials, seen);
                bytes32 licenceId = submission.licences[i].licenceId;
                if (problems[i] != uint8(ILicenceRegistry.LicenceProblem.None)) {
                    revert ApprovalEngineInvalidLicence(m, licenceId, ILicenceRegistry.LicenceProblem(problems[i]));
                }
                if (typeIds[i] != materials[m].licenceTypeId()) {
                    revert ApprovalEngineInvalidLicence(m, licenceId, ILicenceRegistry.LicenceProblem.WrongType);
                }
                licenceIds[i] = licenceId;
            }
        }
        for (uint256 i = 0; i < submission.uploads.length; ++i) {
            seen = _markMaterial(submission.uploads[i].material, uploadMaterials, seen);
        }
        uint256 missing = (licenceMaterials | uploadMaterials) & ~seen;
        if (missing != 0 && inheritedLicence != bytes32(0)) {
            // A linked application: the parent's output licence stands for one material of its type.
            for (uint256 i = 0; i < materials.length; ++i) {
                if (((missing & licenceMaterials) >> i) & 1 == 1 && materials[i].licenceTypeId() == inheritedType) {
                    missing &= ~(uint256(1) << i);
                    licenceIds[count] = inheritedLicence;
                    break;
                }
            }
        }
        if (missing != 0) revert ApprovalEngineMissingMaterial(uint8(_lowestBit(missing)));
    }

    /// @dev Marks material `m` as presented: it must be one of `allowed` (the unconditional materials
    /// of the presented kind, see {CatalogueWords-unconditionalMasks}) and not yet seen.
    function _markMaterial(uint8 m, uint256 allowed, uint256 seen) private pure returns (uint256) {
        if ((allowed >> m) & 1 == 0 || (seen >> m) & 1 == 1) revert ApprovalEngineUnexpectedMaterial(m);
        return seen | (uint256(1) << m);
    }

    // ================================================================ decisions

    /// @inheritdoc IApprovalEngine
    function decide(
        bytes32 applicationId,
        uint8 step,
        Outcome outcome,
        uint16 reason,
        bytes32 outputLicenceId
    ) external {
        Application storage app = _activeApplication(applicationId);
        StepState storage s = _activeStep(applicationId, app, step);
        if (_checkDecision(applicationId, step, s, outcome, reason, outputLicenceId)) {
            // A new output licence needs the proof that the applicant holds it: `approveOutput`.
            revert ApprovalEngineOutputHolderNotApplicant(applicationId, outputLicenceId);
        }
        _castVote(applicationId, app, step, s, outcome, reason, outputLicenceId);
    }

    /// @inheritdoc IApprovalEngine
    function approveOutput(
        bytes32 applicationId,
        uint8 step,
        bytes32 outputLicenceId,
        HolderProof calldata holder
    ) external {
        Application storage app = _activeApplication(applicationId);
        StepState storage s = _activeStep(applicationId, app, step);
        if (_checkDecision(applicationId, step, s, Outcome.Approve, 0, outputLicenceId)) {
            _checkOutputHolder(applicationId, app, outputLicenceId, holder);
        }
        _castVote(applicationId, app, step, s, Outcome.Approve, 0, outputLicenceId);
    }

    /// @dev The caller's vote, and the outcome if it reaches the threshold.
    function _castVote(
        bytes32 applicationId,
        Application storage app,
        uint8 step,
        StepState storage s,
        Outcome outcome,
        uint16 reason,
        bytes32 outputLicenceId
    ) private {
        (uint32 votes, uint8 threshold) = _vote(applicationId, step, s, outcome, reason, outputLicenceId);
        emit VoteCast(applicationId, step, msg.sender, outcome, reason, s.round, false, outputLicenceId);
        if (_popCount(votes) >= threshold) _applyDecision(applicationId, app, step, s, outcome, reason, votes);
    }

    /// @dev Records the caller's vote on a step: the caller must be an officer of the step's active
    /// department; votes must agree on outcome, reason and output licence; one vote per officer.
    function _vote(
        bytes32 applicationId,
        uint8 step,
        StepState storage s,
        Outcome outcome,
        uint16 reason,
        bytes32 outputLicenceId
    ) private returns (uint32 votes, uint8 threshold) {
        ApprovalEngineStorage storage $ = _s();
        uint32 departmentId;
        uint8 index;
        bool active;
        uint32 epoch;
        (departmentId, index, active, threshold, epoch) = $.departments.voterOf(msg.sender);
        if (departmentId != s.departmentId || !active) revert ApprovalEngineNotStepOfficer(msg.sender, s.departmentId);
        if (s.officersEpoch != epoch) {
            // The department's officers changed: votes cast under the old set lapse.
            s.votes = 0;
            s.pendingOutcome = Outcome.None;
            s.officersEpoch = epoch;
        }
        if (s.pendingOutcome == Outcome.None) {
            s.pendingOutcome = outcome;
            s.pendingReason = reason;
            if (outputLicenceId != bytes32(0)) {
                // The first vote fixes the output licence id for the others: it must not exist yet,
                // or the threshold vote could never issue it.
                if ($.licences.getLicence(outputLicenceId).state != ILicenceRegistry.LicenceState.None) {
                    revert ApprovalEngineInvalidOutputLicence(applicationId, step);
                }
                $.outputLicence[applicationId] = outputLicenceId;
            }
        } else if (
            s.pendingOutcome != outcome ||
            s.pendingReason != reason ||
            (outputLicenceId != bytes32(0) && $.outputLicence[applicationId] != outputLicenceId)
        ) {
            revert ApprovalEngineConflictingVote(s.pendingOutcome, s.pendingReason);
        }
        uint32 bit = uint32(1) << index;
        if (s.votes & bit != 0) revert ApprovalEngineAlreadyVoted(msg.sender);
        votes = s.votes | bit;
        s.votes = votes;
    }

    /// @inheritdoc IApprovalEngine
    function decideBySig(
        DecisionData calldata d,
        OfficerSignature[] calldata signatures,
        HolderProof calldata holder
    ) external {
        Application storage app = _activeApplication(d.applicationId);
        StepState storage s = _activeStep(d.applicationId, app, d.step);
        if (d.round != s.round) revert ApprovalEngineWrongRound(d.round, s.round);
        if (d.deadline < _time()) revert ApprovalEngineExpiredSignature(d.deadline);
        if (_checkDecision(d.applicationId, d.step, s, d.outcome, d.reason, d.outputLicenceId)) {
            _checkOutputHolder(d.applicationId, app, d.outputLicenceId, holder);
        }
        address[] memory signers = _recoverSigners(d, signatures);
        (uint32 mask, uint8 threshold, ) = _s().departments.officerMask(s.departmentId, signers);
        if (signers.length < threshold) revert ApprovalEngineBelowThreshold(signers.length, threshold);
        _emitSignedVotes(d, signers);
        if (d.outputLicenceId != bytes32(0)) _s().outputLicence[d.applicationId] = d.outputLicenceId;
        // The signers are the step's voters, as if they had voted directly (the web shows m of n).
        s.votes = mask;
        _applyDecision(d.applicationId, app, d.step, s, d.outcome, d.reason, mask);
    }

    /// @dev One `VoteCast` per signer of `d` (apart from decideBySig, whose stack is full).
    function _emitSignedVotes(DecisionData calldata d, address[] memory signers) private {
        for (uint256 i = 0; i < signers.length; ++i) {
            emit VoteCast(d.applicationId, d.step, signers[i], d.outcome, d.reason, d.round, true, d.outputLicenceId);
        }
    }

    /// @dev The signers of `d`, each signature checked (EOA or EIP-1271), in strictly ascending order.
    function _recoverSigners(
        DecisionData calldata d,
        OfficerSignature[] calldata signatures
    ) private view returns (address[] memory signers) {
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(
                    _DECISION_TYPEHASH,
                    d.applicationId,
                    d.step,
                    d.round,
                    d.outcome,
                    d.reason,
                    d.outputLicenceId,
                    d.deadline
                )
            )
        );
        signers = new address[](signatures.length);
        address previous;
        for (uint256 i = 0; i < signatures.length; ++i) {
            address signer = signatures[i].signer;
            if (signer <= previous) revert ApprovalEngineUnsortedSigners();
            previous = signer;
            if (!SignatureChecker.isValidSignatureNow(signer, digest, signatures[i].signature)) {
                revert ApprovalEngineInvalidSignature(signer);
            }
            signers[i] = signer;
        }
    }

    /// @inheritdoc IApprovalEngine
    function autoReview(
        bytes32 applicationId,
        uint8 step,
        bytes calldata evidence,
        bytes32 outputLicenceId,
        HolderProof calldata holder
    ) external {
        ApprovalEngineStorage storage $ = _s();
        Application storage app = _activeApplication(applicationId);
        StepState storage s = _activeStep(applicationId, app, step);
        if (_checkDecision(applicationId, step, s, Outcome.Approve, 0, outputLicenceId)) {
            _checkOutputHolder(applicationId, app, outputLicenceId, holder);
        }
        if (s.isOutput) {
            // Only the output department (its exchange node) names the licence it will stand behind.
            (uint32 departmentId, , bool active, , ) = $.departments.voterOf(msg.sender);
            if (departmentId != s.departmentId || !active) {
                revert ApprovalEngineInvalidOutputLicence(applicationId, step);
            }
        }
        address rule = CatalogueWords.StepWord.wrap($.catalog.stepOf(app.matterId, app.matterVersion, step)).rule();
        if (rule == address(0) || !_ruleHolds(rule, applicationId, app, step, evidence)) {
            revert ApprovalEngineRuleNotSatisfied(applicationId, step);
        }
        if (outputLicenceId != bytes32(0)) $.outputLicence[applicationId] = outputLicenceId;
        bool onTime = _time() <= s.deadline;
        emit StepApprovedByRule(applicationId, step, rule, onTime);
        _approveStep(applicationId, app, step, s);
    }

    /// @dev A rule that reverts or returns malformed data does not hold.
    function _ruleHolds(
        address rule,
        bytes32 applicationId,
        Application storage app,
        uint8 step,
        bytes calldata evidence
    ) private view returns (bool) {
        IApprovalRule.Context memory context = IApprovalRule.Context({
            applicationId: applicationId,
            applicant: app.applicant,
            matterId: app.matterId,
            matterVersion: app.matterVersion,
            step: step
        });
        try IApprovalRule(rule).check(context, evidence) returns (bool holds) {
            return holds;
        } catch {
            return false;
        }
    }

    /// @dev Outcome, reason and output licence id must fit together and the step. Returns whether
    /// the decision names an output licence not yet named for the application: it must then come
    /// with the proof that the applicant holds it ({_checkOutputHolder}).
    function _checkDecision(
        bytes32 applicationId,
        uint8 step,
        StepState storage s,
        Outcome outcome,
        uint16 reason,
        bytes32 outputLicenceId
    ) private view returns (bool namesNewOutput) {
        if (outcome == Outcome.None || (outcome == Outcome.Approve) != (reason == 0)) {
            revert ApprovalEngineInvalidDecision();
        }
        bool needsOutput = outcome == Outcome.Approve && s.isOutput;
        if (needsOutput != (outputLicenceId != bytes32(0)))
            revert ApprovalEngineInvalidOutputLicence(applicationId, step);
        return needsOutput && outputLicenceId != _s().outputLicence[applicationId];
    }

    /// @dev The applicant holds the output licence `outputLicenceId`: the holder leaf for the
    /// applicant's address and the type the matter version issues is in the licence's tree. Every id
    /// stored as an application's output licence passed this, so naming it again needs no proof.
    function _checkOutputHolder(
        bytes32 applicationId,
        Application storage app,
        bytes32 outputLicenceId,
        HolderProof calldata holder
    ) private view {
        (uint32 outputType, , ) = _s().catalog.completionOf(app.matterId, app.matterVersion);
        bytes32 holderLeaf = HolderLeaf.leaf(outputType, app.applicant, holder.salt);
        if (!MerkleProof.verifyCalldata(holder.proof, outputLicenceId, holderLeaf)) {
            revert ApprovalEngineOutputHolderNotApplicant(applicationId, outputLicenceId);
        }
    }

    function _applyDecision(
        bytes32 applicationId,
        Application storage app,
        uint8 step,
        StepState storage s,
        Outcome outcome,
        uint16 reason,
        uint32 votes
    ) private {
        uint40 now_ = _time();
        emit StepDecided(applicationId, step, s.departmentId, outcome, reason, s.round, votes, now_ <= s.deadline);
        if (outcome == Outcome.Approve) {
            _approveStep(applicationId, app, step, s);
        } else if (outcome == Outcome.Reject) {
            app.status = ApplicationStatus.Rejected;
            app.activeSteps = 0;
            emit ApplicationRejected(applicationId, step, reason);
        } else {
            app.status = ApplicationStatus.Returned;
            _s().returnedAt[applicationId] = now_;
            // The returning step starts a new round: its votes and signatures lapse.
            s.round += 1;
            s.votes = 0;
            s.pendingOutcome = Outcome.None;
            s.pendingReason = 0;
            s.overdueFlagged = false;
            emit ApplicationReturned(applicationId, step, reason);
        }
    }

    function _approveStep(bytes32 applicationId, Application storage app, uint8 step, StepState storage s) private {
        s.pendingOutcome = Outcome.None;
        uint16 bit = uint16(1) << step;
        app.activeSteps &= ~bit;
        uint16 approved = app.approvedSteps | bit;
        app.approvedSteps = approved;
        if (uint256(approved) == (uint256(1) << app.stepCount) - 1) {
            _complete(applicationId, app);
        } else {
            _activateReady(applicationId, app, _s().dependsOn[applicationId], new CatalogueWords.StepWord[](0));
        }
    }

    /// @dev Activates every pending step whose dependencies are all approved, with its deadline.
    /// `masks`: the steps' dependency masks (16 bits per step). `stepWords`: the matter version's step
    /// words when at hand (submission); else each ready step's word is read from the catalogue.
    function _activateReady(
        bytes32 applicationId,
        Application storage app,
        uint256 masks,
        CatalogueWords.StepWord[] memory stepWords
    ) private {
        uint256 stepCount = app.stepCount;
        uint16 approved = app.approvedSteps;
        uint16 active = app.activeSteps;
        uint256[] memory ready = new uint256[](stepCount);
        uint16[] memory limits = new uint16[](stepCount);
        uint256 count;
        for (uint256 i = 0; i < stepCount; ++i) {
            uint16 dependsOn = uint16(masks >> (16 * i));
            if ((approved | active) & (uint16(1) << uint16(i)) == 0 && dependsOn & approved == dependsOn) {
                CatalogueWords.StepWord word =
                    stepWords.length > 0
                        ? stepWords[i]
                        : CatalogueWords.StepWord.wrap(_s().catalog.stepOf(app.matterId, app.matterVersion, uint8(i)));
                // Index in the low byte, the step word above it (a step word uses bits 0..240 only).
                ready[count] = i | (CatalogueWords.StepWord.unwrap(word) << 8);
                limits[count++] = word.timeLimit();
            }
        }
        if (count == 0) return;
        assembly ("memory-safe") {
            mstore(limits, count)
        }
        uint40 now_ = _time();
        uint40[] memory deadlines = _s().calendar.addWorkingDaysMany(now_, limits);
        for (uint256 k = 0; k < count; ++k) {
            active |= _activate(applicationId, ready[k], now_, deadlines[k]);
        }
        app.activeSteps = active;
    }

    /// @dev Writes a step's activation; `entry`: step index in the low byte, its step word above.
    function _activate(bytes32 applicationId, uint256 entry, uint40 now_, uint40 deadline) private returns (uint16) {
        uint8 i = uint8(entry);
        CatalogueWords.StepWord word = CatalogueWords.StepWord.wrap(entry >> 8);
        StepState storage s = _s().steps[applicationId][i];
        uint32 departmentId = word.departmentId();
        s.departmentId = departmentId;
        s.isOutput = word.isOutput();
        s.activatedAt = now_;
        s.deadline = deadline;
        emit StepActivated(applicationId, i, departmentId, deadline, s.round);
        return uint16(1) << i;
    }

    function _complete(bytes32 applicationId, Application storage app) private {
        ApprovalEngineStorage storage $ = _s();
        app.status = ApplicationStatus.Completed;
        (uint32 outputType, uint8 outputStep, IServiceCatalog.Link[] memory links) = $.catalog.completionOf(
            app.matterId,
            app.matterVersion
        );
        bytes32 output;
        if (outputType != 0) {
            output = $.outputLicence[applicationId];
            if (output == bytes32(0)) revert ApprovalEngineInvalidOutputLicence(applicationId, outputStep);
            (uint16 typeVersion, uint32 validity, ) = $.licenceTypes.issuanceInfo(outputType);
            uint40 expiresAt = validity == 0 ? 0 : _time() + validity;
            $.licences.issueFor(
                $.steps[applicationId][outputStep].departmentId,
                output,
                outputType,
                typeVersion,
                expiresAt
            );
        }
        emit ApplicationCompleted(applicationId, output, outputType);
        for (uint256 i = 0; i < links.length; ++i) {
            emit LinkedMatterOffered(applicationId, links[i].matterId, app.applicant, uint8(links[i].mode));
        }
    }

    // ================================================================ applicant actions

    /// @inheritdoc IApprovalEngine
    function resubmit(bytes32 applicationId, Upload[] calldata uploads) external {
        ApprovalEngineStorage storage $ = _s();
        Application storage app = _application(applicationId);
        if (app.applicant != msg.sender) revert ApprovalEngineNotApplicant(msg.sender);
        if (app.status != ApplicationStatus.Returned) revert ApprovalEngineInvalidStatus(applicationId, app.status);
        if (uploads.length > 0) {
            // Corrected documents are for unconditional upload materials only, as at submission.
            (, uint256 uploadMaterials) = CatalogueWords.unconditionalMasks(
                CatalogueWords.asMaterialWords($.catalog.materialsOf(app.matterId, app.matterVersion))
            );
            uint256 seen;
            for (uint256 i = 0; i < uploads.length; ++i) {
                seen = _markMaterial(uploads[i].material, uploadMaterials, seen);
            }
        }
        uint40 now_ = _time();
        uint40 returnedAt = $.returnedAt[applicationId];
        CatalogueWords.StepWord[] memory stepWords = CatalogueWords.asStepWords(
            $.catalog.stepsOf(app.matterId, app.matterVersion)
        );
        uint16 active = app.activeSteps;
        for (uint256 i = 0; i < stepWords.length; ++i) {
            if ((active >> i) & 1 == 1) {
                _restartStep(applicationId, uint8(i), stepWords[i].timeLimit(), returnedAt, now_);
            }
        }
        app.status = ApplicationStatus.Active;
        emit ApplicationResubmitted(
            applicationId,
            _uploadHashes(uploads),
            uint16($.calendar.workingDaysBetween(returnedAt, now_))
        );
    }

    /// @dev Restarts an active step's clock after a return: the working days it ran before the return
    /// count, the time with the applicant does not; the deadline is what it had left from now.
    function _restartStep(bytes32 applicationId, uint8 step, uint16 limit, uint40 returnedAt, uint40 now_) private {
        IWorkingCalendar calendar = _s().calendar;
        StepState storage s = _s().steps[applicationId][step];
        uint256 used = s.usedDays + calendar.workingDaysBetween(s.activatedAt, returnedAt);
        uint40 deadline = used >= limit ? now_ : calendar.addWorkingDays(now_, uint16(limit - used));
        s.usedDays = uint16(used > limit ? limit : used);
        s.activatedAt = now_;
        s.deadline = deadline;
        s.overdueFlagged = false;
        emit StepActivated(applicationId, step, s.departmentId, deadline, s.round);
    }

    /// @inheritdoc IApprovalEngine
    function withdraw(bytes32 applicationId) external {
        Application storage app = _application(applicationId);
        if (app.applicant != msg.sender) revert ApprovalEngineNotApplicant(msg.sender);
        if (app.status != ApplicationStatus.Active && app.status != ApplicationStatus.Returned) {
            revert ApprovalEngineInvalidStatus(applicationId, app.status);
        }
        app.status = ApplicationStatus.Withdrawn;
        app.activeSteps = 0;
        emit ApplicationWithdrawn(applicationId);
    }

    /// @inheritdoc IApprovalEngine
    function flagOverdue(bytes32 applicationId, uint8 step) external {
        Application storage app = _activeApplication(applicationId);
        StepState storage s = _activeStep(applicationId, app, step);
        if (_time() <= s.deadline || s.overdueFlagged) revert ApprovalEngineNotOverdue(applicationId, step);
        s.overdueFlagged = true;
        emit StepOverdue(applicationId, step, s.departmentId, s.deadline, msg.sender);
    }

    // ================================================================ views

    /// @inheritdoc IApprovalEngine
    function getApplication(bytes32 applicationId) external view returns (Application memory) {
        return _s().applications[applicationId];
    }

    /// @inheritdoc IApprovalEngine
    function getStep(bytes32 applicationId, uint8 step) external view returns (StepState memory) {
        return _s().steps[applicationId][step];
    }

    /// @inheritdoc IApprovalEngine
    function nextApplicationId(address applicant, uint32 matterId) external view returns (bytes32) {
        return _applicationId(applicant, matterId, _s().submissions[applicant]);
    }

    /// @inheritdoc IApprovalEngine
    function outputLicenceOf(bytes32 applicationId) external view returns (bytes32) {
        ApprovalEngineStorage storage $ = _s();
        return
            $.applications[applicationId].status == ApplicationStatus.Completed
                ? $.outputLicence[applicationId]
                : bytes32(0);
    }

    /// @inheritdoc IApprovalEngine
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IApprovalEngine
    function decisionTypehash() external pure returns (bytes32) {
        return _DECISION_TYPEHASH;
    }

    /// @inheritdoc IApprovalEngine
    function linkedStartTypehash() external pure returns (bytes32) {
        return _LINKED_START_TYPEHASH;
    }

    // ================================================================ internals

    /// @dev The domain name as a constant: no storage read per signed decision (OpenZeppelin's note).
    function _EIP712Name() internal pure override returns (string memory) {
        return DOMAIN_NAME;
    }

    /// @dev The domain version as a constant (ONEWINDOW_VERSION).
    function _EIP712Version() internal pure override returns (string memory) {
        return ONEWINDOW_VERSION;
    }

    /// @dev Application ids: one private function, deterministic, known before submission.
    function _applicationId(address applicant, uint32 matterId, uint256 nonce) private view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), applicant, matterId, nonce));
    }

    function _application(bytes32 applicationId) private view returns (Application storage app) {
        app = _s().applications[applicationId];
        if (app.status == ApplicationStatus.None) revert ApprovalEngineUnknownApplication(applicationId);
    }

    function _activeApplication(bytes32 applicationId) private view returns (Application storage app) {
        app = _application(applicationId);
        if (app.status != ApplicationStatus.Active) revert ApprovalEngineInvalidStatus(applicationId, app.status);
    }

    function _activeStep(
        bytes32 applicationId,
        Application storage app,
        uint8 step
    ) private view returns (StepState storage) {
        if (step >= 16 || (app.activeSteps >> step) & 1 == 0) revert ApprovalEngineStepNotActive(applicationId, step);
        return _s().steps[applicationId][step];
    }

    function _offersStart(Application storage parent, uint32 matterId) private view returns (bool) {
        (, , IServiceCatalog.Link[] memory links) = _s().catalog.completionOf(parent.matterId, parent.matterVersion);
        for (uint256 i = 0; i < links.length; ++i) {
            if (links[i].matterId == matterId && links[i].mode == IServiceCatalog.LinkMode.StartOnConsent) return true;
        }
        return false;
    }

    function _popCount(uint32 x) private pure returns (uint256 count) {
        for (; x != 0; x &= x - 1) ++count;
    }

    function _lowestBit(uint256 x) private pure returns (uint256 index) {
        while ((x >> index) & 1 == 0) ++index;
    }
}
