// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";

import {ApprovalEngine} from "../contracts/ApprovalEngine.sol";
import {NotDepartmentOfficer} from "../contracts/Common.sol";
import {DepartmentRegistry} from "../contracts/DepartmentRegistry.sol";
import {IApprovalEngine} from "../contracts/IApprovalEngine.sol";
import {ILicenceRegistry} from "../contracts/ILicenceRegistry.sol";
import {IServiceCatalog} from "../contracts/IServiceCatalog.sol";
import {ServiceCatalog} from "../contracts/ServiceCatalog.sol";
import {RuleMock} from "../contracts/mocks/RuleMock.sol";

import {DecisionSigning, EnginePlatformTest} from "./helpers/EngineDeployer.sol";

// ==================================================================== handler

/// @notice Drives the ApprovalEngine over a small world (departments 1-of-1, 2-of-3 and 3-of-5 with
/// officers from known keys; two matters, each with two versions of different DAGs, with RuleMocks;
/// three applicants) with random, often invalid, actions. Engine calls are wrapped in try/catch:
/// reverts are expected. From the successful calls only (their logs, recorded with vm.recordLogs,
/// in emission order) it keeps a ghost model: every accepted Approve vote per application, step,
/// round and officer-set epoch; how each step was approved (the last of the direct votes, a signed
/// decision and its signers, or a rule and the rule's verdict); the order and time of every
/// approval and activation; rounds and statuses. Catalogue and registrar actions must succeed.
contract EngineHandler is Test {
    /// @notice How a step was approved, as the ghost saw it.
    enum Via {
        None, // not approved
        Votes, // the last of the direct votes (decide)
        Signatures, // a signed decision (decideBySig)
        Rule, // autoReview
        Unexplained // by a call that should not approve it, or another step than the one acted on
    }

    /// @notice The action in progress (to attribute the events of its call).
    enum Action {
        None,
        Submit,
        Decide,
        DecideBySig,
        AutoReview,
        Resubmit,
        Withdraw,
        FlagOverdue
    }

    /// @notice The content of a matter version, as configured (independent of the catalogue).
    struct Flow {
        uint32 matterId; // ServiceCatalog id
        uint8 stepCount; // steps
        uint8 outputStep; // output step
        uint32 outputType; // output licence type (0: none)
    }

    /// @notice A catalogue matter: its two alternative flows and which one is current.
    struct CatalogMatter {
        uint32 id; // ServiceCatalog id
        uint8[2] flows; // indexes in `flows`
        uint8 current; // 0 or 1: the flow of the current version
        uint16 version; // current version number
        bool open; // active (takes new applications)
    }

    /// @notice The ghost of an application.
    struct AppGhost {
        uint8 flow; // index in `flows` of the version applied under
        uint16 version; // version applied under
        address applicant; // who submitted it
        IApprovalEngine.ApplicationStatus status; // from the events
        IApprovalEngine.ApplicationStatus terminal; // first terminal status read from the engine
        uint16 approved; // approved steps, from the events
        uint16 active; // active steps, from the events
        bytes32 namedOutput; // output licence id named by the call that approved the output step
        bytes32 pendingOutput; // output licence id of the last accepted direct Approve vote (output step)
        bytes32 completedOutput; // output licence id of ApplicationCompleted
    }

    /// @notice The ghost of one step of an application.
    struct StepGhost {
        uint8 round; // increments with each ApplicationReturned for this step
        Via via; // how it was approved
        uint8 viaRound; // the step's round when it was approved
        uint32 viaEpoch; // the department's officer-set epoch (model) when it was approved
        uint8 signers; // signed decision: distinct signers that are officers of the step's department
        bool ruleHeld; // rule: the model's verdict of the rule when it approved the step
        bool stepRule; // rule: the approving rule is the step's rule in the flow
        bool activatedEarly; // activated (in the event order) before all its dependencies were approved
        uint64 approvedSeq; // event sequence number of its approval (0: never)
        uint64 activatedSeq; // event sequence number of its last activation (0: never)
        uint40 activatedAt; // block time of its last activation
    }

    uint256 internal constant MAX_APPS = 6;
    uint256 internal constant MAX_WARP = 7 days;

    ApprovalEngine public immutable engine;
    DepartmentRegistry public immutable departments;
    ServiceCatalog public immutable catalog;
    /// @dev Holds REGISTRAR and CATALOGUE_EDITOR (the test contract).
    address public immutable registrar;

    // ---------------------------------------------------------------- world model

    Flow[] internal flows;
    mapping(uint256 flow => uint32[16] departmentId) internal stepDept;
    mapping(uint256 flow => uint16[16] dependsOn) internal stepDeps;
    mapping(uint256 flow => address[16] rule) internal stepRule;
    mapping(uint256 flow => uint32[] condition) internal materialConditions;
    mapping(uint256 flow => bytes input) internal flowInput; // abi-encoded VersionInput
    CatalogMatter[] internal catalogMatters;

    uint32[] internal deptIds;
    mapping(uint32 departmentId => uint256[] keys) internal officerKeys; // current order (= officer index)
    mapping(uint32 departmentId => uint8 threshold) public thresholdOf;
    mapping(uint32 departmentId => uint32 epoch) public epochOf; // increments with each officer change made here
    mapping(address officer => uint32 departmentId) public departmentOf;
    uint256[] internal allKeys; // every officer key, then an outsider's

    RuleMock[] internal rules;
    mapping(address rule => bool verdict) public ruleVerdict;

    address[] internal applicants;

    // ---------------------------------------------------------------- ghost

    bytes32[] public apps;
    mapping(bytes32 applicationId => AppGhost ghost) internal ghostApp;
    mapping(bytes32 applicationId => mapping(uint8 step => StepGhost ghost)) internal ghostStep;
    /// @dev Accepted direct Approve votes, by the round and officer-set epoch they were cast in.
    mapping(bytes32 applicationId => mapping(uint8 step => mapping(uint8 round => mapping(uint32 epoch => address[] voters))))
        internal approveVoters;

    uint64 internal seq;
    uint256 public time;
    uint256 internal outputNonce;

    /// @notice Violations seen in the event stream (the invariants require 0).
    uint256 public earlyActivations; // a step activated before its dependencies were approved
    uint256 public unexplainedApprovals; // a step approved by a call that should not approve it
    uint256 public modelMismatches; // an event's id, department or round differs from the model
    uint256 public terminalChanges; // a terminal status changed

    // Context of the engine call in progress.
    Action internal ctxAction;
    bytes32 internal ctxApp;
    uint8 internal ctxStep;
    bytes32 internal ctxOutput;
    uint8 internal ctxSigners;

    constructor(ApprovalEngine engine_, DepartmentRegistry departments_, ServiceCatalog catalog_, address registrar_) {
        engine = engine_;
        departments = departments_;
        catalog = catalog_;
        registrar = registrar_;
        time = block.timestamp;
        applicants.push(makeAddr("applicant-1"));
        applicants.push(makeAddr("applicant-2"));
        applicants.push(makeAddr("applicant-3"));
    }

    // ---------------------------------------------------------------- setup (not fuzzed)

    function addDepartment(uint32 departmentId, uint256[] memory keys, uint8 threshold) external {
        deptIds.push(departmentId);
        thresholdOf[departmentId] = threshold;
        for (uint256 i = 0; i < keys.length; ++i) {
            officerKeys[departmentId].push(keys[i]);
            departmentOf[vm.addr(keys[i])] = departmentId;
            allKeys.push(keys[i]);
        }
    }

    /// @dev Call after every addDepartment: the outsider's key is the last of `allKeys`.
    function addOutsider(uint256 key) external {
        allKeys.push(key);
    }

    function addRule(RuleMock rule) external {
        rules.push(rule);
        ruleVerdict[address(rule)] = rule.result();
    }

    /// @dev A matter registered with `first` as version 1; `second` is published by editCatalogue
    /// (and then `first` again, alternately).
    function addMatter(
        uint32 matterId,
        IServiceCatalog.VersionInput memory first,
        IServiceCatalog.VersionInput memory second
    ) external {
        uint8 a = _addFlow(matterId, first);
        uint8 b = _addFlow(matterId, second);
        catalogMatters.push(CatalogMatter({id: matterId, flows: [a, b], current: 0, version: 1, open: true}));
    }

    function _addFlow(uint32 matterId, IServiceCatalog.VersionInput memory v) internal returns (uint8 f) {
        f = uint8(flows.length);
        flows.push(
            Flow({
                matterId: matterId,
                stepCount: uint8(v.steps.length),
                outputStep: v.outputStep,
                outputType: v.outputLicenceTypeId
            })
        );
        for (uint256 i = 0; i < v.steps.length; ++i) {
            stepDept[f][i] = v.steps[i].departmentId;
            stepDeps[f][i] = uint16(v.steps[i].dependsOn);
            stepRule[f][i] = v.steps[i].rule;
        }
        for (uint256 i = 0; i < v.materials.length; ++i) materialConditions[f].push(v.materials[i].condition);
        flowInput[f] = abi.encode(v);
    }

    // ---------------------------------------------------------------- actions

    function submit(uint256 applicantSeed, uint256 matterSeed, uint256 conditionSeed) external {
        _begin();
        _submit(applicantSeed, matterSeed, conditionSeed);
    }

    /// @notice The common case (so that runs get far): an officer of an active step's department
    /// who has not voted yet approves it, naming on the output step the pending or a fresh licence id.
    function approve(uint256 appSeed, uint256 stepSeed, uint256 officerSeed) external {
        _begin();
        if (apps.length == 0) return _submit(appSeed, appSeed >> 1, appSeed >> 2);
        bytes32 id = _pickApp(_mix(appSeed));
        uint8 step = _pickStep(id, _mix(stepSeed), false);
        address officer = vm.addr(_pickVoter(id, step, _mix(officerSeed), false));
        bytes32 output = _outputFor(id, step, IApprovalEngine.Outcome.Approve, true);
        _decide(id, step, officer, IApprovalEngine.Outcome.Approve, 0, output);
    }

    /// @notice Any vote: mostly by an officer of the step's department for the pending outcome, else
    /// approve, return or reject, or an invalid combination; sometimes by anybody, on any step index.
    function decide(
        uint256 appSeed,
        uint256 stepSeed,
        uint256 officerSeed,
        uint256 outcomeSeed,
        uint256 outputSeed
    ) external {
        _begin();
        if (apps.length == 0) return _submit(appSeed, appSeed >> 1, appSeed >> 2);
        bytes32 id = _pickApp(_mix(appSeed));
        uint8 step = _pickStep(id, _mix(stepSeed), true);
        (IApprovalEngine.Outcome outcome, uint16 reason) = _pickOutcome(id, step, _mix(outcomeSeed), true);
        address officer = vm.addr(_pickVoter(id, step, _mix(officerSeed), true));
        bytes32 output = _pickOutput(id, step, outcome, _mix(outputSeed), true);
        _decide(id, step, officer, outcome, reason, output);
    }

    /// @notice A decision signed by a random subset of the step's department's officers (sorted);
    /// sometimes with an intruder, for another round, expired, or under another domain.
    function decideBySig(
        uint256 appSeed,
        uint256 stepSeed,
        uint256 signerSeed,
        uint256 outcomeSeed,
        uint256 tamperSeed
    ) external {
        _begin();
        if (apps.length == 0) return _submit(appSeed, appSeed >> 1, appSeed >> 2);
        (signerSeed, outcomeSeed, tamperSeed) = (_mix(signerSeed), _mix(outcomeSeed), _mix(tamperSeed));
        bytes32 id = _pickApp(_mix(appSeed));
        uint8 step = _pickStep(id, _mix(stepSeed), true);
        IApprovalEngine.DecisionData memory d = _decision(id, step, outcomeSeed, tamperSeed);
        uint32 dept = _deptOfStep(id, step);
        uint256[] memory keys = _signerKeys(dept, signerSeed, tamperSeed);
        IApprovalEngine.OfficerSignature[] memory sigs = DecisionSigning.sign(
            vm,
            keys,
            DecisionSigning.digest(_domain(tamperSeed), d)
        );
        _setContext(Action.DecideBySig, id, step, d.outputLicenceId, _countOfficers(dept, keys));
        vm.recordLogs();
        try engine.decideBySig(d, sigs) {
            _absorb();
        } catch {
            vm.getRecordedLogs(); // logs of reverted calls are recorded too: drop them
        }
        _afterCall(id);
    }

    /// @notice Anyone (for the output step, mostly an officer of its department) triggers a step's
    /// rule, mostly on an active step that has one.
    function autoReview(uint256 appSeed, uint256 stepSeed, uint256 callerSeed, uint256 outputSeed) external {
        _begin();
        if (apps.length == 0) return _submit(appSeed, appSeed >> 1, appSeed >> 2);
        bytes32 id = _pickApp(_mix(appSeed));
        uint8 step = _pickRuleStep(id, _mix(stepSeed));
        bytes32 output = _pickOutput(id, step, IApprovalEngine.Outcome.Approve, _mix(outputSeed), false);
        address caller = _autoReviewer(id, step, _mix(callerSeed));
        _setContext(Action.AutoReview, id, step, output, 0);
        vm.recordLogs();
        vm.prank(caller);
        try engine.autoReview(id, step, "", output) {
            _absorb();
        } catch {
            vm.getRecordedLogs();
        }
        _afterCall(id);
    }

    /// @notice The applicant (sometimes the outsider) resubmits, mostly a returned application.
    function resubmit(uint256 appSeed, uint256 callerSeed) external {
        _begin();
        if (apps.length == 0) return _submit(appSeed, appSeed >> 1, appSeed >> 2);
        callerSeed = _mix(callerSeed);
        bytes32 id = _pickReturnedApp(_mix(appSeed));
        address caller = callerSeed % 8 == 0 ? _outsider() : ghostApp[id].applicant;
        IApprovalEngine.Upload[] memory uploads = new IApprovalEngine.Upload[]((callerSeed >> 8) % 2);
        if (uploads.length == 1) uploads[0] = IApprovalEngine.Upload(0, keccak256(abi.encode("corrected", callerSeed)));
        _setContext(Action.Resubmit, id, 0, bytes32(0), 0);
        vm.recordLogs();
        vm.prank(caller);
        try engine.resubmit(id, uploads) {
            _absorb();
        } catch {
            vm.getRecordedLogs();
        }
        _afterCall(id);
    }

    /// @notice The applicant (sometimes the outsider) withdraws. Withdrawal ends an application:
    /// only one in eight of these calls tries it.
    function withdraw(uint256 appSeed, uint256 callerSeed) external {
        _begin();
        if (apps.length == 0) return _submit(appSeed, appSeed >> 1, appSeed >> 2);
        callerSeed = _mix(callerSeed);
        if (callerSeed % 8 != 0) return;
        bytes32 id = _pickApp(_mix(appSeed));
        address caller = (callerSeed >> 8) % 8 == 0 ? _outsider() : ghostApp[id].applicant;
        _setContext(Action.Withdraw, id, 0, bytes32(0), 0);
        vm.recordLogs();
        vm.prank(caller);
        try engine.withdraw(id) {
            _absorb();
        } catch {
            vm.getRecordedLogs();
        }
        _afterCall(id);
    }

    function flagOverdue(uint256 appSeed, uint256 stepSeed) external {
        _begin();
        if (apps.length == 0) return _submit(appSeed, appSeed >> 1, appSeed >> 2);
        bytes32 id = _pickApp(_mix(appSeed));
        uint8 step = _pickStep(id, _mix(stepSeed), true);
        _setContext(Action.FlagOverdue, id, step, bytes32(0), 0);
        vm.recordLogs();
        vm.prank(_outsider());
        try engine.flagOverdue(id, step) {
            _absorb();
        } catch {
            vm.getRecordedLogs();
        }
        _afterCall(id);
    }

    function warp(uint256 dt) external {
        _begin();
        time += bound(dt, 1 hours, MAX_WARP);
        vm.warp(time);
    }

    function setRule(uint256 ruleSeed, bool verdict) external {
        _begin();
        RuleMock rule = rules[ruleSeed % rules.length];
        rule.setResult(verdict);
        ruleVerdict[address(rule)] = verdict;
    }

    /// @notice The registrar re-registers a multi-officer department's officers in another order
    /// (same people, new indexes, new epoch): votes in flight must lapse.
    function rotateOfficers(uint256 deptSeed) external {
        _begin();
        deptSeed = _mix(deptSeed) % deptIds.length;
        uint32 dept = deptIds[deptSeed];
        for (uint256 k = 1; officerKeys[dept].length < 2 && k < deptIds.length; ++k) {
            dept = deptIds[(deptSeed + k) % deptIds.length];
        }
        uint256[] storage keys = officerKeys[dept];
        if (keys.length < 2) return;
        uint256 first = keys[0];
        for (uint256 i = 1; i < keys.length; ++i) keys[i - 1] = keys[i];
        keys[keys.length - 1] = first;
        address[] memory officers = new address[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) officers[i] = vm.addr(keys[i]);
        vm.prank(registrar);
        departments.setOfficers(dept, officers, thresholdOf[dept]);
        ++epochOf[dept];
    }

    /// @notice The catalogue editor publishes the matter's other version (another DAG) or closes or
    /// reopens it; applications in flight keep the version they were submitted under.
    function editCatalogue(uint256 matterSeed, uint256 whatSeed) external {
        _begin();
        CatalogMatter storage cm = catalogMatters[_mix(matterSeed) % catalogMatters.length];
        vm.startPrank(registrar);
        if (_mix(whatSeed) % 3 == 0) {
            cm.open = !cm.open;
            catalog.setMatterActive(cm.id, cm.open);
        } else {
            cm.current = 1 - cm.current;
            IServiceCatalog.VersionInput memory v = abi.decode(
                flowInput[cm.flows[cm.current]],
                (IServiceCatalog.VersionInput)
            );
            cm.version = catalog.publishVersion(cm.id, v);
        }
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- views for the invariants

    function appCount() external view returns (uint256) {
        return apps.length;
    }

    function appOf(bytes32 id) external view returns (AppGhost memory) {
        return ghostApp[id];
    }

    function stepOf(bytes32 id, uint8 step) external view returns (StepGhost memory) {
        return ghostStep[id][step];
    }

    /// @notice The flow (matter version content) the application was submitted under.
    function flowOf(bytes32 id) public view returns (Flow memory) {
        return flows[ghostApp[id].flow];
    }

    function stepDepartment(bytes32 id, uint8 step) external view returns (uint32) {
        return stepDept[ghostApp[id].flow][step];
    }

    function stepDependencies(bytes32 id, uint8 step) external view returns (uint16) {
        return stepDeps[ghostApp[id].flow][step];
    }

    /// @notice Every accepted direct Approve vote on `step` in `round` under officer-set `epoch`.
    function approversOf(bytes32 id, uint8 step, uint8 round, uint32 epoch) external view returns (address[] memory) {
        return approveVoters[id][step][round][epoch];
    }

    // ---------------------------------------------------------------- input choice

    function _begin() internal {
        vm.warp(time);
    }

    /// @dev Seeds are hashed: the fuzzer's favourite values (0, 1, max) would otherwise always take
    /// the same branches.
    function _mix(uint256 seed) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed)));
    }

    function _outsider() internal view returns (address) {
        return vm.addr(allKeys[allKeys.length - 1]);
    }

    function _setContext(Action action, bytes32 id, uint8 step, bytes32 output, uint8 signers) internal {
        ctxAction = action;
        ctxApp = id;
        ctxStep = step;
        ctxOutput = output;
        ctxSigners = signers;
    }

    /// @dev An applicant submits uploads for the required materials of the matter's current version
    /// (sometimes one missing; a closed matter refuses it).
    function _submit(uint256 applicantSeed, uint256 matterSeed, uint256 conditionSeed) internal {
        if (apps.length >= MAX_APPS) return;
        (applicantSeed, matterSeed, conditionSeed) = (_mix(applicantSeed), _mix(matterSeed), _mix(conditionSeed));
        CatalogMatter storage cm = catalogMatters[matterSeed % catalogMatters.length];
        uint8 flow = cm.flows[cm.current];
        address applicant = applicants[applicantSeed % applicants.length];
        uint32 conditions = uint32(conditionSeed % 4); // flags 1 and 2 (2: handled by an agent)
        IApprovalEngine.Submission memory s = _submission(flow, conditions, (conditionSeed >> 8) % 16 == 0);
        bytes32 expectedId = engine.nextApplicationId(applicant, cm.id);
        _setContext(Action.Submit, expectedId, 0, bytes32(0), 0);
        vm.recordLogs();
        vm.prank(applicant);
        try engine.submit(s) returns (bytes32 id) {
            if (id != expectedId) ++modelMismatches;
            apps.push(id);
            AppGhost storage a = ghostApp[id];
            a.flow = flow;
            a.version = cm.version;
            a.applicant = applicant;
            a.status = IApprovalEngine.ApplicationStatus.Active;
            _absorb();
        } catch {
            vm.getRecordedLogs();
        }
        _afterCall(expectedId);
    }

    function _decide(
        bytes32 id,
        uint8 step,
        address officer,
        IApprovalEngine.Outcome outcome,
        uint16 reason,
        bytes32 output
    ) internal {
        _setContext(Action.Decide, id, step, output, 0);
        vm.recordLogs();
        vm.prank(officer);
        try engine.decide(id, step, outcome, reason, output) {
            _recordVote(id, step, officer, outcome, output);
            _absorb();
        } catch {
            vm.getRecordedLogs();
        }
        _afterCall(id);
    }

    /// @dev An application: sometimes any; else one under review, mostly the one with the most
    /// approved steps (so that runs reach completion).
    function _pickApp(uint256 seed) internal view returns (bytes32 id) {
        uint256 n = apps.length;
        uint256 start = (seed >> 8) % n;
        id = apps[start];
        if (seed % 5 == 0) return id;
        bool furthest = seed % 5 > 1;
        uint256 best = 0;
        for (uint256 k = 0; k < n; ++k) {
            bytes32 candidate = apps[(start + k) % n];
            AppGhost storage a = ghostApp[candidate];
            if (a.status != IApprovalEngine.ApplicationStatus.Active) continue;
            if (!furthest) return candidate;
            uint256 progress = 1 + _popCount(a.approved);
            if (progress > best) (best, id) = (progress, candidate);
        }
    }

    /// @dev Mostly a returned application (if any).
    function _pickReturnedApp(uint256 seed) internal view returns (bytes32) {
        uint256 n = apps.length;
        uint256 start = (seed >> 8) % n;
        if (seed % 4 != 0) {
            for (uint256 k = 0; k < n; ++k) {
                bytes32 id = apps[(start + k) % n];
                if (ghostApp[id].status == IApprovalEngine.ApplicationStatus.Returned) return id;
            }
        }
        return apps[start];
    }

    /// @dev Mostly one of the active steps (as the ghost knows them); sometimes (`anyIndex`) any
    /// index below 8.
    function _pickStep(bytes32 id, uint256 seed, bool anyIndex) internal view returns (uint8) {
        uint16 active = ghostApp[id].active;
        if ((anyIndex && seed % 6 == 0) || active == 0) return uint8((seed >> 8) % 8);
        uint256 k = (seed >> 8) % _popCount(active);
        for (uint8 i = 0; i < 16; ++i) {
            if ((active >> i) & 1 == 0) continue;
            if (k == 0) return i;
            --k;
        }
        return 0;
    }

    /// @dev Mostly an active step that has a rule (if any), else as `_pickStep`.
    function _pickRuleStep(bytes32 id, uint256 seed) internal view returns (uint8) {
        if (seed % 4 != 0) {
            AppGhost storage a = ghostApp[id];
            for (uint8 i = 0; i < flows[a.flow].stepCount; ++i) {
                if ((a.active >> i) & 1 == 1 && stepRule[a.flow][i] != address(0)) return i;
            }
        }
        return _pickStep(id, seed >> 2, true);
    }

    /// @dev Mostly the pending outcome (officers agree); else mostly approve, sometimes return,
    /// reject, or an invalid combination.
    function _pickOutcome(
        bytes32 id,
        uint8 step,
        uint256 seed,
        bool followPending
    ) internal view returns (IApprovalEngine.Outcome, uint16) {
        if (followPending && seed % 5 != 0) {
            IApprovalEngine.StepState memory s = engine.getStep(id, step);
            if (s.pendingOutcome != IApprovalEngine.Outcome.None) return (s.pendingOutcome, s.pendingReason);
        }
        uint256 r = (seed >> 8) % 40;
        uint16 reason = uint16(1 + ((seed >> 16) % 3));
        if (r == 0) return (IApprovalEngine.Outcome.None, 0); // invalid
        if (r == 1) return (IApprovalEngine.Outcome.Reject, reason);
        if (r < 10) return (IApprovalEngine.Outcome.Return, reason);
        if (r == 10) return (IApprovalEngine.Outcome.Approve, reason); // invalid: approve with a reason
        if (r == 11) return (IApprovalEngine.Outcome.Reject, 0); // invalid: reject without a reason
        return (IApprovalEngine.Outcome.Approve, 0);
    }

    /// @dev Mostly an officer of the step's department who has not voted to approve yet in this round
    /// and epoch; sometimes (`anybody`) anybody (other departments' officers, the outsider).
    function _pickVoter(bytes32 id, uint8 step, uint256 seed, bool anybody) internal view returns (uint256) {
        if (anybody && seed % 8 == 0) return allKeys[(seed >> 8) % allKeys.length];
        uint32 dept = _deptOfStep(id, step);
        uint256[] storage keys = officerKeys[dept];
        address[] storage voted = approveVoters[id][step][ghostStep[id][step].round][epochOf[dept]];
        uint256 start = (seed >> 8) % keys.length;
        for (uint256 k = 0; k < keys.length; ++k) {
            uint256 key = keys[(start + k) % keys.length];
            if (!_contains(voted, vm.addr(key))) return key;
        }
        return keys[start];
    }

    /// @dev The right output licence id: for an approval of the output step a fresh one (or, for a
    /// direct vote joining others, the pending one); else 0.
    function _outputFor(
        bytes32 id,
        uint8 step,
        IApprovalEngine.Outcome outcome,
        bool joinPending
    ) internal returns (bytes32) {
        Flow memory f = flowOf(id);
        if (outcome != IApprovalEngine.Outcome.Approve || f.outputType == 0 || step != f.outputStep) return 0;
        bytes32 pending = ghostApp[id].pendingOutput;
        if (joinPending && pending != bytes32(0)) return pending;
        return keccak256(abi.encode("output licence", id, ++outputNonce));
    }

    /// @dev Mostly the right output licence id; sometimes none where one is needed, one where none
    /// is, or another than the pending one.
    function _pickOutput(
        bytes32 id,
        uint8 step,
        IApprovalEngine.Outcome outcome,
        uint256 seed,
        bool joinPending
    ) internal returns (bytes32) {
        bytes32 right = _outputFor(id, step, outcome, joinPending && seed % 8 != 1);
        if (seed % 8 == 0) return right == bytes32(0) ? keccak256(abi.encode("stray licence", seed)) : bytes32(0);
        return right;
    }

    function _decision(
        bytes32 id,
        uint8 step,
        uint256 outcomeSeed,
        uint256 tamperSeed
    ) internal returns (IApprovalEngine.DecisionData memory d) {
        d.applicationId = id;
        d.step = step;
        d.round = ghostStep[id][step].round;
        if (tamperSeed % 16 == 1) d.round += 1;
        (d.outcome, d.reason) = _pickOutcome(id, step, outcomeSeed, false);
        d.outputLicenceId = _pickOutput(id, step, d.outcome, outcomeSeed >> 32, false);
        d.deadline = uint64(tamperSeed % 16 == 2 ? time - 1 : time + 1 days);
    }

    /// @dev The domain to sign under: the engine's, or another chain's or contract's.
    function _domain(uint256 tamperSeed) internal view returns (bytes32) {
        if (tamperSeed % 16 == 3) return DecisionSigning.domainSeparator(block.chainid + 1, address(engine));
        if (tamperSeed % 16 == 4) return DecisionSigning.domainSeparator(block.chainid, address(departments));
        return DecisionSigning.domainSeparator(block.chainid, address(engine));
    }

    /// @dev A random subset of the department's officers; sometimes with somebody else.
    function _signerKeys(uint32 dept, uint256 signerSeed, uint256 tamperSeed) internal view returns (uint256[] memory) {
        uint256[] storage all = officerKeys[dept];
        bool intruder = tamperSeed % 16 == 0;
        uint256 count = intruder ? 1 : 0;
        for (uint256 i = 0; i < all.length; ++i) if ((signerSeed >> i) & 1 == 1) ++count;
        uint256[] memory keys = new uint256[](count);
        uint256 k = 0;
        for (uint256 i = 0; i < all.length; ++i) if ((signerSeed >> i) & 1 == 1) keys[k++] = all[i];
        if (intruder) keys[k] = allKeys[(tamperSeed >> 8) % allKeys.length];
        return keys;
    }

    /// @dev Distinct addresses among `keys` that are officers of `dept` in the model.
    function _countOfficers(uint32 dept, uint256[] memory keys) internal view returns (uint8 count) {
        for (uint256 i = 0; i < keys.length; ++i) {
            bool repeated = false;
            for (uint256 j = 0; j < i; ++j) if (keys[j] == keys[i]) repeated = true;
            if (!repeated && departmentOf[vm.addr(keys[i])] == dept) ++count;
        }
    }

    /// @dev For the output step, mostly an officer of its department (only they may name the licence).
    function _autoReviewer(bytes32 id, uint8 step, uint256 seed) internal view returns (address) {
        if (step == flowOf(id).outputStep && seed % 4 != 0) {
            uint256[] storage keys = officerKeys[_deptOfStep(id, step)];
            return vm.addr(keys[(seed >> 8) % keys.length]);
        }
        return vm.addr(allKeys[(seed >> 8) % allKeys.length]);
    }

    /// @dev The step's department (for a step index beyond the flow, the first department).
    function _deptOfStep(bytes32 id, uint8 step) internal view returns (uint32) {
        uint32 dept = step < 16 ? stepDept[ghostApp[id].flow][step] : 0;
        return dept == 0 ? deptIds[0] : dept;
    }

    /// @dev Uploads for every unconditional material; the conditional ones required under
    /// `conditions` are committed to (with the flags), never sent. `drop`: the last unconditional
    /// one missing (the engine refuses that).
    function _submission(
        uint8 flow,
        uint32 conditions,
        bool drop
    ) internal view returns (IApprovalEngine.Submission memory s) {
        uint32[] storage conds = materialConditions[flow];
        uint256 n = 0;
        uint256 declared = 0;
        for (uint256 i = 0; i < conds.length; ++i) {
            if (conds[i] == 0) ++n;
            else if (conds[i] & conditions != 0) ++declared;
        }
        if (drop && n > 0) --n;
        uint8[] memory indexes = new uint8[](declared);
        bytes32[] memory ids = new bytes32[](declared);
        s.matterId = flows[flow].matterId;
        s.uploads = new IApprovalEngine.Upload[](n);
        uint256 k = 0;
        uint256 d = 0;
        for (uint256 i = 0; i < conds.length; ++i) {
            bytes32 contentHash = keccak256(abi.encode("upload", flow, i, time));
            if (conds[i] == 0 && k < n) s.uploads[k++] = IApprovalEngine.Upload(uint8(i), contentHash);
            else if (conds[i] != 0 && conds[i] & conditions != 0) (indexes[d], ids[d++]) = (uint8(i), contentHash);
        }
        s.conditionsCommitment = keccak256(
            abi.encode(conditions, keccak256(abi.encode("salt", flow, time)), indexes, ids)
        );
    }

    // ---------------------------------------------------------------- ghost updates

    /// @dev A direct vote the engine accepted (recorded under the round and epoch before the call's
    /// events are absorbed).
    function _recordVote(
        bytes32 id,
        uint8 step,
        address officer,
        IApprovalEngine.Outcome outcome,
        bytes32 output
    ) internal {
        if (outcome != IApprovalEngine.Outcome.Approve) return;
        uint32 dept = stepDept[ghostApp[id].flow][step];
        approveVoters[id][step][ghostStep[id][step].round][epochOf[dept]].push(officer);
        if (output != bytes32(0)) ghostApp[id].pendingOutput = output;
    }

    /// @dev Reads the status the call left the application in: a terminal status never changes.
    function _afterCall(bytes32 id) internal {
        AppGhost storage a = ghostApp[id];
        if (a.applicant == address(0)) return; // not created
        IApprovalEngine.ApplicationStatus s = engine.getApplication(id).status;
        if (a.terminal != IApprovalEngine.ApplicationStatus.None) {
            if (s != a.terminal) ++terminalChanges;
        } else if (
            s == IApprovalEngine.ApplicationStatus.Completed ||
            s == IApprovalEngine.ApplicationStatus.Rejected ||
            s == IApprovalEngine.ApplicationStatus.Withdrawn
        ) {
            a.terminal = s;
        }
    }

    /// @dev The engine's events of the successful call, in emission order.
    function _absorb() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(engine)) continue;
            bytes32 t = logs[i].topics[0];
            if (t == IApprovalEngine.StepActivated.selector) _onActivated(logs[i]);
            else if (t == IApprovalEngine.StepDecided.selector) _onDecided(logs[i]);
            else if (t == IApprovalEngine.StepApprovedByRule.selector) _onRuleApproved(logs[i]);
            else if (t == IApprovalEngine.ApplicationReturned.selector) _onReturned(logs[i]);
            else if (t == IApprovalEngine.ApplicationRejected.selector)
                _onEnded(logs[i], IApprovalEngine.ApplicationStatus.Rejected);
            else if (t == IApprovalEngine.ApplicationWithdrawn.selector)
                _onEnded(logs[i], IApprovalEngine.ApplicationStatus.Withdrawn);
            else if (t == IApprovalEngine.ApplicationResubmitted.selector) _onResubmitted(logs[i]);
            else if (t == IApprovalEngine.ApplicationCompleted.selector) _onCompleted(logs[i]);
        }
    }

    /// @dev StepActivated: every dependency must already be approved (in the event order).
    function _onActivated(Vm.Log memory log) internal {
        bytes32 id = log.topics[1];
        uint8 step = uint8(uint256(log.topics[2]));
        (, uint8 round) = abi.decode(log.data, (uint40, uint8));
        AppGhost storage a = ghostApp[id];
        StepGhost storage s = ghostStep[id][step];
        uint16 deps = stepDeps[a.flow][step];
        uint16 bit = uint16(1) << step;
        if (deps & a.approved != deps || a.approved & bit != 0) {
            ++earlyActivations;
            s.activatedEarly = true;
        }
        if (uint32(uint256(log.topics[3])) != stepDept[a.flow][step] || round != s.round) ++modelMismatches;
        a.active |= bit;
        s.activatedSeq = ++seq;
        s.activatedAt = uint40(time);
    }

    function _onDecided(Vm.Log memory log) internal {
        (IApprovalEngine.Outcome outcome, , uint8 round, , ) = abi.decode(
            log.data,
            (IApprovalEngine.Outcome, uint16, uint8, uint32, bool)
        );
        bytes32 id = log.topics[1];
        uint8 step = uint8(uint256(log.topics[2]));
        if (round != ghostStep[id][step].round) ++modelMismatches;
        if (outcome != IApprovalEngine.Outcome.Approve) return;
        Via via = Via.Unexplained;
        if (ctxAction == Action.Decide) via = Via.Votes;
        else if (ctxAction == Action.DecideBySig) via = Via.Signatures;
        _approved(id, step, via);
    }

    function _onRuleApproved(Vm.Log memory log) internal {
        bytes32 id = log.topics[1];
        uint8 step = uint8(uint256(log.topics[2]));
        address rule = address(uint160(uint256(log.topics[3])));
        StepGhost storage s = ghostStep[id][step];
        s.ruleHeld = ruleVerdict[rule];
        s.stepRule = rule != address(0) && rule == stepRule[ghostApp[id].flow][step];
        _approved(id, step, ctxAction == Action.AutoReview ? Via.Rule : Via.Unexplained);
    }

    /// @dev A step approved by the call in progress: it must be the active step acted on.
    function _approved(bytes32 id, uint8 step, Via via) internal {
        AppGhost storage a = ghostApp[id];
        StepGhost storage s = ghostStep[id][step];
        uint16 bit = uint16(1) << step;
        if (id != ctxApp || step != ctxStep || a.active & bit == 0 || a.approved & bit != 0) via = Via.Unexplained;
        if (via == Via.Unexplained) ++unexplainedApprovals;
        s.via = via;
        s.viaRound = s.round;
        s.viaEpoch = epochOf[stepDept[a.flow][step]];
        s.signers = ctxSigners;
        s.approvedSeq = ++seq;
        a.approved |= bit;
        a.active &= ~bit;
        Flow memory f = flows[a.flow];
        if (f.outputType != 0 && step == f.outputStep) a.namedOutput = ctxOutput;
    }

    function _onReturned(Vm.Log memory log) internal {
        bytes32 id = log.topics[1];
        ++ghostStep[id][uint8(uint256(log.topics[2]))].round;
        ghostApp[id].status = IApprovalEngine.ApplicationStatus.Returned;
    }

    function _onEnded(Vm.Log memory log, IApprovalEngine.ApplicationStatus status) internal {
        AppGhost storage a = ghostApp[log.topics[1]];
        a.status = status;
        a.active = 0;
    }

    function _onResubmitted(Vm.Log memory log) internal {
        ghostApp[log.topics[1]].status = IApprovalEngine.ApplicationStatus.Active;
    }

    function _onCompleted(Vm.Log memory log) internal {
        AppGhost storage a = ghostApp[log.topics[1]];
        a.status = IApprovalEngine.ApplicationStatus.Completed;
        a.completedOutput = log.topics[2];
    }

    // ---------------------------------------------------------------- utils

    function _contains(address[] storage list, address x) internal view returns (bool) {
        for (uint256 i = 0; i < list.length; ++i) if (list[i] == x) return true;
        return false;
    }

    function _popCount(uint256 x) internal pure returns (uint256 n) {
        for (; x != 0; x &= x - 1) ++n;
    }
}

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

    function _approve(uint256 key, bytes32 id, uint8 step, bytes32 output) internal {
        vm.prank(vm.addr(key));
        engine.decide(id, step, IApprovalEngine.Outcome.Approve, 0, output);
    }

    /// @dev Submits a VR hall application and approves steps 0..4 (HEALTH by its rule): culture's
    /// output step 5 is the only active one.
    function _atCultureStep() internal returns (bytes32 id) {
        id = _submit();
        _approve(ISSUER_KEY_1, id, 0, 0);
        _approve(ISSUER_KEY_3, id, 0, 0);
        _approve(OTHER_KEY, id, 1, 0);
        engine.autoReview(id, 2, "", 0);
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
        bytes32 output = keccak256("entertainment licence");
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
        bytes32 output = keccak256("entertainment licence");
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
        engine.decideBySig(d, sigs);
        _assertSignedOutcome(c, !c.intruder && c.count >= c.threshold);
    }

    /// @dev The officers of the step's department chosen by `subset`, plus sometimes one intruder
    /// (another department's officer or an outsider).
    function _signedCase(bool atCulture, uint8 subset, uint256 intruderSeed) internal returns (SignedCase memory c) {
        c.id = atCulture ? _atCultureStep() : _submit();
        c.step = atCulture ? 5 : 0;
        c.dept = atCulture ? CULTURE : SAMR;
        c.threshold = departments.thresholdOf(c.dept);
        c.output = atCulture ? keccak256("entertainment licence") : bytes32(0);
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
        bytes32 output = keccak256("entertainment licence");
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
        engine.decideBySig(d, sigs);

        // Presented as what they sign, signatures for another round or step fail on that, not silently.
        if (w == 0) {
            vm.expectRevert(abi.encodeWithSelector(IApprovalEngine.ApprovalEngineWrongRound.selector, signed.round, 0));
            engine.decideBySig(signed, sigs);
        }
        _assertCultureStepPending(id, output);
        _assertCultureStepPending(other, output);

        engine.decideBySig(d, _signDecision(keys, d, _engineDomain()));
        assertEq(uint8(engine.getApplication(id).status), uint8(IApprovalEngine.ApplicationStatus.Completed));
        assertEq(engine.outputLicenceOf(id), output, "output licence");
    }

    /// @notice A signed decision past its deadline never decides.
    function testFuzz_ExpiredSignatureNeverWorks(uint256 age, uint256 wait) public {
        bytes32 id = _atCultureStep();
        bytes32 output = keccak256("entertainment licence");
        IApprovalEngine.DecisionData memory d = _decisionFor(id, 5, output);
        d.deadline = uint64(block.timestamp + bound(age, 0, 30 days));
        IApprovalEngine.OfficerSignature[] memory sigs = _signDecision(_officerKeys(CULTURE), d, _engineDomain());
        vm.warp(uint256(d.deadline) + bound(wait, 1, 365 days));
        vm.expectRevert(abi.encodeWithSelector(IApprovalEngine.ApprovalEngineExpiredSignature.selector, d.deadline));
        engine.decideBySig(d, sigs);
        _assertCultureStepPending(id, output);
    }

    function _popCount(uint256 x) internal pure returns (uint256 n) {
        for (; x != 0; x &= x - 1) ++n;
    }
}
