// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {NotDepartmentOfficer, ZeroAddress} from "./Common.sol";
import {IDepartmentRegistry, IOfficerListener} from "./IDepartmentRegistry.sol";
import {ILicenceRegistry} from "./ILicenceRegistry.sol";
import {ILicenceTypeRegistry} from "./ILicenceTypeRegistry.sol";
import {HolderLeaf} from "./utils/HolderLeaf.sol";
import {LicenceRecordWords} from "./utils/LicenceRecordWords.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title LicenceRegistry
/// @notice See {ILicenceRegistry}.
/// @dev Who acts for which department is read from a local copy kept in step by the
/// DepartmentRegistry (`officerChanged`), so that issuing, revoking and recording a check cost one
/// storage read instead of a call through the registry's proxy (~12,000 gas).
contract LicenceRegistry is ILicenceRegistry, IOfficerListener, OneWindowUpgradeable {
    using LicenceRecordWords for LicenceRecord;
    using LicenceRecordWords for LicenceRecordWords.RecordWord;

    /// @notice Result bit: the field proofs held.
    uint8 public constant RESULT_INTEGRITY = 1;
    /// @notice Result bit: the licence was valid.
    uint8 public constant RESULT_STATUS_VALID = 2;
    /// @notice Result bit: the issuer was authorised.
    uint8 public constant RESULT_ISSUER_AUTHORISED = 4;

    /// @custom:storage-location erc7201:onewindow.storage.LicenceRegistry
    struct LicenceRegistryStorage {
        IDepartmentRegistry departments;
        ILicenceTypeRegistry licenceTypes;
        mapping(bytes32 licenceId => LicenceRecord record) licences;
        mapping(bytes32 licenceId => bytes32 successor) replacedBy;
        mapping(address account => uint32 departmentId) actsFor;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.LicenceRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x29dd4873715bdcef9e9797f244e0db245da1445ca122f0e048bfc2917e037f00;

    function _s() private pure returns (LicenceRegistryStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice Initialises the proxy with its AccessManager and the registries it reads.
    function initialize(
        address authority_,
        IDepartmentRegistry departments,
        ILicenceTypeRegistry licenceTypes
    ) external initializer {
        if (authority_ == address(0) || address(departments) == address(0) || address(licenceTypes) == address(0))
            revert ZeroAddress();
        __OneWindow_init(authority_);
        LicenceRegistryStorage storage $ = _s();
        $.departments = departments;
        $.licenceTypes = licenceTypes;
    }

    // ---------------------------------------------------------------- issuing

    /// @inheritdoc ILicenceRegistry
    function issue(bytes32 licenceId, uint32 typeId, uint16 typeVersion, uint40 expiresAt) external {
        _issue(_callerDepartment(), licenceId, typeId, typeVersion, expiresAt);
    }

    /// @inheritdoc ILicenceRegistry
    function issueFor(
        uint32 departmentId,
        bytes32 licenceId,
        uint32 typeId,
        uint16 typeVersion,
        uint40 expiresAt
    ) external restricted {
        _issue(departmentId, licenceId, typeId, typeVersion, expiresAt);
    }

    /// @inheritdoc ILicenceRegistry
    function issueBatch(bytes32 batchRoot, uint32 typeId, uint16 typeVersion, uint40 expiresAt, uint32 count) external {
        uint32 departmentId = _callerDepartment();
        if (count == 0) revert LicenceRegistryEmptyBatch();
        uint40 now_ = _create(batchRoot, departmentId, typeId, typeVersion, expiresAt, true);
        emit BatchIssued(batchRoot, departmentId, typeId, typeVersion, now_, expiresAt, count, msg.sender);
    }

    // ---------------------------------------------------------------- status changes

    /// @inheritdoc ILicenceRegistry
    function revoke(bytes32 licenceId, bytes32 batchRoot, bytes32[] calldata proof, uint16 reason) external {
        (uint32 departmentId, ) = _change(licenceId, batchRoot, proof, LicenceState.Revoked);
        emit LicenceRevoked(licenceId, batchRoot, departmentId, reason, _time(), msg.sender);
    }

    /// @inheritdoc ILicenceRegistry
    function suspend(bytes32 licenceId, bytes32 batchRoot, bytes32[] calldata proof, uint16 reason) external {
        (uint32 departmentId, ) = _change(licenceId, batchRoot, proof, LicenceState.Suspended);
        emit LicenceSuspended(licenceId, batchRoot, departmentId, reason, _time(), msg.sender);
    }

    /// @inheritdoc ILicenceRegistry
    function resume(bytes32 licenceId, bytes32 batchRoot, bytes32[] calldata proof) external {
        (uint32 departmentId, ) = _change(licenceId, batchRoot, proof, LicenceState.Issued);
        emit LicenceResumed(licenceId, batchRoot, departmentId, _time(), msg.sender);
    }

    /// @inheritdoc ILicenceRegistry
    function replace(
        bytes32 oldLicenceId,
        bytes32 batchRoot,
        bytes32[] calldata proof,
        bytes32 newLicenceId,
        uint16 newTypeVersion,
        uint40 newExpiresAt,
        uint16 reason
    ) external {
        (uint32 departmentId, LicenceRecordWords.RecordWord revoked) = _change(
            oldLicenceId,
            batchRoot,
            proof,
            LicenceState.Revoked
        );
        // A whole batch cannot be replaced by one licence; replace its members one by one.
        if (revoked.isBatch()) revert LicenceRegistryInvalidState(oldLicenceId, LicenceState.Issued);
        emit LicenceRevoked(oldLicenceId, batchRoot, departmentId, reason, _time(), msg.sender);
        _s().replacedBy[oldLicenceId] = newLicenceId;
        _issue(departmentId, newLicenceId, revoked.typeId(), newTypeVersion, newExpiresAt);
        emit LicenceReplaced(oldLicenceId, newLicenceId, departmentId);
    }

    // ---------------------------------------------------------------- evidence

    /// @inheritdoc ILicenceRegistry
    function recordVerification(bytes32 licenceId, bytes32 purpose, uint128 fieldMask, uint8 result) external {
        uint32 departmentId = _callerDepartment();
        if (licenceId == bytes32(0)) revert LicenceRegistryZeroId();
        emit LicenceVerified(licenceId, departmentId, purpose, fieldMask, result, _time(), msg.sender);
    }

    // ---------------------------------------------------------------- officer copy

    /// @inheritdoc ILicenceRegistry
    function officerChanged(
        address account,
        uint32 departmentId
    ) external override(ILicenceRegistry, IOfficerListener) {
        LicenceRegistryStorage storage $ = _s();
        if (msg.sender != address($.departments)) revert LicenceRegistryUnauthorizedSync(msg.sender);
        $.actsFor[account] = departmentId;
        emit IssuerOfficerSynced(account, departmentId);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ILicenceRegistry
    function getLicence(bytes32 licenceId) external view returns (LicenceRecord memory) {
        return _s().licences[licenceId];
    }

    /// @inheritdoc ILicenceRegistry
    function replacedBy(bytes32 licenceId) external view returns (bytes32) {
        return _s().replacedBy[licenceId];
    }

    /// @inheritdoc ILicenceRegistry
    function statusOf(
        bytes32 licenceId,
        bytes32 batchRoot,
        bytes32[] calldata proof
    ) external view returns (LicenceStatus) {
        (LicenceStatus status, ) = _status(licenceId, batchRoot, proof);
        return status;
    }

    /// @inheritdoc ILicenceRegistry
    function verifyFields(
        bytes32 licenceId,
        bytes32[] calldata leaves,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) public pure returns (bool) {
        if (leaves.length == 0 || proofFlags.length + 1 != leaves.length + proof.length) return false;
        return MerkleProof.multiProofVerifyCalldata(proof, proofFlags, licenceId, leaves);
    }

    /// @inheritdoc ILicenceRegistry
    function verify(VerifyRequest calldata request) external view returns (Verdict memory verdict) {
        (verdict.status, verdict.record) = _status(request.licenceId, request.batchRoot, request.batchProof);
        verdict.integrity = verifyFields(
            request.licenceId,
            request.leaves,
            request.fieldProof,
            request.fieldProofFlags
        );
        LicenceRecord memory r = verdict.record;
        verdict.issuerAuthorised =
            r.state != LicenceState.None &&
            _s().licenceTypes.isAuthorisedIssuerAt(r.typeId, r.typeVersion, r.issuerDepartment, r.issuedAt);
    }

    /// @inheritdoc ILicenceRegistry
    function checkHeldLicences(
        address holder,
        HeldLicence[] calldata held
    ) external view returns (uint32[] memory typeIds, uint8[] memory problems) {
        typeIds = new uint32[](held.length);
        problems = new uint8[](held.length);
        string memory holderValue = HolderLeaf.hexOf(holder);
        ILicenceTypeRegistry licenceTypes = _s().licenceTypes;
        for (uint256 i = 0; i < held.length; ++i) {
            HeldLicence calldata h = held[i];
            (LicenceStatus status, LicenceRecord memory r) = _status(h.licenceId, h.batchRoot, h.batchProof);
            typeIds[i] = r.typeId;
            if (status != LicenceStatus.Valid) {
                problems[i] = uint8(LicenceProblem.NotValid);
            } else if (
                !MerkleProof.verifyCalldata(
                    h.holderProof,
                    h.licenceId,
                    HolderLeaf.leaf(r.typeId, holderValue, h.holderSalt)
                )
            ) {
                problems[i] = uint8(LicenceProblem.NotHolder);
            } else if (!licenceTypes.isAuthorisedIssuerAt(r.typeId, r.typeVersion, r.issuerDepartment, r.issuedAt)) {
                problems[i] = uint8(LicenceProblem.IssuerNotAuthorised);
            }
        }
    }

    /// @inheritdoc ILicenceRegistry
    function issuerDepartmentOf(address account) external view returns (uint32) {
        return _s().actsFor[account];
    }

    /// @inheritdoc ILicenceRegistry
    function registries() external view returns (address departmentRegistry, address licenceTypeRegistry) {
        LicenceRegistryStorage storage $ = _s();
        return (address($.departments), address($.licenceTypes));
    }

    // ---------------------------------------------------------------- internals

    /// @dev The active department the caller acts for, from the local copy.
    function _callerDepartment() private view returns (uint32 departmentId) {
        departmentId = _s().actsFor[msg.sender];
        if (departmentId == 0) revert NotDepartmentOfficer(msg.sender, 0);
    }

    function _issue(
        uint32 departmentId,
        bytes32 licenceId,
        uint32 typeId,
        uint16 typeVersion,
        uint40 expiresAt
    ) private {
        uint40 now_ = _create(licenceId, departmentId, typeId, typeVersion, expiresAt, false);
        emit LicenceIssued(licenceId, departmentId, typeId, typeVersion, now_, expiresAt, msg.sender);
    }

    /// @dev Writes a new single or batch record. The type and issuer are checked at verification
    /// (`isAuthorisedIssuerAt`), not here, to keep issuing at one storage write.
    function _create(
        bytes32 id,
        uint32 departmentId,
        uint32 typeId,
        uint16 typeVersion,
        uint40 expiresAt,
        bool isBatch
    ) private returns (uint40 now_) {
        if (id == bytes32(0)) revert LicenceRegistryZeroId();
        LicenceRecord storage record = _s().licences[id];
        if (record.state != LicenceState.None) revert LicenceRegistryAlreadyIssued(id);
        now_ = _time();
        if (expiresAt != 0 && expiresAt <= now_) revert LicenceRegistryInvalidExpiry(expiresAt);
        record.typeId = typeId;
        record.typeVersion = typeVersion;
        record.issuerDepartment = departmentId;
        record.issuedAt = now_;
        record.expiresAt = expiresAt;
        record.state = LicenceState.Issued;
        record.isBatch = isBatch;
    }

    /// @dev Moves a licence, batch member or batch to `newState`, after checking that the caller's
    /// department issued it and that the move is allowed (to Revoked from Issued or Suspended; to
    /// Suspended from Issued; to Issued from Suspended). An untouched batch member gets its own
    /// record, copied from its batch's, in the same single storage write.
    /// Works on the record words ({LicenceRecordWords}) so that revoking a batch member costs one read
    /// of each record and one write; returns the word written.
    function _change(
        bytes32 licenceId,
        bytes32 batchRoot,
        bytes32[] calldata proof,
        LicenceState newState
    ) private returns (uint32 departmentId, LicenceRecordWords.RecordWord word) {
        departmentId = _callerDepartment();
        LicenceRegistryStorage storage $ = _s();
        LicenceRecord storage record = $.licences[licenceId];
        word = record.load();
        if (batchRoot != bytes32(0)) {
            // Named as a batch member: the proof must hold, whether or not it has its own record yet.
            LicenceRecordWords.RecordWord batchWord = _checkedBatchWord(batchRoot, licenceId, proof);
            // An untouched member's own record starts as a copy of the batch's, marked as a member.
            if (word.isEmpty()) word = batchWord.asMemberOf();
        } else if (word.isEmpty()) {
            revert LicenceRegistryUnknownLicence(licenceId);
        }
        uint32 issuer = word.issuerDepartment();
        if (issuer != departmentId) revert LicenceRegistryNotIssuer(licenceId, issuer, departmentId);
        LicenceState state = word.state();
        bool allowed =
            newState == LicenceState.Revoked
                ? state != LicenceState.Revoked
                : (newState == LicenceState.Suspended ? state == LicenceState.Issued : state == LicenceState.Suspended);
        if (!allowed) revert LicenceRegistryInvalidState(licenceId, state);
        word = word.withState(newState);
        record.store(word);
    }

    /// @dev The record word of batch `batchRoot`, after checking it is a batch with `licenceId` in it.
    function _checkedBatchWord(
        bytes32 batchRoot,
        bytes32 licenceId,
        bytes32[] calldata proof
    ) private view returns (LicenceRecordWords.RecordWord batchWord) {
        batchWord = _s().licences[batchRoot].load();
        if (!batchWord.isBatch() || !MerkleProof.verifyCalldata(proof, batchRoot, _batchLeaf(licenceId)))
            revert LicenceRegistryNotInBatch(batchRoot, licenceId);
    }

    /// @dev Status of a licence or member and the record it was read from. A member's own record
    /// (created when it was revoked, suspended or resumed) and its batch's both count: the worse wins.
    /// A member's own record read without its batch is never Valid (its batch may be out of force).
    function _status(
        bytes32 licenceId,
        bytes32 batchRoot,
        bytes32[] calldata proof
    ) private view returns (LicenceStatus status, LicenceRecord memory record) {
        LicenceRegistryStorage storage $ = _s();
        record = $.licences[licenceId];
        if (batchRoot == bytes32(0)) {
            status = _statusOfRecord(record);
            if (record.isBatchMember && status == LicenceStatus.Valid) status = LicenceStatus.Unknown;
            return (status, record);
        }
        LicenceRecord memory batch = $.licences[batchRoot];
        if (!batch.isBatch || !MerkleProof.verifyCalldata(proof, batchRoot, _batchLeaf(licenceId))) {
            return (LicenceStatus.Unknown, record);
        }
        LicenceStatus batchStatus = _statusOfRecord(batch);
        if (record.state == LicenceState.None) return (batchStatus, batch);
        status = _statusOfRecord(record);
        if (batchStatus != LicenceStatus.Valid && status == LicenceStatus.Valid) status = batchStatus;
    }

    function _statusOfRecord(LicenceRecord memory record) private view returns (LicenceStatus) {
        if (record.state == LicenceState.None) return LicenceStatus.Unknown;
        if (record.state == LicenceState.Revoked) return LicenceStatus.Revoked;
        if (record.state == LicenceState.Suspended) return LicenceStatus.Suspended;
        if (record.expiresAt != 0 && _time() >= record.expiresAt) return LicenceStatus.Expired;
        return LicenceStatus.Valid;
    }

    /// @dev Leaf of a licence id in a batch tree: OpenZeppelin StandardMerkleTree encoding ['bytes32'].
    function _batchLeaf(bytes32 licenceId) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(licenceId))));
    }
}
