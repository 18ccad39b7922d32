// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";

import {ILicenceRegistry} from "../contracts/ILicenceRegistry.sol";
import {LicenceRecordWords} from "../contracts/utils/LicenceRecordWords.sol";

/// @notice {LicenceRecordWords} is the layout Solidity gives a `LicenceRecord` in storage: `load` and
/// `store` read and write the struct's one slot, and `pack`/`unpack` agree with it; accessors and
/// state changes touch only their own field.
contract LicenceRecordWordsTest is Test {
    using LicenceRecordWords for LicenceRecordWords.RecordWord;

    ILicenceRegistry.LicenceRecord private _stored;

    function _record(
        uint32 typeId,
        uint16 typeVersion,
        uint32 issuerDepartment,
        uint40 issuedAt,
        uint40 expiresAt,
        uint8 state,
        bool isBatch,
        bool isBatchMember
    ) private pure returns (ILicenceRegistry.LicenceRecord memory) {
        return
            ILicenceRegistry.LicenceRecord({
                typeId: typeId,
                typeVersion: typeVersion,
                issuerDepartment: issuerDepartment,
                issuedAt: issuedAt,
                expiresAt: expiresAt,
                state: ILicenceRegistry.LicenceState(bound(state, 0, 3)),
                isBatch: isBatch,
                isBatchMember: isBatchMember
            });
    }

    function testFuzz_packIsTheStructsStorageSlot(
        uint32 typeId,
        uint16 typeVersion,
        uint32 issuerDepartment,
        uint40 issuedAt,
        uint40 expiresAt,
        uint8 state,
        bool isBatch,
        bool isBatchMember
    ) public {
        ILicenceRegistry.LicenceRecord memory r = _record(
            typeId,
            typeVersion,
            issuerDepartment,
            issuedAt,
            expiresAt,
            state,
            isBatch,
            isBatchMember
        );
        _stored = r;
        uint256 slotWord;
        assembly ("memory-safe") {
            slotWord := sload(_stored.slot)
        }
        assertEq(LicenceRecordWords.RecordWord.unwrap(LicenceRecordWords.load(_stored)), slotWord, "load");
        LicenceRecordWords.RecordWord word = LicenceRecordWords.pack(r);
        assertEq(LicenceRecordWords.RecordWord.unwrap(word), slotWord, "pack != the struct's slot");
        assertEq(abi.encode(word.unpack()), abi.encode(r), "unpack(pack(r)) != r");
        assertEq(word.typeId(), r.typeId);
        assertEq(word.issuerDepartment(), r.issuerDepartment);
        assertEq(uint8(word.state()), uint8(r.state));
        assertEq(word.isBatch(), r.isBatch);
        assertEq(word.isBatchMember(), r.isBatchMember);
        assertEq(word.isEmpty(), slotWord == 0);
        delete _stored;
        LicenceRecordWords.store(_stored, word);
        assertEq(abi.encode(_stored), abi.encode(r), "store(pack(r)) reads back as r");
    }

    function testFuzz_withStateAndAsMemberOfChangeOnlyTheirFields(
        uint32 typeId,
        uint16 typeVersion,
        uint32 issuerDepartment,
        uint40 issuedAt,
        uint40 expiresAt,
        uint8 state,
        uint8 newState
    ) public pure {
        ILicenceRegistry.LicenceRecord memory r = _record(
            typeId,
            typeVersion,
            issuerDepartment,
            issuedAt,
            expiresAt,
            state,
            true,
            false
        );
        LicenceRecordWords.RecordWord word = LicenceRecordWords.pack(r);
        r.state = ILicenceRegistry.LicenceState(bound(newState, 0, 3));
        assertEq(abi.encode(word.withState(r.state).unpack()), abi.encode(r), "withState");
        r.isBatch = false;
        r.isBatchMember = true;
        assertEq(
            abi.encode(LicenceRecordWords.pack(r)),
            abi.encode(word.withState(r.state).asMemberOf()),
            "asMemberOf"
        );
    }
}
