// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {DepartmentRegistry} from "../DepartmentRegistry.sol";
import {LicenceRegistry} from "../LicenceRegistry.sol";

/// @notice Test-only next versions of registries, to show that an upgrade keeps state.
contract DepartmentRegistryV2Mock is DepartmentRegistry {
    /// @notice Marks the new implementation.
    function upgradeMarker() external pure returns (uint256) {
        return 2;
    }
}

/// @notice Test-only next version of the licence registry.
contract LicenceRegistryV2Mock is LicenceRegistry {
    /// @notice Marks the new implementation.
    function upgradeMarker() external pure returns (uint256) {
        return 2;
    }
}
