// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {ZeroAddress} from "../Common.sol";
import {ILicenceRegistry} from "../ILicenceRegistry.sol";
import {IApprovalRule} from "./IApprovalRule.sol";

/// @title HoldsValidLicenceRule
/// @notice Holds when the applicant presents a licence of type `licenceTypeId` that is valid now,
/// whose holder field is the applicant, and whose issuer was authorised (e.g. a valid national
/// high-tech enterprise certificate → Zhongguancun high-tech enterprise certification at once).
/// Evidence: `abi.encode(ILicenceRegistry.HeldLicence)`.
contract HoldsValidLicenceRule is IApprovalRule {
    /// @notice Registry the licence is checked in.
    ILicenceRegistry public immutable licences;
    /// @notice Required licence type.
    uint32 public immutable licenceTypeId;

    /// @param licences_ the LicenceRegistry (proxy)
    /// @param licenceTypeId_ the type the applicant must hold
    constructor(ILicenceRegistry licences_, uint32 licenceTypeId_) {
        if (address(licences_) == address(0)) revert ZeroAddress();
        licences = licences_;
        licenceTypeId = licenceTypeId_;
    }

    /// @inheritdoc IApprovalRule
    function check(Context calldata context, bytes calldata evidence) external view returns (bool) {
        ILicenceRegistry.HeldLicence[] memory held = new ILicenceRegistry.HeldLicence[](1);
        held[0] = abi.decode(evidence, (ILicenceRegistry.HeldLicence));
        (uint32[] memory typeIds, uint8[] memory problems) = licences.checkHeldLicences(context.applicant, held);
        return problems[0] == uint8(ILicenceRegistry.LicenceProblem.None) && typeIds[0] == licenceTypeId;
    }

    /// @inheritdoc IApprovalRule
    function describe() external view returns (string memory) {
        return string.concat("holds a valid licence of type ", Strings.toString(licenceTypeId));
    }
}
