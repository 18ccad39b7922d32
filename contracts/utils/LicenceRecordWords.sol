// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ILicenceRegistry} from "../ILicenceRegistry.sol";

/// @title LicenceRecordWords
/// @notice A licence or batch record (`ILicenceRegistry.LicenceRecord`, one storage slot) as one word,
/// so that a status change reads each record once and writes it once (`load`, `store`) without
/// Solidity's read-modify-write per field. In the manner of OpenZeppelin's `Time.Delay`: a user-defined
/// value type with `pack`, `unpack` and a named accessor per field the registry reads.
library LicenceRecordWords {
    /// @notice A record: typeId (bits 0..31), typeVersion (32..47), issuerDepartment (48..79),
    /// issuedAt (80..119), expiresAt (120..159), state (160..167), isBatch (168..175) and
    /// isBatchMember (176..183). This is the layout Solidity gives the `LicenceRecord` struct in one
    /// slot (fields from the low end in declaration order), so records stored as the struct read the
    /// same. 0 for a record never written.
    type RecordWord is uint256;

    uint256 private constant _TYPE_VERSION_SHIFT = 32;
    uint256 private constant _ISSUER_SHIFT = 48;
    uint256 private constant _ISSUED_AT_SHIFT = 80;
    uint256 private constant _EXPIRES_AT_SHIFT = 120;
    uint256 private constant _STATE_SHIFT = 160;
    uint256 private constant _IS_BATCH_SHIFT = 168;
    uint256 private constant _IS_BATCH_MEMBER_SHIFT = 176;

    /// @notice Packs a record into its word.
    function pack(ILicenceRegistry.LicenceRecord memory record) internal pure returns (RecordWord) {
        return
            RecordWord.wrap(
                uint256(record.typeId) |
                    (uint256(record.typeVersion) << _TYPE_VERSION_SHIFT) |
                    (uint256(record.issuerDepartment) << _ISSUER_SHIFT) |
                    (uint256(record.issuedAt) << _ISSUED_AT_SHIFT) |
                    (uint256(record.expiresAt) << _EXPIRES_AT_SHIFT) |
                    (uint256(record.state) << _STATE_SHIFT) |
                    (_bit(record.isBatch) << _IS_BATCH_SHIFT) |
                    (_bit(record.isBatchMember) << _IS_BATCH_MEMBER_SHIFT)
            );
    }

    /// @notice The word of a stored record (0 for a record never written): its one slot, read once.
    function load(ILicenceRegistry.LicenceRecord storage record) internal view returns (RecordWord word) {
        assembly ("memory-safe") {
            word := sload(record.slot)
        }
    }

    /// @notice Writes a record as its word, in one storage write.
    function store(ILicenceRegistry.LicenceRecord storage record, RecordWord word) internal {
        assembly ("memory-safe") {
            sstore(record.slot, word)
        }
    }

    /// @notice The record a word holds.
    function unpack(RecordWord self) internal pure returns (ILicenceRegistry.LicenceRecord memory record) {
        uint256 word = RecordWord.unwrap(self);
        record.typeId = uint32(word);
        record.typeVersion = uint16(word >> _TYPE_VERSION_SHIFT);
        record.issuerDepartment = uint32(word >> _ISSUER_SHIFT);
        record.issuedAt = uint40(word >> _ISSUED_AT_SHIFT);
        record.expiresAt = uint40(word >> _EXPIRES_AT_SHIFT);
        record.state = state(self);
        record.isBatch = isBatch(self);
        record.isBatchMember = isBatchMember(self);
    }

    /// @notice Whether the record was never written.
    function isEmpty(RecordWord self) internal pure returns (bool) {
        return RecordWord.unwrap(self) == 0;
    }

    /// @notice LicenceTypeRegistry type id.
    function typeId(RecordWord self) internal pure returns (uint32) {
        return uint32(RecordWord.unwrap(self));
    }

    /// @notice DepartmentRegistry id of the issuing department.
    function issuerDepartment(RecordWord self) internal pure returns (uint32) {
        return uint32(RecordWord.unwrap(self) >> _ISSUER_SHIFT);
    }

    /// @notice Current state.
    /// @dev Without the compiler's enum range check: a record word only ever holds a state written
    /// from a `LicenceState` (`pack`, `withState`), and a check costs the registry's status changes gas.
    function state(RecordWord self) internal pure returns (ILicenceRegistry.LicenceState state_) {
        assembly ("memory-safe") {
            state_ := and(shr(_STATE_SHIFT, self), 0xff)
        }
    }

    /// @notice True for a batch root.
    function isBatch(RecordWord self) internal pure returns (bool) {
        return uint8(RecordWord.unwrap(self) >> _IS_BATCH_SHIFT) != 0;
    }

    /// @notice True for a batch member's own record.
    function isBatchMember(RecordWord self) internal pure returns (bool) {
        return uint8(RecordWord.unwrap(self) >> _IS_BATCH_MEMBER_SHIFT) != 0;
    }

    /// @notice The same record in `newState`.
    function withState(RecordWord self, ILicenceRegistry.LicenceState newState) internal pure returns (RecordWord) {
        return
            RecordWord.wrap(
                (RecordWord.unwrap(self) & ~(uint256(0xff) << _STATE_SHIFT)) | (uint256(newState) << _STATE_SHIFT)
            );
    }

    /// @notice A batch member's first own record, from its batch's: the same, not a batch, a member.
    function asMemberOf(RecordWord batch) internal pure returns (RecordWord) {
        return
            RecordWord.wrap(
                (RecordWord.unwrap(batch) & ~(uint256(0xff) << _IS_BATCH_SHIFT)) |
                    (uint256(1) << _IS_BATCH_MEMBER_SHIFT)
            );
    }

    function _bit(bool value) private pure returns (uint256) {
        return value ? 1 : 0;
    }
}
