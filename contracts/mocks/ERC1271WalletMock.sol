// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title ERC1271WalletMock
/// @notice Tests only: a contract wallet (EIP-1271) that accepts a signature iff its owner EOA
/// signed the hash, standing in for a department multisig or a smart-account holder.
contract ERC1271WalletMock is IERC1271 {
    /// @notice The EOA whose signatures the wallet accepts.
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        bool valid = err == ECDSA.RecoverError.NoError && recovered == owner;
        // Any value but the magic value (this function's selector) means "invalid".
        return valid ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}
