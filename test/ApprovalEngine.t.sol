// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {NotDepartmentOfficer} from "../contracts/Common.sol";
import {IApprovalEngine} from "../contracts/IApprovalEngine.sol";
import {ILicenceRegistry} from "../contracts/ILicenceRegistry.sol";
import {IServiceCatalog} from "../contracts/IServiceCatalog.sol";
import {RuleMock} from "../contracts/mocks/RuleMock.sol";
import {HolderLeaf} from "../contracts/utils/HolderLeaf.sol";

import {DecisionSigning} from "./helpers/DecisionSigning.sol";
import {EnginePlatformTest} from "./helpers/EnginePlatformTest.sol";
import {EngineHandler} from "./helpers/EngineHandler.sol";

// ==================================================================== invariants

/// @notice The promises of the approval flow, over every application the handler created: no step
/// is approved (and no application completes) unless its department's threshold of distinct
/// officers approved it in that round, by votes or one signed decision, or its rule held; a step
/// never activates before its dependencies are approved; masks, statuses and the output licence.
contract ApprovalEngineInvariantTest is EnginePlatformTest {
    EngineHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new EngineHandler(engine, departments, catalog, address(this));

        uint32[7] memory ids = [SAMR, HOUSING, COURT_DEPT, HEALTH, FIRE, ECOLOGY, CULTURE];
        for (uint256 i = 0; i < ids.length; ++i) {
            handler.addDepartment(ids[i], _officerKeys(ids[i]), departments.thresholdOf(ids[i]));
        }
        handler.addOutsider(OUTSIDER_KEY);

        RuleMock healthRule = new RuleMock(false);
        RuleMock cultureRule = new RuleMock(true);
        handler.addRule(healthRule);
        handler.addRule(cultureRule);

        IServiceCatalog.VersionInput memory vr = _vrHallMatter(address(healthRule));
        handler.addMatter(
            catalog.registerMatter("HD-VR-HALL", unicode"我要开VR体验馆", vr),
            vr,
            _vrHallChain(address(healthRule))
        );
        IServiceCatalog.VersionInput memory show = _showMatter(address(cultureRule));
        handler.addMatter(
            catalog.registerMatter("HD-SHOW", unicode"营业性演出审批（演示）", show),
            show,
            _showChain(address(cultureRule))
        );

        // A selector listed k times is chosen k times as often: approvals most, so that runs of 40
        // calls reach completion.
        bytes4[] memory selectors = new bytes4[](24);
        uint256 k = 0;
        k = _weigh(selectors, k, EngineHandler.approve.selector, 5);
        k = _weigh(selectors, k, EngineHandler.decide.selector, 3);
        k = _weigh(selectors, k, EngineHandler.decideBySig.selector, 3);
        k = _weigh(selectors, k, EngineHandler.submit.selector, 2);
        k = _weigh(selectors, k, EngineHandler.autoReview.selector, 2);
        k = _weigh(selectors, k, EngineHandler.resubmit.selector, 2);
        k = _weigh(selectors, k, EngineHandler.warp.selector, 2);
        k = _weigh(selectors, k, EngineHandler.withdraw.selector, 1);
        k = _weigh(selectors, k, EngineHandler.flagOverdue.selector, 1);
        k = _weigh(selectors, k, EngineHandler.setRule.selector, 1);
        k = _weigh(selectors, k, EngineHandler.rotateOfficers.selector, 1);
        k = _weigh(selectors, k, EngineHandler.editCatalogue.selector, 1);
        require(k == selectors.length, "selector weights");
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function _weigh(
        bytes4[] memory selectors,
        uint256 k,
        bytes4 selector,
        uint256 times
    ) internal pure returns (uint256) {
        for (uint256 i = 0; i < times; ++i) selectors[k++] = selector;
        return k;
    }

    /// @dev The VR hall's other version: a chain 0 → 1 → {2, 3}, 2 → 4, {3, 4} → 5 (HEALTH's rule
    /// now after HOUSING), one upload.
    function _vrHallChain(address healthRule) internal pure returns (IServiceCatalog.VersionInput memory v) {
        v = _vrHallMatter(healthRule);
        v.steps[2].dependsOn = 1 << 1;
        v.steps[4].dependsOn = 1 << 2;
        v.steps[5].dependsOn = (1 << 3) | (1 << 4);
        v.materials = new IServiceCatalog.Material[](1);
        v.materials[0] = _upload(unicode"VR体验馆申请材料", 0);
    }

    /// @dev A short flow whose output step is not the last: steps 0 CULTURE (3-of-5, with a rule,
    /// issuing the entertainment licence) and 1 SAMR (2-of-3) in parallel, then step 2 HOUSING.
    function _showMatter(address cultureRule) internal pure returns (IServiceCatalog.VersionInput memory v) {
        v.steps = new IServiceCatalog.Step[](3);
        v.steps[0] = _step(CULTURE, 0, 5, cultureRule);
        v.steps[1] = _step(SAMR, 0, 5, address(0));
        v.steps[2] = _step(HOUSING, (1 << 0) | (1 << 1), 5, address(0));
        v.materials = new IServiceCatalog.Material[](1);
        v.materials[0] = _upload(unicode"演出场所平面图", 0);
        v.outputLicenceTypeId = ENTERTAINMENT_TYPE;
        v.outputStep = 0;
    }

    /// @dev Its other version: a chain SAMR → CULTURE (output) → HOUSING, two uploads (the second
    /// when handled by an agent).
    function _showChain(address cultureRule) internal pure returns (IServiceCatalog.VersionInput memory v) {
        v.steps = new IServiceCatalog.Step[](3);
        v.steps[0] = _step(SAMR, 0, 5, address(0));
        v.steps[1] = _step(CULTURE, 1 << 0, 5, cultureRule);
        v.steps[2] = _step(HOUSING, 1 << 1, 5, address(0));
        v.materials = new IServiceCatalog.Material[](2);
        v.materials[0] = _upload(unicode"演出场所平面图", 0);
        v.materials[1] = _upload(unicode"授权委托书（代办）", HANDLED_BY_AGENT);
        v.outputLicenceTypeId = ENTERTAINMENT_TYPE;
        v.outputStep = 1;
    }

    /// @notice A step is approved (and a Completed application has every step approved) only if the
    /// ghost shows its department's threshold of distinct officers approving it in the round and
    /// officer-set epoch it was approved in, or a signed decision with at least the threshold of the
    /// department's officers, or a successful autoReview of the step's own rule while the rule held.
    /// A completed application's output licence is the one its deciders named, issued for the output
    /// step's department.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_NoStepApprovedWithoutThresholdOrRule() public view {
        assertEq(handler.unexplainedApprovals(), 0, "a step was approved by a call that should not approve it");
        uint256 n = handler.appCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.apps(i);
            IApprovalEngine.Application memory app = engine.getApplication(id);
            for (uint8 step = 0; step < app.stepCount; ++step) {
                if ((app.approvedSteps >> step) & 1 == 1) _assertDecided(id, step);
            }
            if (app.status == IApprovalEngine.ApplicationStatus.Completed) {
                assertEq(app.approvedSteps, (uint256(1) << app.stepCount) - 1, "completed with a step not approved");
                _assertOutputIssued(id);
            }
        }
    }

    /// @notice Every step that is or was active became active (in the event order) only after each of
    /// its dependencies (in the version applied under) was approved; an active step's activation
    /// time and department are the ghost's, its deadline not before its activation.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_StepsActivateOnlyAfterTheirDependencies() public view {
        assertEq(handler.earlyActivations(), 0, "a step activated before its dependencies were approved");
        uint256 n = handler.appCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.apps(i);
            IApprovalEngine.Application memory app = engine.getApplication(id);
            for (uint8 step = 0; step < app.stepCount; ++step) {
                uint16 bit = uint16(1) << step;
                if ((app.activeSteps | app.approvedSteps) & bit == 0) continue;
                _assertActivatedAfterDependencies(id, step, app.approvedSteps);
                if (app.activeSteps & bit != 0) _assertActiveStepState(id, step);
            }
        }
    }

    /// @notice activeSteps and approvedSteps are disjoint subsets of the version's steps and equal
    /// the ghost's; the application keeps its matter version; statuses equal the ghost's and a
    /// terminal status (Completed, Rejected, Withdrawn) never changes; ended applications have no
    /// active step; only a completed application has an output licence; step rounds count returns.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_MasksAndTerminalStatuses() public view {
        assertEq(handler.terminalChanges(), 0, "a terminal status changed");
        assertEq(handler.modelMismatches(), 0, "an event disagrees with the model (id, department or round)");
        uint256 n = handler.appCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.apps(i);
            IApprovalEngine.Application memory app = engine.getApplication(id);
            EngineHandler.AppGhost memory g = handler.appOf(id);
            _assertVersion(id, app, g);
            uint256 all = (uint256(1) << app.stepCount) - 1;
            assertEq(app.activeSteps & app.approvedSteps, 0, "a step both active and approved");
            assertEq((uint256(app.activeSteps) | app.approvedSteps) & ~all, 0, "a step beyond the version's");
            assertEq(app.approvedSteps, g.approved, "approved steps differ from the ghost's");
            assertEq(app.activeSteps, g.active, "active steps differ from the ghost's");
            assertEq(uint8(app.status), uint8(g.status), "status differs from the ghost's");
            if (g.terminal != IApprovalEngine.ApplicationStatus.None) {
                assertEq(uint8(app.status), uint8(g.terminal), "a terminal status changed");
            }
            _assertEnded(id, app);
            for (uint8 step = 0; step < app.stepCount; ++step) {
                assertEq(engine.getStep(id, step).round, handler.stepOf(id, step).round, "round != returns");
            }
        }
    }

    // ---------------------------------------------------------------- checks

    function _assertDecided(bytes32 id, uint8 step) internal view {
        EngineHandler.StepGhost memory s = handler.stepOf(id, step);
        uint32 dept = handler.stepDepartment(id, step);
        uint8 threshold = handler.thresholdOf(dept);
        if (s.via == EngineHandler.Via.Votes) {
            address[] memory voters = handler.approversOf(id, step, s.viaRound, s.viaEpoch);
            assertGe(_distinctOfficers(voters, dept), threshold, "approved by fewer votes than the threshold");
        } else if (s.via == EngineHandler.Via.Signatures) {
            assertGe(s.signers, threshold, "approved by fewer signatures than the threshold");
        } else if (s.via == EngineHandler.Via.Rule) {
            assertTrue(s.stepRule, "approved by a rule that is not the step's");
            assertTrue(s.ruleHeld, "approved by a rule that did not hold");
        } else {
            assertTrue(false, "approved without a decision the ghost can explain");
        }
    }

    /// @dev Distinct voters that are officers of `dept` (officers are never moved between departments).
    function _distinctOfficers(address[] memory voters, uint32 dept) internal view returns (uint256 count) {
        for (uint256 i = 0; i < voters.length; ++i) {
            bool repeated = false;
            for (uint256 j = 0; j < i; ++j) if (voters[j] == voters[i]) repeated = true;
            if (!repeated && handler.departmentOf(voters[i]) == dept) ++count;
        }
    }

    /// @dev The output licence the approving decision named is issued, by the output step's
    /// department, of the version's output type.
    function _assertOutputIssued(bytes32 id) internal view {
        EngineHandler.Flow memory f = handler.flowOf(id);
        if (f.outputType == 0) return;
        bytes32 output = engine.outputLicenceOf(id);
        EngineHandler.AppGhost memory g = handler.appOf(id);
        assertTrue(output != bytes32(0), "completed without an output licence");
        assertEq(output, g.namedOutput, "output licence is not the one the deciders named");
        assertEq(output, g.completedOutput, "output licence differs from ApplicationCompleted's");
        ILicenceRegistry.LicenceRecord memory r = licences.getLicence(output);
        assertEq(uint8(r.state), uint8(ILicenceRegistry.LicenceState.Issued), "output licence not issued");
        assertEq(r.issuerDepartment, handler.stepDepartment(id, f.outputStep), "issuer is not the output step's");
        assertEq(r.typeId, f.outputType, "output licence type");
    }

    function _assertActivatedAfterDependencies(bytes32 id, uint8 step, uint16 approved) internal view {
        EngineHandler.StepGhost memory s = handler.stepOf(id, step);
        assertFalse(s.activatedEarly, "activated before its dependencies");
        assertGt(s.activatedSeq, 0, "active or approved but never activated");
        uint16 deps = handler.stepDependencies(id, step);
        assertEq(deps & approved, deps, "a dependency of an active or approved step is not approved");
        for (uint8 d = 0; d < 16; ++d) {
            if ((deps >> d) & 1 == 0) continue;
            uint64 depApproved = handler.stepOf(id, d).approvedSeq;
            assertGt(depApproved, 0, "dependency approval never seen");
            assertLt(depApproved, s.activatedSeq, "activated before a dependency's approval");
        }
    }

    function _assertActiveStepState(bytes32 id, uint8 step) internal view {
        IApprovalEngine.StepState memory st = engine.getStep(id, step);
        assertEq(st.activatedAt, handler.stepOf(id, step).activatedAt, "activation time differs from the ghost's");
        assertGe(st.deadline, st.activatedAt, "deadline before activation");
        assertEq(st.departmentId, handler.stepDepartment(id, step), "step department");
    }

    function _assertVersion(
        bytes32 id,
        IApprovalEngine.Application memory app,
        EngineHandler.AppGhost memory g
    ) internal view {
        EngineHandler.Flow memory f = handler.flowOf(id);
        assertEq(app.applicant, g.applicant, "applicant");
        assertEq(app.matterId, f.matterId, "matter");
        assertEq(app.matterVersion, g.version, "matter version");
        assertEq(app.stepCount, f.stepCount, "step count");
    }

    function _assertEnded(bytes32 id, IApprovalEngine.Application memory app) internal view {
        if (
            app.status == IApprovalEngine.ApplicationStatus.Completed ||
            app.status == IApprovalEngine.ApplicationStatus.Rejected ||
            app.status == IApprovalEngine.ApplicationStatus.Withdrawn
        ) assertEq(app.activeSteps, 0, "an ended application has an active step");
        if (app.status != IApprovalEngine.ApplicationStatus.Completed) {
            assertEq(engine.outputLicenceOf(id), bytes32(0), "output licence before completion");
        }
    }
}

// ==================================================================== targeted fuzz

/// @notice Fuzz properties of m-of-n decisions on the VR hall flow: below the threshold nothing
/// moves; a signed decision approves iff enough of the step's officers sign; a signature never
/// works for another round, step, application, chain or contract.
contract ApprovalEngineFuzzTest is EnginePlatformTest {
    RuleMock internal healthRule;
    uint32 internal matterId;
    address internal applicant;

    function setUp() public override {
        super.setUp();
        healthRule = new RuleMock(true);
        matterId = catalog.registerMatter("HD-VR-HALL", unicode"我要开VR体验馆", _vrHallMatter(address(healthRule)));
        applicant = makeAddr("applicant");
    }

    // ---------------------------------------------------------------- helpers

    function _submit() internal returns (bytes32 id) {
        id = engine.nextApplicationId(applicant, matterId);
        vm.prank(applicant);
        require(engine.submit(_uploadSubmission(matterId, 0, 1)) == id);
    }

    /// @dev An approving vote; one naming an output licence goes with the applicant's holder proof.
    function _approve(uint256 key, bytes32 id, uint8 step, bytes32 output) internal {
        vm.prank(vm.addr(key));
        if (output == bytes32(0)) engine.decide(id, step, IApprovalEngine.Outcome.Approve, 0, 0);
        else engine.approveOutput(id, step, output, _holder());
    }

    /// @dev The applicant's entertainment licence: one field, the holder's, so its id is that leaf.
    function _outputLicence() internal view returns (bytes32) {
        return HolderLeaf.leaf(ENTERTAINMENT_TYPE, applicant, keccak256("output holder salt"));
    }

    /// @dev The proof that the applicant holds {_outputLicence} (a one-leaf tree: no siblings).
    function _holder() internal pure returns (IApprovalEngine.HolderProof memory holder) {
        holder.salt = keccak256("output holder salt");
        holder.proof = new bytes32[](0);
    }

    /// @dev Submits a VR hall application and approves steps 0..4 (HEALTH by its rule): culture's
    /// output step 5 is the only active one.
    function _atCultureStep() internal returns (bytes32 id) {
        id = _submit();
        _approve(ISSUER_KEY_1, id, 0, 0);
        _approve(ISSUER_KEY_3, id, 0, 0);
        _approve(OTHER_KEY, id, 1, 0);
        engine.autoReview(id, 2, "", 0, _holder());
        _approve(FIRE_KEY, id, 3, 0);
        _approve(ECOLOGY_KEY, id, 4, 0);
        IApprovalEngine.Application memory app = engine.getApplication(id);
        assertEq(app.activeSteps, 1 << 5);
        assertEq(app.approvedSteps, 0x1f);
    }

    /// @dev The culture officers' keys in an order derived from `seed` (Fisher–Yates).
    function _shuffledCultureKeys(uint256 seed) internal pure returns (uint256[] memory keys) {
        keys = _officerKeys(CULTURE);
        for (uint256 i = keys.length - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % (i + 1);
            (keys[i], keys[j]) = (keys[j], keys[i]);
        }
    }

    function _assertCultureStepPending(bytes32 id, bytes32 output) internal view {
        IApprovalEngine.Application memory app = engine.getApplication(id);
        assertEq(uint8(app.status), uint8(IApprovalEngine.ApplicationStatus.Active), "status");
        assertEq(app.activeSteps, 1 << 5, "culture step still active");
        assertEq(app.approvedSteps, 0x1f, "culture step not approved");
        assertEq(engine.outputLicenceOf(id), bytes32(0), "no output licence");
        assertEq(uint8(licences.getLicence(output).state), uint8(ILicenceRegistry.LicenceState.None), "not issued");
    }

    function _decisionFor(
        bytes32 id,
        uint8 step,
        bytes32 output
    ) internal view returns (IApprovalEngine.DecisionData memory) {
        return
            IApprovalEngine.DecisionData({
                applicationId: id,
                step: step,
                round: 0,
                outcome: IApprovalEngine.Outcome.Approve,
                reason: 0,
                outputLicenceId: output,
                deadline: uint64(block.timestamp + 1 hours)
            });
    }

    // ---------------------------------------------------------------- conditions

    /// @notice The chain never learns the applicant's conditions, only their commitment, nor which
    /// conditional materials they call for: whatever the commitment, the unconditional upload is
    /// required, the conditional one (power of attorney) is refused (alone, with the unconditional
    /// one, or twice), and the event carries exactly the commitment given and the unconditional
    /// upload.
    function testFuzz_ConditionalMaterialsRefusedUnconditionalRequired(bytes32 commitment, bool withAgent) public {
        IApprovalEngine.Submission memory s = _uploadSubmission(matterId, 0, 1);
        s.conditionsCommitment = commitment;
        IApprovalEngine.Submission memory bad = _uploadSubmission(matterId, 0, 2);
        bad.conditionsCommitment = commitment;
        if (!withAgent) {
            bad.uploads[0] = bad.uploads[1]; // the conditional one without the unconditional one
            bad.uploads = _slice(bad.uploads, 1);
        }
        vm.prank(applicant);
        vm.expectRevert(abi.encodeWithSelector(IApprovalEngine.ApprovalEngineUnexpectedMaterial.selector, uint8(1)));
        engine.submit(bad);
        bad = _uploadSubmission(matterId, 0, 1);
        bad.uploads = new IApprovalEngine.Upload[](0); // the unconditional one missing
        vm.prank(applicant);
        vm.expectRevert(abi.encodeWithSelector(IApprovalEngine.ApprovalEngineMissingMaterial.selector, uint8(0)));
        engine.submit(bad);
        bad = _uploadSubmission(matterId, 0, 1);
        bad.uploads[0].material = 2; // no such material
        vm.prank(applicant);
        vm.expectRevert(abi.encodeWithSelector(IApprovalEngine.ApprovalEngineUnexpectedMaterial.selector, uint8(2)));
        engine.submit(bad);

        bytes32 id = engine.nextApplicationId(applicant, matterId);
        bytes32[] memory hashes = new bytes32[](s.uploads.length);
        for (uint256 i = 0; i < hashes.length; ++i) hashes[i] = s.uploads[i].contentHash;
        vm.expectEmit(address(engine));
        emit IApprovalEngine.ApplicationSubmitted(
            id,
            applicant,
            matterId,
            1,
            commitment,
            new bytes32[](0),
            hashes,
            bytes32(0),
            address(0)
        );
        vm.prank(applicant);
        assertEq(engine.submit(s), id);
    }

    function _slice(
        IApprovalEngine.Upload[] memory uploads,
        uint256 length
    ) internal pure returns (IApprovalEngine.Upload[] memory out) {
        out = new IApprovalEngine.Upload[](length);
        for (uint256 i = 0; i < length; ++i) out[i] = uploads[i];
    }

    // ---------------------------------------------------------------- direct votes

    /// @notice Fewer than 3 of culture's 5 officers voting to approve never approve the step.
    function testFuzz_BelowThresholdDirectVotesNeverApprove(uint256 votes, uint256 orderSeed) public {
        bytes32 id = _atCultureStep();
        uint256 n = bound(votes, 0, 2);
        uint256[] memory keys = _shuffledCultureKeys(orderSeed);
        bytes32 output = _outputLicence();
        for (uint256 i = 0; i < n; ++i) _approve(keys[i], id, 5, output);
        _assertCultureStepPending(id, output);
        assertEq(_popCount(engine.getStep(id, 5).votes), n, "votes counted");
        // A repeated vote is refused, it does not count twice.
        if (n > 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IApprovalEngine.ApprovalEngineAlreadyVoted.selector, vm.addr(keys[0]))
            );
            _approve(keys[0], id, 5, output);
        }
    }

    /// @notice Votes cast before a change of the department's officers lapse: fewer than 3 votes
    /// after the change never approve, however many came before; the third one after it does.
    function testFuzz_VotesLapseWhenOfficersChange(uint256 before, uint256 afterwards, uint256 orderSeed) public {
        bytes32 id = _atCultureStep();
        bytes32 output = _outputLicence();
        uint256[] memory keys = _shuffledCultureKeys(orderSeed);
        uint256 b = bound(before, 1, 2);
        for (uint256 i = 0; i < b; ++i) _approve(keys[i], id, 5, output);
        // The registrar re-registers the same officers in another order: new indexes, new epoch.
        uint256[] memory order = _shuffledCultureKeys(orderSeed >> 1);
        address[] memory officers = new address[](order.length);
        for (uint256 i = 0; i < order.length; ++i) officers[i] = vm.addr(order[i]);
        departments.setOfficers(CULTURE, officers, 3);

        uint256 a = bound(afterwards, 0, 2);
        // After the change, officers who voted before may vote again (their votes lapsed).
        for (uint256 i = 0; i < a; ++i) _approve(keys[i], id, 5, output);
        _assertCultureStepPending(id, output);
        if (a == 2) {
            _approve(keys[2], id, 5, output);
            assertEq(uint8(engine.getApplication(id).status), uint8(IApprovalEngine.ApplicationStatus.Completed));
            assertEq(licences.getLicence(output).issuerDepartment, CULTURE, "issued for culture");
        }
    }

    // ---------------------------------------------------------------- signed decisions

    /// @dev One signed-decision case: the step, its department, and who signs.
    struct SignedCase {
        bytes32 id; // application
        uint8 step; // step decided
        uint32 dept; // its department
        uint256 threshold; // the department's threshold
        bytes32 output; // output licence id (output step only)
        uint256 count; // officers of the department among the signers
        uint32 mask; // their officer indexes
        bool intruder; // whether somebody else signs too
        uint256 intruderKey; // who
        uint256[] keys; // every signer's key
    }

    /// @notice A signed decision approves iff it has at least the threshold of signers and every
    /// signer is an officer of the step's department (SAMR 2-of-3 at step 0, or CULTURE 3-of-5 at
    /// the output step 5).
    function testFuzz_SignedDecisionApprovesIffThresholdAndAllOfficers(
        bool atCulture,
        uint8 subset,
        uint256 intruderSeed
    ) public {
        SignedCase memory c = _signedCase(atCulture, subset, intruderSeed);
        IApprovalEngine.DecisionData memory d = _decisionFor(c.id, c.step, c.output);
        IApprovalEngine.OfficerSignature[] memory sigs = _signDecision(c.keys, d, _engineDomain());
        if (c.intruder) {
            vm.expectRevert(abi.encodeWithSelector(NotDepartmentOfficer.selector, vm.addr(c.intruderKey), c.dept));
        } else if (c.count < c.threshold) {
            vm.expectRevert(
                abi.encodeWithSelector(IApprovalEngine.ApprovalEngineBelowThreshold.selector, c.count, c.threshold)
            );
        } else {
            vm.expectEmit(address(engine));
            emit IApprovalEngine.StepDecided(c.id, c.step, c.dept, IApprovalEngine.Outcome.Approve, 0, 0, c.mask, true);
        }
        engine.decideBySig(d, sigs, _holder());
        _assertSignedOutcome(c, !c.intruder && c.count >= c.threshold);
    }

    /// @dev The officers of the step's department chosen by `subset`, plus sometimes one intruder
    /// (another department's officer or an outsider).
    function _signedCase(bool atCulture, uint8 subset, uint256 intruderSeed) internal returns (SignedCase memory c) {
        c.id = atCulture ? _atCultureStep() : _submit();
        c.step = atCulture ? 5 : 0;
        c.dept = atCulture ? CULTURE : SAMR;
        c.threshold = departments.thresholdOf(c.dept);
        c.output = atCulture ? _outputLicence() : bytes32(0);
        uint256[] memory officerKeys = _officerKeys(c.dept);
        c.intruder = intruderSeed % 3 == 0;
        uint256[5] memory others = [ISSUER_KEY_2, OTHER_KEY, COURT_KEY, HEALTH_KEY, OUTSIDER_KEY];
        c.intruderKey = others[(intruderSeed >> 8) % 5];
        if (c.dept == SAMR && c.intruderKey == ISSUER_KEY_2) c.intruderKey = CULTURE_KEY_1;
        c.count = _popCount(subset & ((1 << officerKeys.length) - 1));
        c.keys = new uint256[](c.count + (c.intruder ? 1 : 0));
        uint256 k = 0;
        for (uint256 i = 0; i < officerKeys.length; ++i) {
            if ((subset >> i) & 1 == 0) continue;
            c.keys[k++] = officerKeys[i];
            c.mask |= uint32(1) << i;
        }
        if (c.intruder) c.keys[k] = c.intruderKey;
    }

    function _assertSignedOutcome(SignedCase memory c, bool approves) internal view {
        IApprovalEngine.Application memory app = engine.getApplication(c.id);
        assertEq((app.approvedSteps >> c.step) & 1 == 1, approves, "approved iff enough officers signed");
        if (c.step == 5) {
            assertEq(app.status == IApprovalEngine.ApplicationStatus.Completed, approves, "completed");
            ILicenceRegistry.LicenceRecord memory r = licences.getLicence(c.output);
            assertEq(r.state == ILicenceRegistry.LicenceState.Issued, approves, "output licence issued");
            if (approves) assertEq(r.issuerDepartment, CULTURE, "issued for culture");
        } else {
            assertEq(app.activeSteps, approves ? (1 << 1) | (1 << 2) | (1 << 4) : 1, "steps after SAMR");
        }
    }

    /// @notice The domain separator and type hash computed from the specification are the engine's.
    function test_DomainSeparatorAndTypehashFollowTheSpecification() public view {
        assertEq(engine.domainSeparator(), _engineDomain(), "domain separator");
        assertEq(engine.decisionTypehash(), DecisionSigning.DECISION_TYPEHASH, "decision typehash");
    }

    /// @notice Signatures over another round, step, application, outcome, output licence or deadline,
    /// or under another chain id or verifying contract, never decide; the genuine ones do.
    function testFuzz_SignatureForAnotherContextNeverWorks(uint8 which, uint256 tweak) public {
        assertEq(engine.domainSeparator(), _engineDomain(), "domain separator");
        bytes32 other = _atCultureStep(); // a second application at the same step
        bytes32 id = _atCultureStep();
        bytes32 output = _outputLicence();
        uint256[] memory keys = _officerKeys(CULTURE); // all five
        IApprovalEngine.DecisionData memory d = _decisionFor(id, 5, output);

        IApprovalEngine.DecisionData memory signed = _decisionFor(id, 5, output);
        bytes32 domain = _engineDomain();
        uint256 w = which % 8;
        if (w == 0) {
            signed.round = uint8(1 + (tweak % 255)); // any other round
        } else if (w == 1) {
            signed.step = uint8(tweak % 255);
            if (signed.step >= 5) ++signed.step; // any other step
        } else if (w == 2) {
            signed.applicationId = tweak % 2 == 0 ? other : keccak256(abi.encode(tweak));
        } else if (w == 3) {
            uint256 chainId = bound(tweak, 0, type(uint64).max);
            if (chainId == block.chainid) ++chainId;
            domain = DecisionSigning.domainSeparator(chainId, address(engine));
        } else if (w == 4) {
            address verifying = tweak % 2 == 0 ? address(licences) : address(uint160(tweak));
            if (verifying == address(engine)) verifying = address(catalog);
            domain = DecisionSigning.domainSeparator(block.chainid, verifying);
        } else if (w == 5) {
            (signed.outcome, signed.reason, signed.outputLicenceId) = (
                tweak % 2 == 0 ? IApprovalEngine.Outcome.Return : IApprovalEngine.Outcome.Reject,
                uint16(1 + (tweak % 100)),
                0
            );
        } else if (w == 6) {
            signed.outputLicenceId = keccak256(abi.encode("another licence", tweak));
        } else {
            signed.deadline = d.deadline + uint64(1 + (tweak % 1e9));
        }
        IApprovalEngine.OfficerSignature[] memory sigs = _signDecision(keys, signed, domain);
        vm.expectRevert(
            abi.encodeWithSelector(IApprovalEngine.ApprovalEngineInvalidSignature.selector, sigs[0].signer)
        );
        engine.decideBySig(d, sigs, _holder());

        // Presented as what they sign, signatures for another round or step fail on that, not silently.
        if (w == 0) {
            vm.expectRevert(abi.encodeWithSelector(IApprovalEngine.ApprovalEngineWrongRound.selector, signed.round, 0));
            engine.decideBySig(signed, sigs, _holder());
        }
        _assertCultureStepPending(id, output);
        _assertCultureStepPending(other, output);

        engine.decideBySig(d, _signDecision(keys, d, _engineDomain()), _holder());
        assertEq(uint8(engine.getApplication(id).status), uint8(IApprovalEngine.ApplicationStatus.Completed));
        assertEq(engine.outputLicenceOf(id), output, "output licence");
    }

    /// @notice A signed decision past its deadline never decides.
    function testFuzz_ExpiredSignatureNeverWorks(uint256 age, uint256 wait) public {
        bytes32 id = _atCultureStep();
        bytes32 output = _outputLicence();
        IApprovalEngine.DecisionData memory d = _decisionFor(id, 5, output);
        d.deadline = uint64(block.timestamp + bound(age, 0, 30 days));
        IApprovalEngine.OfficerSignature[] memory sigs = _signDecision(_officerKeys(CULTURE), d, _engineDomain());
        vm.warp(uint256(d.deadline) + bound(wait, 1, 365 days));
        vm.expectRevert(abi.encodeWithSelector(IApprovalEngine.ApprovalEngineExpiredSignature.selector, d.deadline));
        engine.decideBySig(d, sigs, _holder());
        _assertCultureStepPending(id, output);
    }

    function _popCount(uint256 x) internal pure returns (uint256 n) {
        for (; x != 0; x &= x - 1) ++n;
    }
}
