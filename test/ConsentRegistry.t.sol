// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IConsentRegistry} from "../contracts/IConsentRegistry.sol";

import {PlatformTest} from "./helpers/PlatformTest.sol";

/// @notice Fuzz properties of the ConsentRegistry: expiry, revocation and EIP-712 signatures.
contract ConsentRegistryFuzzTest is PlatformTest {
    uint256 internal constant MAX_WARP = 100 * 365 days;
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant CONSENT_TYPEHASH = keccak256(
        "Consent(address holder,uint32 departmentId,bytes32 licenceId,uint128 fieldMask,bytes32 purpose,uint40 expiresAt,uint256 nonce,uint64 deadline)"
    );

    /// @dev Fuzzed grant inputs (grouped to keep the stack small).
    struct Input {
        uint32 departmentId;
        bytes32 licenceId;
        uint128 fieldMask;
        bytes32 purpose;
        uint256 lifetime;
    }

    // ---------------------------------------------------------------- helpers

    function _separator(uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256("OneWindow ConsentRegistry"),
                    keccak256("1"),
                    chainId,
                    verifyingContract
                )
            );
    }

    function _structHash(IConsentRegistry.DelegatedConsent memory r, uint256 nonce) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    CONSENT_TYPEHASH,
                    r.holder,
                    r.data.departmentId,
                    r.data.licenceId,
                    r.data.fieldMask,
                    r.data.purpose,
                    r.data.expiresAt,
                    nonce,
                    r.deadline
                )
            );
    }

    function _digest(bytes32 separator, bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", separator, structHash));
    }

    function _key(uint256 seed) internal pure returns (uint256) {
        return bound(seed, 1, SECP256K1_N - 1);
    }

    /// @dev Valid consent data from fuzzed input: non-zero licence and mask, expiry in the future.
    function _data(Input memory input) internal view returns (IConsentRegistry.ConsentData memory d) {
        d.departmentId = input.departmentId;
        d.licenceId = input.licenceId == bytes32(0) ? bytes32(uint256(1)) : input.licenceId;
        d.fieldMask = input.fieldMask == 0 ? 1 : input.fieldMask;
        d.purpose = input.purpose;
        d.expiresAt = uint40(block.timestamp + bound(input.lifetime, 1, 10 * 365 days));
    }

    /// @dev A delegated consent signed by `key` over the domain (`chainId`, `verifyingContract`).
    function _signed(
        uint256 key,
        Input memory input,
        uint64 deadline,
        uint256 chainId,
        address verifyingContract
    ) internal view returns (IConsentRegistry.DelegatedConsent memory r) {
        r.data = _data(input);
        r.holder = vm.addr(key);
        r.deadline = deadline;
        bytes32 digest = _digest(_separator(chainId, verifyingContract), _structHash(r, consents.nonces(r.holder)));
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, digest);
        r.signature = abi.encodePacked(rr, s, v);
    }

    function _signedHere(
        uint256 key,
        Input memory input,
        uint64 deadline
    ) internal view returns (IConsentRegistry.DelegatedConsent memory) {
        return _signed(key, input, deadline, block.chainid, address(consents));
    }

    function _deadline(uint256 seed) internal view returns (uint64) {
        return uint64(block.timestamp + bound(seed, 0, 30 days));
    }

    function _granted(
        address holder,
        IConsentRegistry.ConsentData memory d,
        uint128 mask
    ) internal view returns (bool) {
        return consents.isGranted(holder, d.departmentId, d.licenceId, mask, d.purpose);
    }

    /// @dev A non-empty sub-mask of `mask` chosen by `seed`.
    function _subMask(uint128 mask, uint128 seed) internal pure returns (uint128 sub) {
        sub = mask & seed;
        if (sub == 0) sub = mask;
    }

    function _expectInvalid(address holder) internal {
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryInvalidSignature.selector, holder));
    }

    // ---------------------------------------------------------------- domain

    function test_DomainSeparatorAndTypehash() public view {
        assertEq(_separator(block.chainid, address(consents)), consents.domainSeparator(), "domain separator");
        assertEq(CONSENT_TYPEHASH, consents.consentTypehash(), "consent typehash");
    }

    /// @notice The separator follows the chain id (EIP712 recomputes it off the cached chain).
    function testFuzz_DomainSeparatorFollowsChainId(uint64 chainId) public {
        chainId = uint64(bound(chainId, 1, type(uint64).max));
        vm.chainId(chainId);
        assertEq(_separator(chainId, address(consents)), consents.domainSeparator());
    }

    // ---------------------------------------------------------------- expiry and revocation

    /// @notice A consent reads as granted (for its mask and every sub-mask) until expiresAt - 1 and
    /// never from expiresAt on.
    function testFuzz_ExpiredConsentNeverGranted(
        address holder,
        Input memory input,
        uint128 subSeed,
        uint256 afterExpiry
    ) public {
        IConsentRegistry.ConsentData memory d = _data(input);
        uint128 sub = _subMask(d.fieldMask, subSeed);
        vm.prank(holder);
        consents.grant(d);
        assertTrue(_granted(holder, d, d.fieldMask), "granted");
        assertTrue(_granted(holder, d, sub), "sub-mask granted");

        vm.warp(uint256(d.expiresAt) - 1);
        assertTrue(_granted(holder, d, d.fieldMask), "granted just before expiry");

        vm.warp(uint256(d.expiresAt) + bound(afterExpiry, 0, MAX_WARP));
        assertFalse(_granted(holder, d, d.fieldMask), "expired");
        assertFalse(_granted(holder, d, sub), "expired sub-mask");
    }

    /// @notice A revoked consent never reads as granted, now or later, for any mask.
    function testFuzz_RevokedConsentNeverGranted(
        address holder,
        Input memory input,
        uint128 querySeed,
        uint256 warpBefore,
        uint256 warpAfter
    ) public {
        IConsentRegistry.ConsentData memory d = _data(input);
        vm.prank(holder);
        bytes32 id = consents.grant(d);
        assertEq(id, consents.consentId(holder, d.departmentId, d.licenceId, d.purpose));

        vm.warp(block.timestamp + bound(warpBefore, 0, d.expiresAt - block.timestamp - 1));
        vm.prank(holder);
        assertEq(consents.revoke(d.departmentId, d.licenceId, d.purpose), id);
        assertTrue(consents.getConsent(id).revoked);

        vm.warp(block.timestamp + bound(warpAfter, 0, MAX_WARP));
        assertFalse(_granted(holder, d, d.fieldMask), "revoked");
        assertFalse(_granted(holder, d, querySeed), "revoked, any mask");

        vm.prank(holder);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryUnknownConsent.selector, id));
        consents.revoke(d.departmentId, d.licenceId, d.purpose);
    }

    // ---------------------------------------------------------------- signatures

    /// @notice A signature works once: replaying it (as is, or in its malleable high-s form) fails,
    /// also after the holder revoked the consent it granted.
    function testFuzz_SignatureNeverWorksTwice(
        uint256 keySeed,
        Input memory input,
        uint256 deadlineSeed,
        address relayer
    ) public {
        uint256 key = _key(keySeed);
        IConsentRegistry.DelegatedConsent memory r = _signedHere(key, input, _deadline(deadlineSeed));
        vm.assume(r.holder.code.length == 0);

        vm.prank(relayer);
        bytes32 id = consents.grantBySig(r);
        assertEq(id, consents.consentId(r.holder, r.data.departmentId, r.data.licenceId, r.data.purpose));
        assertTrue(_granted(r.holder, r.data, r.data.fieldMask), "granted by signature");
        assertEq(consents.nonces(r.holder), 1, "nonce used");

        _expectInvalid(r.holder);
        vm.prank(relayer);
        consents.grantBySig(r);

        // The same signature in its other (high-s) form.
        IConsentRegistry.DelegatedConsent memory m = r;
        m.signature = _malleate(r.signature);
        _expectInvalid(r.holder);
        vm.prank(relayer);
        consents.grantBySig(m);

        // After the holder revokes, a replay does not bring the consent back.
        vm.prank(r.holder);
        consents.revoke(r.data.departmentId, r.data.licenceId, r.data.purpose);
        _expectInvalid(r.holder);
        consents.grantBySig(r);
        assertFalse(_granted(r.holder, r.data, r.data.fieldMask), "stays revoked");
    }

    function _malleate(bytes memory sig) internal pure returns (bytes memory) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        return abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }

    /// @notice A signature works up to and including its deadline.
    function testFuzz_SignatureWorksUntilDeadline(uint256 keySeed, Input memory input, uint256 deadlineSeed) public {
        uint256 key = _key(keySeed);
        uint64 deadline = _deadline(deadlineSeed);
        input.lifetime = bound(input.lifetime, 30 days + 1, 10 * 365 days); // outlives the deadline
        IConsentRegistry.DelegatedConsent memory r = _signedHere(key, input, deadline);
        vm.assume(r.holder.code.length == 0);
        vm.warp(deadline);
        consents.grantBySig(r);
        assertTrue(_granted(r.holder, r.data, r.data.fieldMask));
    }

    /// @notice A signature never works after its deadline.
    function testFuzz_SignatureNeverAfterDeadline(
        uint256 keySeed,
        Input memory input,
        uint256 deadlineSeed,
        uint256 lateBy
    ) public {
        uint256 key = _key(keySeed);
        uint64 deadline = _deadline(deadlineSeed);
        IConsentRegistry.DelegatedConsent memory r = _signedHere(key, input, deadline);
        vm.warp(uint256(deadline) + bound(lateBy, 1, MAX_WARP));
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryExpiredSignature.selector, deadline));
        consents.grantBySig(r);
        assertEq(consents.nonces(r.holder), 0, "nonce untouched");
    }

    /// @notice A signature over a domain with another chain id never works here.
    function testFuzz_SignatureForOtherChainFails(
        uint256 keySeed,
        Input memory input,
        uint256 deadlineSeed,
        uint256 delta
    ) public {
        uint256 key = _key(keySeed);
        uint64 deadline = _deadline(deadlineSeed);
        uint256 otherChain = block.chainid + bound(delta, 1, type(uint256).max - block.chainid);
        IConsentRegistry.DelegatedConsent memory r = _signed(key, input, deadline, otherChain, address(consents));
        vm.assume(r.holder.code.length == 0);
        _expectInvalid(r.holder);
        consents.grantBySig(r);

        // The same consent signed for this chain works.
        consents.grantBySig(_signedHere(key, input, deadline));
    }

    /// @notice A signature over a domain naming another contract never works here.
    function testFuzz_SignatureForOtherContractFails(
        uint256 keySeed,
        Input memory input,
        uint256 deadlineSeed,
        address otherContract
    ) public {
        vm.assume(otherContract != address(consents));
        uint256 key = _key(keySeed);
        uint64 deadline = _deadline(deadlineSeed);
        IConsentRegistry.DelegatedConsent memory r = _signed(key, input, deadline, block.chainid, otherContract);
        vm.assume(r.holder.code.length == 0);
        _expectInvalid(r.holder);
        consents.grantBySig(r);

        consents.grantBySig(_signedHere(key, input, deadline));
    }

    /// @notice A signature made for this chain fails once the chain id changes (fork replay).
    function testFuzz_SignatureFailsAfterChainIdChange(
        uint256 keySeed,
        Input memory input,
        uint256 deadlineSeed,
        uint64 newChain
    ) public {
        uint256 original = block.chainid;
        newChain = uint64(bound(newChain, 1, type(uint64).max));
        vm.assume(newChain != original);
        uint256 key = _key(keySeed);
        IConsentRegistry.DelegatedConsent memory r = _signedHere(key, input, _deadline(deadlineSeed));
        vm.assume(r.holder.code.length == 0);

        vm.chainId(newChain);
        _expectInvalid(r.holder);
        consents.grantBySig(r);

        vm.chainId(original);
        consents.grantBySig(r);
        assertTrue(_granted(r.holder, r.data, r.data.fieldMask));
    }

    /// @notice A signature by another key, or over other data, never works.
    function testFuzz_SignatureByOtherKeyOrOverOtherDataFails(
        uint256 keySeed,
        uint256 otherKeySeed,
        Input memory input,
        uint256 deadlineSeed,
        bytes32 otherPurpose
    ) public {
        uint256 key = _key(keySeed);
        uint256 otherKey = _key(otherKeySeed);
        vm.assume(key != otherKey);
        uint64 deadline = _deadline(deadlineSeed);

        // Signed by otherKey, claimed for key's address.
        IConsentRegistry.DelegatedConsent memory r = _signedHere(otherKey, input, deadline);
        r.holder = vm.addr(key);
        vm.assume(r.holder.code.length == 0);
        _expectInvalid(r.holder);
        consents.grantBySig(r);

        // Signed by key, data changed after signing.
        r = _signedHere(key, input, deadline);
        vm.assume(otherPurpose != r.data.purpose);
        r.data.purpose = otherPurpose;
        _expectInvalid(r.holder);
        consents.grantBySig(r);
    }
}
