// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";

import {ILicenceRegistry} from "../../contracts/ILicenceRegistry.sol";
import {LicenceRegistry} from "../../contracts/LicenceRegistry.sol";

import {Merkle} from "./Merkle.sol";

/// @notice Drives the LicenceRegistry over a small id set (4 single licences, 1 batch of 4) with a
/// ghost model of every record and of time. Only actions the model allows are sent, so any revert
/// means the model and the contract disagree (fail-on-revert).
contract LicenceHandler is Test {
    enum S {
        None,
        Issued,
        Suspended,
        Revoked
    }

    struct Ghost {
        S state;
        uint40 expiresAt;
    }

    uint256 internal constant SINGLES = 4;

    LicenceRegistry public immutable licences;
    uint32 public immutable typeId;
    address[3] internal officers;

    bytes32[] public singles;
    bytes32[] public members;
    bytes32 public root;
    mapping(bytes32 id => bytes32[] proof) internal proofs;

    mapping(bytes32 id => Ghost) public ghost; // singles, touched members and the root
    uint256 public time;
    uint256 public calls;

    constructor(LicenceRegistry licences_, uint32 typeId_, address[3] memory officers_, bytes32[] memory members_) {
        licences = licences_;
        typeId = typeId_;
        officers = officers_;
        time = block.timestamp;
        for (uint256 i = 0; i < SINGLES; ++i) singles.push(keccak256(abi.encode("single", i)));

        bytes32[] memory leaves = new bytes32[](members_.length);
        for (uint256 i = 0; i < members_.length; ++i) {
            members.push(members_[i]);
            leaves[i] = Merkle.batchLeaf(members_[i]);
        }
        root = Merkle.root(leaves);
        for (uint256 i = 0; i < members_.length; ++i) proofs[members_[i]] = Merkle.proof(leaves, leaves[i]);
        // The batch expires after ~15 days: long runs see it expire.
        uint40 batchExpiry = uint40(block.timestamp + 15 days);
        vm.prank(officers_[0]);
        licences_.issueBatch(root, typeId_, 1, batchExpiry, uint32(members_.length));
        ghost[root] = Ghost(S.Issued, batchExpiry);
    }

    // ---------------------------------------------------------------- model

    function _statusOf(Ghost memory g) internal view returns (ILicenceRegistry.LicenceStatus) {
        if (g.state == S.None) return ILicenceRegistry.LicenceStatus.Unknown;
        if (g.state == S.Revoked) return ILicenceRegistry.LicenceStatus.Revoked;
        if (g.state == S.Suspended) return ILicenceRegistry.LicenceStatus.Suspended;
        if (g.expiresAt != 0 && time >= g.expiresAt) return ILicenceRegistry.LicenceStatus.Expired;
        return ILicenceRegistry.LicenceStatus.Valid;
    }

    /// @notice What the model says `id` is (with its batch root and proof for a member).
    function expected(bytes32 id) public view returns (ILicenceRegistry.LicenceStatus) {
        if (!isMember(id)) return _statusOf(ghost[id]);
        ILicenceRegistry.LicenceStatus batchStatus = _statusOf(ghost[root]);
        Ghost memory own = ghost[id];
        if (own.state == S.None) return batchStatus;
        // The worse wins: a member is Valid only if both it and its batch are.
        ILicenceRegistry.LicenceStatus s = _statusOf(own);
        return (s == ILicenceRegistry.LicenceStatus.Valid) ? batchStatus : s;
    }

    /// @notice Whether the model says `id` is revoked, suspended or expired (itself or its batch).
    function ghostSaysNotInForce(bytes32 id) external view returns (bool) {
        Ghost memory own = ghost[id];
        if (_bad(own)) return true;
        return isMember(id) && _bad(ghost[root]);
    }

    function _bad(Ghost memory g) internal view returns (bool) {
        return
            g.state == S.Revoked ||
            g.state == S.Suspended ||
            (g.state != S.None && g.expiresAt != 0 && time >= g.expiresAt);
    }

    function isMember(bytes32 id) public view returns (bool) {
        return proofs[id].length != 0;
    }

    function proofOf(bytes32 id) external view returns (bytes32 batchRoot, bytes32[] memory proof) {
        if (isMember(id)) return (root, proofs[id]);
        return (bytes32(0), new bytes32[](0));
    }

    function ids() external view returns (bytes32[] memory all) {
        all = new bytes32[](singles.length + members.length + 1);
        uint256 k = 0;
        for (uint256 i = 0; i < singles.length; ++i) all[k++] = singles[i];
        for (uint256 i = 0; i < members.length; ++i) all[k++] = members[i];
        all[k] = root;
    }

    // ---------------------------------------------------------------- actions

    function _begin(uint256 officerSeed) internal returns (address officer) {
        vm.warp(time);
        ++calls;
        officer = officers[officerSeed % 3];
    }

    /// @dev A target among the singles, the members and the root; with its (ghost) record as the
    /// contract will see it (a member's record is created from the batch's on first change).
    function _pick(
        uint256 seed
    ) internal view returns (bytes32 id, bytes32 batchRoot, bytes32[] memory proof, Ghost memory g) {
        uint256 n = singles.length + members.length + 1;
        uint256 i = seed % n;
        if (i < singles.length) {
            id = singles[i];
        } else if (i < singles.length + members.length) {
            id = members[i - singles.length];
            batchRoot = root;
            proof = proofs[id];
        } else {
            id = root;
        }
        g = ghost[id];
        if (batchRoot != bytes32(0) && g.state == S.None) g = ghost[root];
    }

    function issue(uint256 idSeed, uint256 lifetime, uint256 officerSeed) external {
        address officer = _begin(officerSeed);
        bytes32 id = singles[idSeed % singles.length];
        if (ghost[id].state != S.None) return;
        uint40 expiresAt = lifetime % 3 == 0 ? 0 : uint40(time + bound(lifetime, 1, 20 days));
        vm.prank(officer);
        licences.issue(id, typeId, 1, expiresAt);
        ghost[id] = Ghost(S.Issued, expiresAt);
    }

    function revoke(uint256 seed, uint16 reason, uint256 officerSeed) external {
        address officer = _begin(officerSeed);
        (bytes32 id, bytes32 batchRoot, bytes32[] memory proof, Ghost memory g) = _pick(seed);
        if (g.state == S.None || g.state == S.Revoked) return;
        vm.prank(officer);
        licences.revoke(id, batchRoot, proof, reason);
        ghost[id] = Ghost(S.Revoked, g.expiresAt);
    }

    function suspend(uint256 seed, uint16 reason, uint256 officerSeed) external {
        address officer = _begin(officerSeed);
        (bytes32 id, bytes32 batchRoot, bytes32[] memory proof, Ghost memory g) = _pick(seed);
        if (g.state != S.Issued) return;
        vm.prank(officer);
        licences.suspend(id, batchRoot, proof, reason);
        ghost[id] = Ghost(S.Suspended, g.expiresAt);
    }

    function resume(uint256 seed, uint256 officerSeed) external {
        address officer = _begin(officerSeed);
        (bytes32 id, bytes32 batchRoot, bytes32[] memory proof, Ghost memory g) = _pick(seed);
        if (g.state != S.Suspended) return;
        vm.prank(officer);
        licences.resume(id, batchRoot, proof);
        ghost[id] = Ghost(S.Issued, g.expiresAt);
    }

    /// @dev Replaces a single licence by another single id not issued yet.
    function replace(uint256 oldSeed, uint256 newSeed, uint256 lifetime, uint16 reason, uint256 officerSeed) external {
        address officer = _begin(officerSeed);
        bytes32 oldId = singles[oldSeed % singles.length];
        bytes32 newId = singles[newSeed % singles.length];
        Ghost memory g = ghost[oldId];
        if (g.state == S.None || g.state == S.Revoked || ghost[newId].state != S.None) return;
        uint40 expiresAt = lifetime % 3 == 0 ? 0 : uint40(time + bound(lifetime, 1, 20 days));
        vm.prank(officer);
        licences.replace(oldId, bytes32(0), new bytes32[](0), newId, 1, expiresAt, reason);
        ghost[oldId] = Ghost(S.Revoked, g.expiresAt);
        ghost[newId] = Ghost(S.Issued, expiresAt);
    }

    function warp(uint256 dt) external {
        _begin(0);
        time += bound(dt, 0, 5 days);
        vm.warp(time);
    }
}
