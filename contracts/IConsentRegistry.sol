// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IConsentRegistry
/// @notice A holder's grants: department D may read fields F (a mask over the licence type's
/// fields) of licence L for purpose P (an application id) until expiry. Granted directly by the
/// holder or by anyone carrying the holder's EIP-712 signature (EOA or EIP-1271 contract wallet).
/// One grant per (holder, department, licence, purpose): granting again replaces it.
interface IConsentRegistry {
    /// @notice What the holder grants.
    struct ConsentData {
        uint32 departmentId; // grantee department (DepartmentRegistry id)
        bytes32 licenceId; // licence whose fields may be read
        uint128 fieldMask; // bit i = field i of the licence type version
        bytes32 purpose; // application id, or a hash of the stated purpose
        uint40 expiresAt; // Unix seconds; must be in the future
    }

    /// @notice A grant carried by someone else with the holder's signature.
    struct DelegatedConsent {
        ConsentData data; // what is granted
        address holder; // who grants (and signed)
        uint64 deadline; // Unix seconds after which the signature is void
        bytes signature; // EIP-712 signature over Consent (see CONSENT_TYPEHASH)
    }

    /// @notice A stored grant; one storage slot.
    struct Consent {
        uint128 fieldMask; // fields granted
        uint40 grantedAt; // Unix seconds
        uint40 expiresAt; // Unix seconds
        bool revoked; // revoked by the holder
    }

    /// @notice Emitted when a consent is granted or replaced.
    event ConsentGranted(
        bytes32 indexed consentId,
        address indexed holder,
        uint32 indexed departmentId,
        bytes32 licenceId,
        uint128 fieldMask,
        bytes32 purpose,
        uint40 grantedAt,
        uint40 expiresAt
    );

    /// @notice Emitted when a holder uses up a nonce, voiding signatures over it.
    event ConsentNonceUsed(address indexed holder, uint256 nonce);

    /// @notice Emitted when the holder revokes a consent.
    event ConsentRevoked(
        bytes32 indexed consentId,
        address indexed holder,
        uint32 indexed departmentId,
        uint40 timestamp
    );

    /// @notice The field mask is empty.
    error ConsentRegistryEmptyFieldMask();
    /// @notice The expiry is not in the future.
    error ConsentRegistryInvalidExpiry(uint40 expiresAt);
    /// @notice The licence id is zero.
    error ConsentRegistryZeroLicence();
    /// @notice The signature's deadline has passed.
    error ConsentRegistryExpiredSignature(uint64 deadline);
    /// @notice The signature is not the holder's for this data, nonce, chain and contract.
    error ConsentRegistryInvalidSignature(address holder);
    /// @notice The caller has no unrevoked consent with this id.
    error ConsentRegistryUnknownConsent(bytes32 consentId);

    /// @notice The caller grants a consent.
    function grant(ConsentData calldata data) external returns (bytes32 consentId);

    /// @notice Anyone submits a consent signed by the holder.
    function grantBySig(DelegatedConsent calldata request) external returns (bytes32 consentId);

    /// @notice The holder (caller) revokes their consent to `departmentId` for `licenceId` and `purpose`.
    /// Revoking also uses up the holder's current nonce, so a signed grant still in flight (signed
    /// before the revoke, not yet submitted) can no longer be submitted: sign again if wanted.
    function revoke(uint32 departmentId, bytes32 licenceId, bytes32 purpose) external returns (bytes32 consentId);

    /// @notice The caller uses up their current nonce: every signed grant not yet submitted is void.
    function cancelSignatures() external returns (uint256 usedNonce);

    /// @notice Whether `holder` grants `departmentId` every field of `fieldMask` of `licenceId` for
    /// `purpose`, now (not revoked, not expired).
    function isGranted(
        address holder,
        uint32 departmentId,
        bytes32 licenceId,
        uint128 fieldMask,
        bytes32 purpose
    ) external view returns (bool);

    /// @notice The stored consent (zero if none).
    function getConsent(bytes32 consentId) external view returns (Consent memory);

    /// @notice The deterministic id of a consent.
    function consentId(
        address holder,
        uint32 departmentId,
        bytes32 licenceId,
        bytes32 purpose
    ) external pure returns (bytes32);

    /// @notice The next signature nonce of `holder`.
    function nonces(address holder) external view returns (uint256);

    /// @notice The EIP-712 domain separator (name "OneWindow ConsentRegistry", version "1").
    function domainSeparator() external view returns (bytes32);

    /// @notice keccak256("Consent(address holder,uint32 departmentId,bytes32 licenceId,uint128 fieldMask,bytes32 purpose,uint40 expiresAt,uint256 nonce,uint64 deadline)")
    function consentTypehash() external pure returns (bytes32);
}
