// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Vm} from "forge-std/Vm.sol";

import {IApprovalEngine} from "../../contracts/IApprovalEngine.sol";

/// @title DecisionSigning
/// @notice EIP-712 for the engine's signed decisions, written from the specification (not from the
/// contract): domain name "OneWindow ApprovalEngine", version "1".
library DecisionSigning {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant DECISION_TYPEHASH = keccak256(
        "Decision(bytes32 applicationId,uint8 step,uint8 round,uint8 outcome,uint16 reason,bytes32 outputLicenceId,uint64 deadline)"
    );

    function domainSeparator(uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256("OneWindow ApprovalEngine"),
                    keccak256("1"),
                    chainId,
                    verifyingContract
                )
            );
    }

    function structHash(IApprovalEngine.DecisionData memory d) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DECISION_TYPEHASH,
                    d.applicationId,
                    d.step,
                    d.round,
                    uint8(d.outcome),
                    d.reason,
                    d.outputLicenceId,
                    d.deadline
                )
            );
    }

    function digest(bytes32 domain, IApprovalEngine.DecisionData memory d) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash(d)));
    }

    /// @dev Signatures of `keys` over `hash`, ordered by signer address (strictly ascending, as the
    /// engine requires; the keys must be distinct).
    function sign(
        Vm vm,
        uint256[] memory keys,
        bytes32 hash
    ) internal pure returns (IApprovalEngine.OfficerSignature[] memory sigs) {
        uint256 n = keys.length;
        address[] memory signers = new address[](n);
        uint256[] memory sorted = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            address a = vm.addr(keys[i]);
            uint256 j = i;
            while (j > 0 && signers[j - 1] > a) {
                signers[j] = signers[j - 1];
                sorted[j] = sorted[j - 1];
                --j;
            }
            signers[j] = a;
            sorted[j] = keys[i];
        }
        sigs = new IApprovalEngine.OfficerSignature[](n);
        for (uint256 i = 0; i < n; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(sorted[i], hash);
            sigs[i] = IApprovalEngine.OfficerSignature({signer: signers[i], signature: abi.encodePacked(r, s, v)});
        }
    }
}
