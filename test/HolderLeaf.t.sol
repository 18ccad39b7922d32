// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Test} from "forge-std/Test.sol";

import {HolderLeaf} from "../contracts/utils/HolderLeaf.sol";
import {Merkle} from "./helpers/Merkle.sol";

/// @notice The holder leaf is the licence format's: the address as OpenZeppelin writes it
/// (lowercase 0x-hex) and the field leaf as the independent Merkle helper builds it.
contract HolderLeafTest is Test {
    function testFuzz_hexOfIsLowercaseHex(address account) public pure {
        assertEq(HolderLeaf.hexOf(account), Strings.toHexString(account));
    }

    function test_hexOfEdges() public pure {
        assertEq(HolderLeaf.hexOf(address(0)), "0x0000000000000000000000000000000000000000");
        assertEq(HolderLeaf.hexOf(address(type(uint160).max)), "0xffffffffffffffffffffffffffffffffffffffff");
    }

    function testFuzz_leafIsTheHolderFieldLeaf(uint32 typeId, address holder, bytes32 salt) public pure {
        assertEq(
            HolderLeaf.leaf(typeId, holder, salt),
            Merkle.fieldLeaf(typeId, "holder", Strings.toHexString(holder), salt)
        );
    }
}
