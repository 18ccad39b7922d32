// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IApprovalRule} from "../rules/IApprovalRule.sol";

/// @title RuleMock
/// @notice Tests only: an approval rule whose verdict is set by the test.
contract RuleMock is IApprovalRule {
    /// @notice What `check` returns.
    bool public result;

    /// @notice Emitted when the verdict is changed.
    event ResultSet(bool result);

    constructor(bool result_) {
        result = result_;
    }

    /// @notice Sets what `check` returns.
    function setResult(bool result_) external {
        result = result_;
        emit ResultSet(result_);
    }

    /// @inheritdoc IApprovalRule
    function check(Context calldata, bytes calldata) external view returns (bool) {
        return result;
    }

    /// @inheritdoc IApprovalRule
    function describe() external pure returns (string memory) {
        return "test rule with a settable verdict";
    }
}
