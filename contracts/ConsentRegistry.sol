// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {MulticallUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/MulticallUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {ONEWINDOW_VERSION, ZeroAddress} from "./Common.sol";
import {IConsentRegistry} from "./IConsentRegistry.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title ConsentRegistry
/// @notice See {IConsentRegistry}. `multicall(bytes[])` (OpenZeppelin Multicall: delegatecalls to
/// itself, so `msg.sender` stays the caller) lets a holder grant all the consents of one
/// application in one transaction, i.e. with one wallet signature.
contract ConsentRegistry is
    IConsentRegistry,
    OneWindowUpgradeable,
    EIP712Upgradeable,
    NoncesUpgradeable,
    MulticallUpgradeable
{
    /// @notice EIP-712 domain name.
    string public constant DOMAIN_NAME = "OneWindow ConsentRegistry";

    // keccak256("Consent(address holder,uint32 departmentId,bytes32 licenceId,uint128 fieldMask,bytes32 purpose,uint40 expiresAt,uint256 nonce,uint64 deadline)")
    bytes32 private constant _CONSENT_TYPEHASH = keccak256(
        "Consent(address holder,uint32 departmentId,bytes32 licenceId,uint128 fieldMask,bytes32 purpose,uint40 expiresAt,uint256 nonce,uint64 deadline)"
    );

    /// @custom:storage-location erc7201:onewindow.storage.ConsentRegistry
    struct ConsentRegistryStorage {
        mapping(bytes32 consentId => Consent consent) consents;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.ConsentRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x73b3923761372befdff489dcf71f3765ade4121d61fc832f87704b38f4230700;

    function _s() private pure returns (ConsentRegistryStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice Initialises the proxy with its AccessManager.
    function initialize(address authority_) external initializer {
        if (authority_ == address(0)) revert ZeroAddress();
        __OneWindow_init(authority_);
        __EIP712_init(DOMAIN_NAME, ONEWINDOW_VERSION);
        __Nonces_init();
        __Multicall_init();
    }

    /// @inheritdoc IConsentRegistry
    function grant(ConsentData calldata data) external returns (bytes32) {
        return _grant(msg.sender, data);
    }

    /// @inheritdoc IConsentRegistry
    function grantBySig(DelegatedConsent calldata request) external returns (bytes32) {
        if (request.deadline < _time()) revert ConsentRegistryExpiredSignature(request.deadline);
        ConsentData calldata d = request.data;
        bytes32 structHash = keccak256(
            abi.encode(
                _CONSENT_TYPEHASH,
                request.holder,
                d.departmentId,
                d.licenceId,
                d.fieldMask,
                d.purpose,
                d.expiresAt,
                _useNonce(request.holder),
                request.deadline
            )
        );
        if (!SignatureChecker.isValidSignatureNow(request.holder, _hashTypedDataV4(structHash), request.signature)) {
            revert ConsentRegistryInvalidSignature(request.holder);
        }
        return _grant(request.holder, d);
    }

    /// @inheritdoc IConsentRegistry
    function revoke(uint32 departmentId, bytes32 licenceId, bytes32 purpose) external returns (bytes32 id) {
        id = consentId(msg.sender, departmentId, licenceId, purpose);
        Consent storage c = _s().consents[id];
        if (c.grantedAt == 0 || c.revoked) revert ConsentRegistryUnknownConsent(id);
        c.revoked = true;
        emit ConsentRevoked(id, msg.sender, departmentId, _time());
        _cancelSignatures(msg.sender);
    }

    /// @inheritdoc IConsentRegistry
    function cancelSignatures() external returns (uint256) {
        return _cancelSignatures(msg.sender);
    }

    /// @inheritdoc IConsentRegistry
    function isGranted(
        address holder,
        uint32 departmentId,
        bytes32 licenceId,
        uint128 fieldMask,
        bytes32 purpose
    ) external view returns (bool) {
        Consent storage c = _s().consents[consentId(holder, departmentId, licenceId, purpose)];
        return
            fieldMask != 0 &&
            c.grantedAt != 0 &&
            !c.revoked &&
            _time() < c.expiresAt &&
            (c.fieldMask & fieldMask) == fieldMask;
    }

    /// @inheritdoc IConsentRegistry
    function getConsent(bytes32 id) external view returns (Consent memory) {
        return _s().consents[id];
    }

    /// @inheritdoc IConsentRegistry
    function consentId(
        address holder,
        uint32 departmentId,
        bytes32 licenceId,
        bytes32 purpose
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(holder, departmentId, licenceId, purpose));
    }

    /// @inheritdoc IConsentRegistry
    function nonces(address holder) public view override(IConsentRegistry, NoncesUpgradeable) returns (uint256) {
        return super.nonces(holder);
    }

    /// @inheritdoc IConsentRegistry
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IConsentRegistry
    function consentTypehash() external pure returns (bytes32) {
        return _CONSENT_TYPEHASH;
    }

    function _cancelSignatures(address holder) private returns (uint256 used) {
        used = _useNonce(holder);
        emit ConsentNonceUsed(holder, used);
    }

    function _grant(address holder, ConsentData calldata data) private returns (bytes32 id) {
        if (data.licenceId == bytes32(0)) revert ConsentRegistryZeroLicence();
        if (data.fieldMask == 0) revert ConsentRegistryEmptyFieldMask();
        uint40 now_ = _time();
        if (data.expiresAt <= now_) revert ConsentRegistryInvalidExpiry(data.expiresAt);
        id = consentId(holder, data.departmentId, data.licenceId, data.purpose);
        _s().consents[id] = Consent({
            fieldMask: data.fieldMask,
            grantedAt: now_,
            expiresAt: data.expiresAt,
            revoked: false
        });
        emit ConsentGranted(
            id,
            holder,
            data.departmentId,
            data.licenceId,
            data.fieldMask,
            data.purpose,
            now_,
            data.expiresAt
        );
    }
}
