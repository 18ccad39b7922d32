// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IServiceCatalog} from "../IServiceCatalog.sol";

// Storage slots of a version's material words in the ServiceCatalog: 64 materials
// (`ServiceCatalog.MAX_MATERIALS`), `CatalogueWords.MATERIALS_PER_SLOT` (3) to a slot, rounded up.
uint256 constant MATERIAL_SLOTS = 22;

/// @title CatalogueWords
/// @notice The packed words of the service catalogue, in one place: the catalogue stores each step of a
/// matter version as a {StepWord} and each material as a {MaterialWord} (three to a storage slot), the
/// approval engine reads them (`IServiceCatalog.submissionInfo`, `stepsOf`, `stepOf`, `materialsOf`), and
/// the SDK's catalogue encoder (`sdk/src/actions/catalogue/encode.ts`) is tested against this library.
/// In the manner of OpenZeppelin's `Time.Delay`: a user-defined value type per word, with `pack`, `unpack`
/// and a named accessor per field.
library CatalogueWords {
    /// @notice A step of a matter version: departmentId (bits 0..31), dependsOn (32..63), timeLimit
    /// (64..79), rule (80..239) and, at bit 240, 1 if it is the output step of a version with an output
    /// licence type. A real step word is never 0 (its departmentId is not 0).
    type StepWord is uint256;

    /// @notice A material of a matter version: kind (bits 0..7), licenceTypeId (8..39) and condition
    /// (40..71); the 72 low bits of the word, nothing above.
    type MaterialWord is uint256;

    /// @notice Material words held by one storage slot (72 bits each, from the low end).
    uint256 internal constant MATERIALS_PER_SLOT = 3;

    uint256 private constant _DEPENDS_ON_SHIFT = 32;
    uint256 private constant _TIME_LIMIT_SHIFT = 64;
    uint256 private constant _RULE_SHIFT = 80;
    uint256 private constant _OUTPUT_BIT = 240;
    uint256 private constant _LICENCE_TYPE_SHIFT = 8;
    uint256 private constant _CONDITION_SHIFT = 40;
    uint256 private constant _MATERIAL_BITS = 72;
    uint256 private constant _MATERIAL_MASK = (1 << _MATERIAL_BITS) - 1;

    // ---------------------------------------------------------------- steps

    /// @notice Packs a step's fields into its word.
    function pack(
        uint32 departmentId_,
        uint32 dependsOn_,
        uint16 timeLimit_,
        address rule_,
        bool isOutput_
    ) internal pure returns (StepWord) {
        return
            StepWord.wrap(
                uint256(departmentId_) |
                    (uint256(dependsOn_) << _DEPENDS_ON_SHIFT) |
                    (uint256(timeLimit_) << _TIME_LIMIT_SHIFT) |
                    (uint256(uint160(rule_)) << _RULE_SHIFT) |
                    (isOutput_ ? uint256(1) << _OUTPUT_BIT : 0)
            );
    }

    /// @notice Splits a step word into its fields.
    function unpack(
        StepWord self
    )
        internal
        pure
        returns (uint32 departmentId_, uint32 dependsOn_, uint16 timeLimit_, address rule_, bool isOutput_)
    {
        return (departmentId(self), dependsOn(self), timeLimit(self), rule(self), isOutput(self));
    }

    /// @notice The deciding department (DepartmentRegistry id).
    function departmentId(StepWord self) internal pure returns (uint32) {
        return uint32(StepWord.unwrap(self));
    }

    /// @notice Bit i set: step i must be approved first.
    function dependsOn(StepWord self) internal pure returns (uint32) {
        return uint32(StepWord.unwrap(self) >> _DEPENDS_ON_SHIFT);
    }

    /// @notice The statutory time limit in working days.
    function timeLimit(StepWord self) internal pure returns (uint16) {
        return uint16(StepWord.unwrap(self) >> _TIME_LIMIT_SHIFT);
    }

    /// @notice The rule that may approve the step automatically; 0 = none.
    function rule(StepWord self) internal pure returns (address) {
        return address(uint160(StepWord.unwrap(self) >> _RULE_SHIFT));
    }

    /// @notice Whether the step's department issues the version's output licence.
    function isOutput(StepWord self) internal pure returns (bool) {
        return (StepWord.unwrap(self) >> _OUTPUT_BIT) & 1 == 1;
    }

    // ---------------------------------------------------------------- materials

    /// @notice Packs a material's fields into its word.
    function pack(
        IServiceCatalog.MaterialKind kind_,
        uint32 licenceTypeId_,
        uint32 condition_
    ) internal pure returns (MaterialWord) {
        return
            MaterialWord.wrap(
                uint256(kind_) |
                    (uint256(licenceTypeId_) << _LICENCE_TYPE_SHIFT) |
                    (uint256(condition_) << _CONDITION_SHIFT)
            );
    }

    /// @notice Splits a material word into its fields.
    function unpack(
        MaterialWord self
    ) internal pure returns (IServiceCatalog.MaterialKind kind_, uint32 licenceTypeId_, uint32 condition_) {
        return (kind(self), licenceTypeId(self), condition(self));
    }

    /// @notice Licence from the chain or upload.
    function kind(MaterialWord self) internal pure returns (IServiceCatalog.MaterialKind) {
        return IServiceCatalog.MaterialKind(uint8(MaterialWord.unwrap(self)));
    }

    /// @notice The licence type (LicenceTypeRegistry id) of a licence material; 0 for an upload.
    function licenceTypeId(MaterialWord self) internal pure returns (uint32) {
        return uint32(MaterialWord.unwrap(self) >> _LICENCE_TYPE_SHIFT);
    }

    /// @notice 0 = always required; else the condition flags under which it is required.
    function condition(MaterialWord self) internal pure returns (uint32) {
        return uint32(MaterialWord.unwrap(self) >> _CONDITION_SHIFT);
    }

    /// @notice `slot` with material word `self` placed at `position` (0..MATERIALS_PER_SLOT-1), which
    /// must be empty.
    function placeInSlot(MaterialWord self, uint256 slot, uint256 position) internal pure returns (uint256) {
        return slot | (MaterialWord.unwrap(self) << (_MATERIAL_BITS * position));
    }

    /// @notice The material word at `position` (0..MATERIALS_PER_SLOT-1) of a storage slot.
    function materialInSlot(uint256 slot, uint256 position) internal pure returns (MaterialWord) {
        return MaterialWord.wrap((slot >> (_MATERIAL_BITS * position)) & _MATERIAL_MASK);
    }

    /// @notice The first `count` material words held in `slots`, each slot read once (as `uint256`, the
    /// form `IServiceCatalog` returns them in).
    function readMaterials(
        uint256[MATERIAL_SLOTS] storage slots,
        uint256 count
    ) internal view returns (uint256[] memory words) {
        words = new uint256[](count);
        uint256 slot = 0;
        for (uint256 i = 0; i < count; ++i) {
            uint256 position = i % MATERIALS_PER_SLOT;
            if (position == 0) slot = slots[i / MATERIALS_PER_SLOT];
            words[i] = (slot >> (_MATERIAL_BITS * position)) & _MATERIAL_MASK;
        }
    }

    /// @notice Bit i set in `licences` (`uploads`): material i is an unconditional licence (upload),
    /// the only materials the chain takes. At most 256 materials.
    function unconditionalMasks(
        MaterialWord[] memory materials
    ) internal pure returns (uint256 licences, uint256 uploads) {
        for (uint256 i = 0; i < materials.length; ++i) {
            uint256 word = MaterialWord.unwrap(materials[i]);
            if (uint32(word >> _CONDITION_SHIFT) != 0) continue;
            if (uint8(word) == uint8(IServiceCatalog.MaterialKind.Licence)) licences |= 1 << i;
            else uploads |= 1 << i;
        }
    }

    // ---------------------------------------------------------------- arrays

    /// @notice The step words of an array of `uint256` (as `IServiceCatalog` returns them), without a copy.
    function asStepWords(uint256[] memory words) internal pure returns (StepWord[] memory steps) {
        assembly ("memory-safe") {
            steps := words
        }
    }

    /// @notice The material words of an array of `uint256` (as `IServiceCatalog` returns them), without a copy.
    function asMaterialWords(uint256[] memory words) internal pure returns (MaterialWord[] memory materials) {
        assembly ("memory-safe") {
            materials := words
        }
    }
}
