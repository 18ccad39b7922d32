// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Merkle
/// @notice Merkle helpers written independently of the contracts, matching OpenZeppelin's
/// StandardMerkleTree (the JS library openzeppelin merkle-tree) and `Hashes.commutativeKeccak256`.
library Merkle {
    /// @dev OpenZeppelin `Hashes.commutativeKeccak256`: the smaller word first.
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @dev Leaf of a licence field: StandardMerkleTree ['uint32','string','string','bytes32'].
    function fieldLeaf(
        uint32 typeId,
        string memory name,
        string memory value,
        bytes32 salt
    ) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(typeId, name, value, salt))));
    }

    /// @dev Leaf of a licence id in a batch: StandardMerkleTree ['bytes32'].
    function batchLeaf(bytes32 licenceId) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(licenceId))));
    }

    /// @dev StandardMerkleTree's tree array: leaves sorted ascending, stored from the end in
    /// reverse order; node i has children 2i+1 and 2i+2; tree[0] is the root.
    function tree(bytes32[] memory leaves) internal pure returns (bytes32[] memory t) {
        uint256 n = leaves.length;
        require(n > 0, "Merkle: no leaves");
        bytes32[] memory sorted = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) sorted[i] = leaves[i];
        // insertion sort (n is small)
        for (uint256 i = 1; i < n; ++i) {
            bytes32 x = sorted[i];
            uint256 j = i;
            while (j > 0 && sorted[j - 1] > x) {
                sorted[j] = sorted[j - 1];
                --j;
            }
            sorted[j] = x;
        }
        t = new bytes32[](2 * n - 1);
        for (uint256 i = 0; i < n; ++i) t[t.length - 1 - i] = sorted[i];
        for (uint256 k = t.length - 1 - n + 1; k > 0; --k) {
            uint256 i = k - 1;
            t[i] = hashPair(t[2 * i + 1], t[2 * i + 2]);
        }
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        return tree(leaves)[0];
    }

    /// @dev StandardMerkleTree's proof of `leaf` (must be one of `leaves`): siblings up to the root.
    function proof(bytes32[] memory leaves, bytes32 leaf) internal pure returns (bytes32[] memory p) {
        bytes32[] memory t = tree(leaves);
        uint256 index = type(uint256).max;
        for (uint256 i = t.length - leaves.length; i < t.length; ++i) {
            if (t[i] == leaf) {
                index = i;
                break;
            }
        }
        require(index != type(uint256).max, "Merkle: leaf not in tree");
        uint256 depth = 0;
        for (uint256 i = index; i > 0; i = (i - 1) / 2) ++depth;
        p = new bytes32[](depth);
        uint256 k = 0;
        for (uint256 i = index; i > 0; i = (i - 1) / 2) {
            p[k++] = t[i % 2 == 1 ? i + 1 : i - 1];
        }
    }
}
