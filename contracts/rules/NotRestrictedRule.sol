// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ZeroAddress} from "../Common.sol";
import {IRestrictionList} from "../IRestrictionList.sol";
import {IApprovalRule} from "./IApprovalRule.sol";

/// @title NotRestrictedRule
/// @notice Holds when the applicant's account is not on restriction list `listCode` (e.g. the court's
/// dishonest-executor list). The listing department lists a person's accounts as
/// `accountSubject(listCode, account)`, so the check needs no personal data: no id number ever
/// reaches the chain, not even hashed, for the people who are not listed. Evidence: none.
contract NotRestrictedRule is IApprovalRule {
    /// @notice Domain tag of account subjects.
    string public constant SUBJECT_TAG = "onewindow.restriction.account.v1";

    /// @notice The restriction list read.
    IRestrictionList public immutable restrictions;
    /// @notice The list's code, e.g. "COURT_DISHONEST_EXECUTOR".
    string public listCode;

    /// @param restrictions_ the RestrictionList (proxy)
    /// @param listCode_ the list's code
    constructor(IRestrictionList restrictions_, string memory listCode_) {
        if (address(restrictions_) == address(0)) revert ZeroAddress();
        restrictions = restrictions_;
        listCode = listCode_;
    }

    /// @notice The subject under which `account` is listed on list `code`.
    function accountSubject(string memory code, address account) public pure returns (bytes32) {
        return keccak256(abi.encode(SUBJECT_TAG, code, account));
    }

    /// @inheritdoc IApprovalRule
    function check(Context calldata context, bytes calldata) external view returns (bool) {
        return !restrictions.isRestricted(accountSubject(listCode, context.applicant));
    }

    /// @inheritdoc IApprovalRule
    function describe() external view returns (string memory) {
        return string.concat("not on restriction list ", listCode);
    }
}
