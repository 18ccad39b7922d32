// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {ONEWINDOW_VERSION} from "../Common.sol";

/// @title OneWindowUpgradeable
/// @notice Base of every OneWindow contract: managed by one AccessManager, upgradeable behind an
/// ERC-1967 proxy (UUPS), and reading time from one overridable `_time()`.
/// @dev Upgrades are `restricted`: the AccessManager decides who may upgrade (the UPGRADER role, with
/// an execution delay in production).
abstract contract OneWindowUpgradeable is Initializable, AccessManagedUpgradeable, UUPSUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice The contract version; equal to the EIP-712 domain version where there is one.
    function version() external pure returns (string memory) {
        return ONEWINDOW_VERSION;
    }

    function __OneWindow_init(address authority_) internal onlyInitializing {
        __AccessManaged_init(authority_);
    }

    /// @dev The current time in Unix seconds. Every time-dependent rule reads it from here.
    function _time() internal view virtual returns (uint40) {
        return uint40(block.timestamp);
    }

    /// @inheritdoc UUPSUpgradeable
    function _authorizeUpgrade(address) internal override restricted {}
}
