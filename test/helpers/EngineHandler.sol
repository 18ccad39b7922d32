// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";

import {ApprovalEngine} from "../../contracts/ApprovalEngine.sol";
import {DepartmentRegistry} from "../../contracts/DepartmentRegistry.sol";
import {IApprovalEngine} from "../../contracts/IApprovalEngine.sol";
import {IServiceCatalog} from "../../contracts/IServiceCatalog.sol";
import {ServiceCatalog} from "../../contracts/ServiceCatalog.sol";
import {RuleMock} from "../../contracts/mocks/RuleMock.sol";
import {HolderLeaf} from "../../contracts/utils/HolderLeaf.sol";

import {DecisionSigning} from "./DecisionSigning.sol";

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
    /// @notice Salt of the holder field of each output licence built by {_outputFor}.
    mapping(bytes32 licenceId => bytes32 salt) internal outputSalt;

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
        try engine.decideBySig(d, sigs, _holderFor(d.outputLicenceId)) {
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
        try engine.autoReview(id, step, "", output, _holderFor(output)) {
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
        // An approval naming an output licence mostly goes with its holder proof (approveOutput);
        // sometimes as a plain vote, which may only name the licence already named.
        bool withProof = outcome == IApprovalEngine.Outcome.Approve && output != bytes32(0) && uint256(output) % 4 != 0;
        bool accepted;
        if (withProof) {
            try engine.approveOutput(id, step, output, _holderFor(output)) {
                accepted = true;
            } catch {}
        } else {
            try engine.decide(id, step, outcome, reason, output) {
                accepted = true;
            } catch {}
        }
        if (accepted) {
            _recordVote(id, step, officer, outcome, output);
            _absorb();
        } else {
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
        // A licence of one field, the applicant's holder field: its id is that field's leaf.
        bytes32 salt = keccak256(abi.encode("output licence", id, ++outputNonce));
        bytes32 licenceId = HolderLeaf.leaf(f.outputType, ghostApp[id].applicant, salt);
        outputSalt[licenceId] = salt;
        return licenceId;
    }

    /// @dev The holder proof of an output licence built by {_outputFor} (one leaf: no siblings);
    /// for any other id a proof that does not hold.
    function _holderFor(bytes32 output) internal view returns (IApprovalEngine.HolderProof memory holder) {
        holder.salt = outputSalt[output];
        holder.proof = new bytes32[](0);
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
