// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IServiceCatalog} from "../../contracts/IServiceCatalog.sol";
import {CatalogueWords} from "../../contracts/utils/CatalogueWords.sol";

/// @notice Exposes {CatalogueWords} so that test/CatalogueWords.ts can hold the SDK's catalogue encoder
/// to it. Test only; never deployed with the platform.
contract CatalogueWordsHarness {
    using CatalogueWords for CatalogueWords.StepWord;
    using CatalogueWords for CatalogueWords.MaterialWord;

    function packStep(
        uint32 departmentId,
        uint32 dependsOn,
        uint16 timeLimit,
        address rule,
        bool isOutput
    ) external pure returns (uint256) {
        return CatalogueWords.StepWord.unwrap(CatalogueWords.pack(departmentId, dependsOn, timeLimit, rule, isOutput));
    }

    function unpackStep(
        uint256 word
    ) external pure returns (uint32 departmentId, uint32 dependsOn, uint16 timeLimit, address rule, bool isOutput) {
        return CatalogueWords.StepWord.wrap(word).unpack();
    }

    function packMaterial(
        IServiceCatalog.MaterialKind kind,
        uint32 licenceTypeId,
        uint32 condition
    ) external pure returns (uint256) {
        return CatalogueWords.MaterialWord.unwrap(CatalogueWords.pack(kind, licenceTypeId, condition));
    }

    function unpackMaterial(
        uint256 word
    ) external pure returns (IServiceCatalog.MaterialKind kind, uint32 licenceTypeId, uint32 condition) {
        return CatalogueWords.MaterialWord.wrap(word).unpack();
    }

    /// @notice `words` packed MATERIALS_PER_SLOT to a slot, as the catalogue stores them, and read back.
    function roundTripSlots(
        uint256[] calldata words
    ) external pure returns (uint256[] memory slots, uint256[] memory back) {
        uint256 perSlot = CatalogueWords.MATERIALS_PER_SLOT;
        slots = new uint256[]((words.length + perSlot - 1) / perSlot);
        back = new uint256[](words.length);
        for (uint256 i = 0; i < words.length; ++i) {
            slots[i / perSlot] = CatalogueWords.MaterialWord.wrap(words[i]).placeInSlot(
                slots[i / perSlot],
                i % perSlot
            );
        }
        for (uint256 i = 0; i < words.length; ++i) {
            back[i] = CatalogueWords.MaterialWord.unwrap(
                CatalogueWords.materialInSlot(slots[i / perSlot], i % perSlot)
            );
        }
    }
}
