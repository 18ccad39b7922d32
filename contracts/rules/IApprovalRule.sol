// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IApprovalRule
/// @notice A programmable rule (智能审批规则) that may approve a step of an application at once, where
/// the law allows it. The engine calls `check` when anyone triggers automatic review of a step; if
/// it returns true the step is approved by the rule. Rules are views: they read the registries and
/// the evidence given, and change nothing.
interface IApprovalRule {
    /// @notice What the engine tells a rule about the application.
    struct Context {
        bytes32 applicationId; // ApprovalEngine id
        address applicant; // the applicant (holder of the presented licences)
        uint32 matterId; // ServiceCatalog id
        uint16 matterVersion; // version applied under
        uint8 step; // step index being reviewed
    }

    /// @notice Whether the rule holds for this application, given `evidence` (rule-specific ABI data,
    /// e.g. a licence presentation). Callers treat a revert (e.g. on malformed evidence) as false.
    function check(Context calldata context, bytes calldata evidence) external view returns (bool);

    /// @notice A short, stable description, e.g. "holds a valid licence of type 7".
    function describe() external view returns (string memory);
}
