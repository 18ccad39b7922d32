// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IApprovalRule} from "./IApprovalRule.sol";

/// @title CompositeRule
/// @notice All-of or any-of over other rules. Evidence: `abi.encode(bytes[])`, one entry per rule,
/// in order. A rule that reverts does not hold.
contract CompositeRule is IApprovalRule {
    /// @notice The rules combined.
    IApprovalRule[] private _rules;
    /// @notice True: every rule must hold; false: at least one.
    bool public immutable allOf;

    /// @notice No rules given.
    error CompositeRuleEmpty();

    /// @param rules_ the rules combined (at least one)
    /// @param allOf_ true for all-of, false for any-of
    constructor(IApprovalRule[] memory rules_, bool allOf_) {
        if (rules_.length == 0) revert CompositeRuleEmpty();
        _rules = rules_;
        allOf = allOf_;
    }

    /// @notice The rules combined.
    function rules() external view returns (IApprovalRule[] memory) {
        return _rules;
    }

    /// @inheritdoc IApprovalRule
    function check(Context calldata context, bytes calldata evidence) external view returns (bool) {
        bytes[] memory parts = evidence.length == 0 ? new bytes[](_rules.length) : abi.decode(evidence, (bytes[]));
        if (parts.length != _rules.length) return false;
        for (uint256 i = 0; i < _rules.length; ++i) {
            bool holds;
            try _rules[i].check(context, parts[i]) returns (bool result) {
                holds = result;
            } catch {
                holds = false;
            }
            if (allOf && !holds) return false;
            if (!allOf && holds) return true;
        }
        return allOf;
    }

    /// @inheritdoc IApprovalRule
    function describe() external view returns (string memory text) {
        text = allOf ? "all of (" : "any of (";
        for (uint256 i = 0; i < _rules.length; ++i) {
            text = string.concat(text, i == 0 ? "" : "; ", _rules[i].describe());
        }
        text = string.concat(text, ")");
    }
}
