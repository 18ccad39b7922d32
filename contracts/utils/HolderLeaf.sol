// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title HolderLeaf
/// @notice The Merkle leaf of a licence's `holder` field, as the SDK's `buildLicence` makes it
/// (OpenZeppelin StandardMerkleTree, leaf types ['uint32','string','string','bytes32']: the licence
/// type, the field name "holder", the holder's address as lowercase 0x-hex, the field's salt). One
/// home for the encoding: the licence registry checks a presented licence's holder with it, the
/// approval engine an output licence's.
library HolderLeaf {
    /// @dev The leaf for `holder`.
    function leaf(uint32 typeId, address holder, bytes32 salt) internal pure returns (bytes32) {
        return leaf(typeId, hexOf(holder), salt);
    }

    /// @dev The leaf for a holder written as `holderValue` ({hexOf}).
    function leaf(uint32 typeId, string memory holderValue, bytes32 salt) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(typeId, "holder", holderValue, salt))));
    }

    /// @dev `account` as the holder field writes it: "0x" and 40 lowercase hex digits (what
    /// OpenZeppelin's `Strings.toHexString(address)` gives, in a quarter of its gas).
    function hexOf(address account) internal pure returns (string memory text) {
        text = new string(42);
        assembly ("memory-safe") {
            let start := add(text, 32)
            mstore8(start, 0x30) // "0"
            mstore8(add(start, 1), 0x78) // "x"
            let value := account
            for {
                let i := 41
            } gt(i, 1) {
                i := sub(i, 1)
            } {
                mstore8(add(start, i), byte(and(value, 0xf), "0123456789abcdef"))
                value := shr(4, value)
            }
        }
    }
}
