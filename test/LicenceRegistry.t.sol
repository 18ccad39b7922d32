// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ILicenceRegistry} from "../contracts/ILicenceRegistry.sol";
import {ILicenceTypeRegistry} from "../contracts/ILicenceTypeRegistry.sol";
import {LicenceRegistry} from "../contracts/LicenceRegistry.sol";

import {LicenceHandler} from "./helpers/LicenceHandler.sol";
import {Merkle} from "./helpers/Merkle.sol";
import {PlatformTest} from "./helpers/PlatformTest.sol";

/// @notice Fuzz properties of the LicenceRegistry: status, issuer authorisation and batch membership.
contract LicenceRegistryFuzzTest is PlatformTest {
    uint256 internal constant MAX_WARP = 100 * 365 days;
    uint256 internal constant MAX_LIFETIME = 50 * 365 days;

    ILicenceRegistry.LicenceStatus internal constant UNKNOWN = ILicenceRegistry.LicenceStatus.Unknown;
    ILicenceRegistry.LicenceStatus internal constant VALID = ILicenceRegistry.LicenceStatus.Valid;
    ILicenceRegistry.LicenceStatus internal constant SUSPENDED = ILicenceRegistry.LicenceStatus.Suspended;
    ILicenceRegistry.LicenceStatus internal constant REVOKED = ILicenceRegistry.LicenceStatus.Revoked;
    ILicenceRegistry.LicenceStatus internal constant EXPIRED = ILicenceRegistry.LicenceStatus.Expired;

    // ---------------------------------------------------------------- helpers

    function _eq(ILicenceRegistry.LicenceStatus a, ILicenceRegistry.LicenceStatus b, string memory what) internal pure {
        assertEq(uint8(a), uint8(b), what);
    }

    /// @dev Neither statusOf nor verify says Valid.
    function _assertNotValid(bytes32 id, bytes32 root, bytes32[] memory proof, string memory what) internal view {
        assertTrue(licences.statusOf(id, root, proof) != VALID, what);
        assertTrue(licences.verify(_bareRequest(id, root, proof)).status != VALID, what);
    }

    /// @dev statusOf and verify both report `expected`.
    function _assertStatus(
        bytes32 id,
        bytes32 root,
        bytes32[] memory proof,
        ILicenceRegistry.LicenceStatus expected,
        string memory what
    ) internal view {
        _eq(licences.statusOf(id, root, proof), expected, what);
        _eq(licences.verify(_bareRequest(id, root, proof)).status, expected, what);
    }

    function _expiry(uint256 lifetime) internal view returns (uint40) {
        if (lifetime % 4 == 0) return 0; // a quarter of the runs: never expires
        return uint40(block.timestamp + bound(lifetime, 1, MAX_LIFETIME));
    }

    /// @dev 2..8 distinct non-zero ids from fuzzed words (a zero or repeated word is re-hashed).
    function _batchIds(bytes32[8] memory raw, uint256 nSeed) internal pure returns (bytes32[] memory ids) {
        uint256 n = bound(nSeed, 2, 8);
        ids = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = raw[i];
            while (id == bytes32(0) || _contains(ids, i, id)) id = keccak256(abi.encode(id, i));
            ids[i] = id;
        }
    }

    function _contains(bytes32[] memory ids, uint256 upTo, bytes32 id) internal pure returns (bool) {
        for (uint256 j = 0; j < upTo; ++j) if (ids[j] == id) return true;
        return false;
    }

    function _leaves(bytes32[] memory ids) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) leaves[i] = Merkle.batchLeaf(ids[i]);
    }

    /// @dev Issues a batch over `ids` by department 1 (version 1, no expiry); returns its root and
    /// every member's proof, after checking that every member is Valid.
    function _issueBatch(bytes32[] memory ids) internal returns (bytes32 root, bytes32[][] memory proofs) {
        bytes32[] memory leaves = _leaves(ids);
        root = Merkle.root(leaves);
        vm.prank(issuer1);
        licences.issueBatch(root, TYPE_ID, 1, 0, uint32(ids.length));
        proofs = new bytes32[][](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            proofs[i] = Merkle.proof(leaves, leaves[i]);
            _assertStatus(ids[i], root, proofs[i], VALID, "fresh member is valid");
            assertTrue(licences.verify(_bareRequest(ids[i], root, proofs[i])).issuerAuthorised, "member issuer ok");
        }
    }

    // ---------------------------------------------------------------- sanity of the helpers

    function test_FieldTreeAndVerify() public {
        bytes32 id = _licenceId(bytes32(uint256(1)));
        _issue(issuer1, id, 1, 0);
        for (uint256 f = 0; f < fieldNames.length; ++f) {
            ILicenceRegistry.Verdict memory v = licences.verify(_verifyRequest(bytes32(uint256(1)), f, 0, _none()));
            assertTrue(v.integrity, "field proof holds");
            _eq(v.status, VALID, "valid");
            assertTrue(v.issuerAuthorised, "issuer authorised");
        }
        // A field of another licence does not prove against this id.
        ILicenceRegistry.VerifyRequest memory req = _verifyRequest(bytes32(uint256(2)), 0, 0, _none());
        req.licenceId = id;
        assertFalse(licences.verify(req).integrity, "foreign leaf");
    }

    // ---------------------------------------------------------------- revoked

    /// @notice A revoked licence is never Valid, for any reason code, expiry, prior suspension and warp.
    function testFuzz_RevokedLicenceNeverValid(
        bytes32 seed,
        uint16 reason,
        uint256 lifetime,
        bool suspendFirst,
        uint256 warpBefore,
        uint256 warpAfter
    ) public {
        bytes32 id = _licenceId(seed);
        _issue(issuer1, id, 1, _expiry(lifetime));

        vm.warp(block.timestamp + bound(warpBefore, 0, MAX_WARP));
        if (suspendFirst) {
            vm.prank(issuer3);
            licences.suspend(id, 0, _none(), reason);
        }
        vm.prank(issuer2); // any officer of the issuing department
        licences.revoke(id, 0, _none(), reason);
        _assertStatus(id, 0, _none(), REVOKED, "revoked at once");

        vm.warp(block.timestamp + bound(warpAfter, 0, MAX_WARP));
        _assertStatus(id, 0, _none(), REVOKED, "revoked after warp");
        assertFalse(licences.verify(_verifyRequest(seed, reason, 0, _none())).status == VALID, "verify with fields");

        // Nothing brings it back.
        vm.startPrank(issuer1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILicenceRegistry.LicenceRegistryInvalidState.selector,
                id,
                ILicenceRegistry.LicenceState.Revoked
            )
        );
        licences.resume(id, 0, _none());
        vm.expectRevert(
            abi.encodeWithSelector(
                ILicenceRegistry.LicenceRegistryInvalidState.selector,
                id,
                ILicenceRegistry.LicenceState.Revoked
            )
        );
        licences.revoke(id, 0, _none(), reason);
        vm.expectRevert(abi.encodeWithSelector(ILicenceRegistry.LicenceRegistryAlreadyIssued.selector, id));
        licences.issue(id, TYPE_ID, 1, 0);
        vm.stopPrank();
        _assertStatus(id, 0, _none(), REVOKED, "still revoked");
    }

    /// @notice A replaced licence is revoked; its successor is a new valid licence.
    function testFuzz_ReplacedLicenceNeverValid(bytes32 seed, bytes32 seed2, uint16 reason, uint256 warpBy) public {
        bytes32 oldId = _licenceId(seed);
        bytes32 newId = _licenceId(seed2);
        vm.assume(oldId != newId);
        _issue(issuer1, oldId, 1, 0);
        vm.warp(block.timestamp + bound(warpBy, 0, MAX_WARP));
        vm.prank(issuer2);
        licences.replace(oldId, 0, _none(), newId, 1, 0, reason);
        _assertStatus(oldId, 0, _none(), REVOKED, "old revoked");
        _assertStatus(newId, 0, _none(), VALID, "new valid");
        assertEq(licences.replacedBy(oldId), newId);
    }

    // ---------------------------------------------------------------- suspended

    /// @notice A suspended licence is never Valid until resumed; once resumed it is Valid again
    /// unless it expired meanwhile.
    function testFuzz_SuspendedNotValidUntilResumed(
        bytes32 seed,
        uint16 reason,
        uint256 lifetime,
        uint256 warp1,
        uint256 warp2
    ) public {
        bytes32 id = _licenceId(seed);
        uint40 expiresAt = _expiry(lifetime);
        _issue(issuer1, id, 1, expiresAt);

        vm.prank(issuer1);
        licences.suspend(id, 0, _none(), reason);
        _assertStatus(id, 0, _none(), SUSPENDED, "suspended");

        vm.warp(block.timestamp + bound(warp1, 0, MAX_WARP));
        _assertStatus(id, 0, _none(), SUSPENDED, "suspended after warp");
        vm.warp(block.timestamp + bound(warp2, 0, MAX_WARP));
        _assertStatus(id, 0, _none(), SUSPENDED, "suspended after second warp");

        // Suspending again is refused; the record stays suspended.
        vm.prank(issuer2);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILicenceRegistry.LicenceRegistryInvalidState.selector,
                id,
                ILicenceRegistry.LicenceState.Suspended
            )
        );
        licences.suspend(id, 0, _none(), reason);

        vm.prank(issuer2);
        licences.resume(id, 0, _none());
        bool expired = expiresAt != 0 && block.timestamp >= expiresAt;
        _assertStatus(id, 0, _none(), expired ? EXPIRED : VALID, "resumed");
    }

    /// @notice Only the issuing department may suspend (or resume, or revoke).
    function testFuzz_OtherDepartmentCannotChangeStatus(bytes32 seed, uint16 reason, bool court) public {
        bytes32 id = _licenceId(seed);
        _issue(issuer1, id, 1, 0);
        address intruder = court ? courtOfficer : otherOfficer;
        uint32 intruderDept = court ? COURT_DEPT : OTHER_DEPT;
        bytes memory err = abi.encodeWithSelector(
            ILicenceRegistry.LicenceRegistryNotIssuer.selector,
            id,
            ISSUER_DEPT,
            intruderDept
        );
        vm.startPrank(intruder);
        vm.expectRevert(err);
        licences.suspend(id, 0, _none(), reason);
        vm.expectRevert(err);
        licences.revoke(id, 0, _none(), reason);
        vm.stopPrank();
        _assertStatus(id, 0, _none(), VALID, "untouched");
    }

    // ---------------------------------------------------------------- expired

    /// @notice A licence is Valid up to expiresAt - 1 and never Valid from expiresAt on.
    function testFuzz_ExpiredLicenceNeverValid(
        bytes32 seed,
        uint256 lifetime,
        uint256 afterExpiry,
        bool suspendResume
    ) public {
        bytes32 id = _licenceId(seed);
        uint40 expiresAt = uint40(block.timestamp + bound(lifetime, 1, MAX_LIFETIME));
        _issue(issuer1, id, 1, expiresAt);

        vm.warp(expiresAt - 1);
        _assertStatus(id, 0, _none(), VALID, "valid just before expiry");

        vm.warp(uint256(expiresAt) + bound(afterExpiry, 0, MAX_WARP));
        _assertStatus(id, 0, _none(), EXPIRED, "expired");

        if (suspendResume) {
            vm.startPrank(issuer1);
            licences.suspend(id, 0, _none(), 1);
            licences.resume(id, 0, _none());
            vm.stopPrank();
            _assertNotValid(id, 0, _none(), "resuming does not revive an expired licence");
        }
    }

    /// @notice Issuing with an expiry not in the future is refused.
    function testFuzz_IssueWithPastExpiryReverts(bytes32 seed, uint256 past) public {
        bytes32 id = _licenceId(seed);
        uint40 expiresAt = uint40(bound(past, 1, block.timestamp));
        vm.prank(issuer1);
        vm.expectRevert(abi.encodeWithSelector(ILicenceRegistry.LicenceRegistryInvalidExpiry.selector, expiresAt));
        licences.issue(id, TYPE_ID, 1, expiresAt);
    }

    // ---------------------------------------------------------------- issuer authorisation

    /// @notice A licence issued by a department not authorised for the type (2 or the court 3)
    /// never has issuerAuthorised, for any claimed version and any time, even after new versions.
    function testFuzz_UnauthorisedDepartmentNeverAuthorised(
        bytes32 seed,
        uint16 version,
        bool court,
        uint256 warp1,
        uint256 warp2,
        bool publishV2
    ) public {
        bytes32 id = _licenceId(seed);
        address officer = court ? courtOfficer : otherOfficer;
        vm.warp(block.timestamp + bound(warp1, 0, MAX_WARP));
        _issue(officer, id, version, 0);
        assertEq(licences.getLicence(id).issuerDepartment, court ? COURT_DEPT : OTHER_DEPT);

        ILicenceRegistry.Verdict memory v = licences.verify(_verifyRequest(seed, 0, 0, _none()));
        assertTrue(v.integrity, "integrity is independent");
        assertFalse(v.issuerAuthorised, "unauthorised department");

        vm.warp(block.timestamp + bound(warp2, 0, MAX_WARP));
        if (publishV2) {
            uint32[] memory issuers = new uint32[](1);
            issuers[0] = ISSUER_DEPT;
            licenceTypes.publishVersion(TYPE_ID, _versionInput(issuers));
        }
        assertFalse(licences.verify(_verifyRequest(seed, 0, 0, _none())).issuerAuthorised, "still unauthorised");
    }

    /// @notice Department 1 issuing under version 2 before version 2 is published (at least one
    /// second earlier) is not authorised, whatever happens later; issuing under version 1 after
    /// version 2 is published is not authorised either; issuing under version 2 after it is.
    function testFuzz_IssuedUnderUnpublishedOrSupersededVersionNotAuthorised(
        bytes32 seed,
        uint256 warp1,
        uint256 gap,
        uint256 warp2
    ) public {
        bytes32 early = _licenceId(seed);
        bytes32 stale = keccak256(abi.encode(early, "stale"));
        bytes32 fresh = keccak256(abi.encode(early, "fresh"));

        vm.warp(block.timestamp + bound(warp1, 0, MAX_WARP));
        _issue(issuer1, early, 2, 0); // version 2 does not exist yet

        vm.warp(block.timestamp + bound(gap, 1, MAX_WARP));
        uint32[] memory issuers = new uint32[](1);
        issuers[0] = ISSUER_DEPT;
        assertEq(licenceTypes.publishVersion(TYPE_ID, _versionInput(issuers)), 2);

        vm.warp(block.timestamp + bound(warp2, 0, MAX_WARP));
        _issue(issuer1, stale, 1, 0); // version 1 is superseded
        _issue(issuer1, fresh, 2, 0);

        assertFalse(licences.verify(_verifyRequest(seed, 0, 0, _none())).issuerAuthorised, "issued before publication");
        assertFalse(licences.verify(_bareRequest(stale, 0, _none())).issuerAuthorised, "superseded version");
        assertTrue(licences.verify(_bareRequest(fresh, 0, _none())).issuerAuthorised, "current version");
    }

    /// @notice Nothing issued at or after the type's deactivation is authorised; what was issued
    /// before stays authorised.
    function testFuzz_IssuedAfterDeactivationNotAuthorised(
        bytes32 seed,
        uint256 warp1,
        uint256 gap,
        uint256 warp2,
        uint16 version
    ) public {
        bytes32 before = _licenceId(seed);
        bytes32 afterwards = keccak256(abi.encode(before, "after"));
        bytes32 afterwardsV = keccak256(abi.encode(before, "afterV"));

        vm.warp(block.timestamp + bound(warp1, 0, MAX_WARP));
        _issue(issuer1, before, 1, 0);
        vm.warp(block.timestamp + bound(gap, 1, MAX_WARP));
        licenceTypes.deactivateType(TYPE_ID);
        vm.warp(block.timestamp + bound(warp2, 0, MAX_WARP));
        _issue(issuer1, afterwards, 1, 0);
        _issue(issuer1, afterwardsV, version, 0);

        assertTrue(licences.verify(_bareRequest(before, 0, _none())).issuerAuthorised, "issued before deactivation");
        assertFalse(
            licences.verify(_bareRequest(afterwards, 0, _none())).issuerAuthorised,
            "issued after deactivation"
        );
        assertFalse(licences.verify(_bareRequest(afterwardsV, 0, _none())).issuerAuthorised, "any version after");

        uint32[] memory issuers = new uint32[](1);
        issuers[0] = ISSUER_DEPT;
        vm.expectRevert(abi.encodeWithSelector(ILicenceTypeRegistry.LicenceTypeRegistryTypeInactive.selector, TYPE_ID));
        licenceTypes.publishVersion(TYPE_ID, _versionInput(issuers));
    }

    // ---------------------------------------------------------------- batches

    /// @notice A member's proof does not prove a non-member: status Unknown, not authorised, and
    /// every status change with it reverts LicenceRegistryNotInBatch.
    function testFuzz_NonMemberProofFails(bytes32[8] memory raw, uint256 nSeed, bytes32 nonMember, uint256 k) public {
        bytes32[] memory ids = _batchIds(raw, nSeed);
        vm.assume(nonMember != bytes32(0) && !_contains(ids, ids.length, nonMember));
        (bytes32 root, bytes32[][] memory proofs) = _issueBatch(ids);
        vm.assume(nonMember != root);
        bytes32[] memory proof = proofs[k % ids.length];

        _eq(licences.statusOf(nonMember, root, proof), UNKNOWN, "statusOf non-member");
        ILicenceRegistry.Verdict memory v = licences.verify(_bareRequest(nonMember, root, proof));
        _eq(v.status, UNKNOWN, "verify non-member");
        assertFalse(v.issuerAuthorised, "non-member not authorised");
        // Nor with no proof at all.
        _eq(licences.statusOf(nonMember, root, _none()), UNKNOWN, "no proof");

        bytes memory err = abi.encodeWithSelector(ILicenceRegistry.LicenceRegistryNotInBatch.selector, root, nonMember);
        vm.startPrank(issuer1);
        vm.expectRevert(err);
        licences.revoke(nonMember, root, proof, 7);
        vm.expectRevert(err);
        licences.suspend(nonMember, root, proof, 7);
        vm.expectRevert(err);
        licences.resume(nonMember, root, proof);
        vm.expectRevert(err);
        licences.replace(nonMember, root, proof, keccak256(abi.encode(nonMember)), 1, 0, 7);
        vm.stopPrank();

        // The batch is untouched.
        for (uint256 i = 0; i < ids.length; ++i) _assertStatus(ids[i], root, proofs[i], VALID, "member still valid");
    }

    /// @notice Regression: naming a batch the licence is not in fails with NotInBatch even when the
    /// licence already has its own record (the proof is always checked when a batch root is given).
    function testFuzz_NonMemberWithOwnRecordProofFails(
        bytes32[8] memory raw,
        uint256 nSeed,
        bytes32 seed,
        uint256 k,
        uint8 op
    ) public {
        bytes32[] memory ids = _batchIds(raw, nSeed);
        bytes32 single = _licenceId(seed);
        vm.assume(!_contains(ids, ids.length, single));
        _issue(issuer1, single, 1, 0);
        (bytes32 root, bytes32[][] memory proofs) = _issueBatch(ids);
        bytes32[] memory proof = proofs[k % ids.length];
        _eq(licences.statusOf(single, root, proof), UNKNOWN, "not a member");

        vm.prank(issuer1);
        vm.expectRevert(abi.encodeWithSelector(ILicenceRegistry.LicenceRegistryNotInBatch.selector, root, single));
        if (op % 2 == 0) licences.revoke(single, root, proof, 7);
        else licences.suspend(single, root, proof, 7);
    }

    /// @notice A revoked member is never Valid while its siblings stay Valid; revoking the batch
    /// root then makes every member non-Valid.
    function testFuzz_RevokedMemberNeverValidSiblingsStayValid(
        bytes32[8] memory raw,
        uint256 nSeed,
        uint256 k,
        uint16 reason,
        uint256 warpBy
    ) public {
        bytes32[] memory ids = _batchIds(raw, nSeed);
        (bytes32 root, bytes32[][] memory proofs) = _issueBatch(ids);
        k = k % ids.length;

        vm.prank(issuer2);
        licences.revoke(ids[k], root, proofs[k], reason);
        vm.warp(block.timestamp + bound(warpBy, 0, MAX_WARP));

        for (uint256 i = 0; i < ids.length; ++i) {
            if (i == k) {
                _assertStatus(ids[i], root, proofs[i], REVOKED, "revoked member");
                _assertNotValid(ids[i], 0, _none(), "revoked member without its batch");
            } else {
                _assertStatus(ids[i], root, proofs[i], VALID, "sibling stays valid");
            }
        }

        vm.prank(issuer1);
        licences.revoke(root, 0, _none(), reason);
        for (uint256 i = 0; i < ids.length; ++i) {
            _assertStatus(ids[i], root, proofs[i], REVOKED, "batch revoked");
        }
    }

    /// @notice Revoking the batch root makes every member non-Valid, however members were touched
    /// before (suspended, suspended and resumed) or after (resumed).
    function testFuzz_RevokedBatchRevokesEveryMember(
        bytes32[8] memory raw,
        uint256 nSeed,
        uint256 touched,
        uint16 reason,
        uint256 warpBy
    ) public {
        bytes32[] memory ids = _batchIds(raw, nSeed);
        (bytes32 root, bytes32[][] memory proofs) = _issueBatch(ids);

        vm.startPrank(issuer1);
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 action = (touched >> (2 * i)) & 3; // 0 untouched, 1 suspended, 2 suspended+resumed, 3 revoked
            if (action == 0) continue;
            if (action == 3) {
                licences.revoke(ids[i], root, proofs[i], reason);
                continue;
            }
            licences.suspend(ids[i], root, proofs[i], reason);
            if (action == 2) licences.resume(ids[i], root, proofs[i]);
        }
        licences.revoke(root, 0, _none(), reason);
        vm.stopPrank();

        vm.warp(block.timestamp + bound(warpBy, 0, MAX_WARP));
        for (uint256 i = 0; i < ids.length; ++i) {
            _assertNotValid(ids[i], root, proofs[i], "member of a revoked batch");
            uint256 action = (touched >> (2 * i)) & 3;
            if (action == 1) {
                // Resuming the member's own suspension does not revive it.
                vm.prank(issuer1);
                licences.resume(ids[i], root, proofs[i]);
                _assertNotValid(ids[i], root, proofs[i], "resumed member of a revoked batch");
            } else if (action == 0) {
                // An untouched member cannot be suspended or resumed any more.
                vm.prank(issuer1);
                vm.expectRevert(
                    abi.encodeWithSelector(
                        ILicenceRegistry.LicenceRegistryInvalidState.selector,
                        ids[i],
                        ILicenceRegistry.LicenceState.Revoked
                    )
                );
                licences.resume(ids[i], root, proofs[i]);
            }
        }
    }

    /// @notice Regression: a batch member with its own record (suspended and resumed) is not Valid
    /// once its batch is revoked or suspended, with its batch root or without it.
    function testFuzz_TouchedMemberWithoutBatchRootAfterBatchRevoked(
        bytes32[8] memory raw,
        uint256 nSeed,
        uint256 k,
        uint16 reason,
        bool revokeBatch
    ) public {
        bytes32[] memory ids = _batchIds(raw, nSeed);
        (bytes32 root, bytes32[][] memory proofs) = _issueBatch(ids);
        k = k % ids.length;
        vm.startPrank(issuer1);
        licences.suspend(ids[k], root, proofs[k], reason);
        licences.resume(ids[k], root, proofs[k]);
        if (revokeBatch) licences.revoke(root, 0, _none(), reason);
        else licences.suspend(root, 0, _none(), reason);
        vm.stopPrank();
        _assertNotValid(ids[k], root, proofs[k], "with its batch root");
        _assertNotValid(ids[k], 0, _none(), "without its batch root");
    }
}

// ==================================================================== invariant

contract LicenceRegistryInvariantTest is PlatformTest {
    LicenceHandler internal handler;

    function setUp() public override {
        super.setUp();
        bytes32[] memory members = new bytes32[](4);
        for (uint256 i = 0; i < members.length; ++i) members[i] = keccak256(abi.encode("member", i));
        handler = new LicenceHandler(licences, TYPE_ID, [issuer1, issuer2, issuer3], members);

        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = LicenceHandler.issue.selector;
        selectors[1] = LicenceHandler.revoke.selector;
        selectors[2] = LicenceHandler.suspend.selector;
        selectors[3] = LicenceHandler.resume.selector;
        selectors[4] = LicenceHandler.replace.selector;
        selectors[5] = LicenceHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @notice No licence the model says is revoked, suspended or expired (itself or its batch) is
    /// ever Valid, by statusOf or verify.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_NothingOutOfForceIsValid() public {
        vm.warp(handler.time());
        bytes32[] memory all = handler.ids();
        for (uint256 i = 0; i < all.length; ++i) {
            if (!handler.ghostSaysNotInForce(all[i])) continue;
            (bytes32 batchRoot, bytes32[] memory proof) = handler.proofOf(all[i]);
            assertTrue(licences.statusOf(all[i], batchRoot, proof) != ILicenceRegistry.LicenceStatus.Valid, "statusOf");
            assertTrue(
                licences.verify(_bareRequest(all[i], batchRoot, proof)).status != ILicenceRegistry.LicenceStatus.Valid,
                "verify"
            );
        }
    }

    /// @notice The reported status equals the model's, for every id.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 40
    /// forge-config: default.invariant.fail-on-revert = true
    function invariant_StatusMatchesModel() public {
        vm.warp(handler.time());
        bytes32[] memory all = handler.ids();
        for (uint256 i = 0; i < all.length; ++i) {
            (bytes32 batchRoot, bytes32[] memory proof) = handler.proofOf(all[i]);
            assertEq(uint8(licences.statusOf(all[i], batchRoot, proof)), uint8(handler.expected(all[i])), "status");
        }
    }
}
