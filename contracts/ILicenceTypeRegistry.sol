// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Level} from "./Common.sol";

/// @title ILicenceTypeRegistry
/// @notice Which licence types exist: versioned schemas with field names, level, the departments
/// authorised to issue them, and a default validity. A licence names the type version it was issued
/// under; a version is in force from its publication until the next version's (or deactivation).
/// The issuer part of a licence's verdict asks this registry whether the issuing department was
/// authorised for the version in force when the licence was issued (`isAuthorisedIssuerAt`).
interface ILicenceTypeRegistry {
    /// @notice A licence type (the versions are separate).
    struct LicenceType {
        string code; // short unique code, e.g. "BUSINESS_LICENCE"
        string name; // e.g. "营业执照 Business licence"
        uint16 currentVersion; // latest published version (1, 2, …)
        uint40 deactivatedAt; // Unix seconds; 0 while active
    }

    /// @notice One version of a licence type's schema.
    struct LicenceTypeVersion {
        Level level; // national, municipal or district
        uint40 publishedAt; // Unix seconds
        uint32 defaultValidity; // seconds from issue to expiry; 0 = no expiry
        string[] fieldNames; // field i is bit i of a field mask; at most MAX_FIELDS
        uint32[] issuers; // departments authorised to issue under this version
    }

    /// @notice What a registrar gives for a new type or version.
    struct VersionInput {
        Level level; // national, municipal or district
        uint32 defaultValidity; // seconds; 0 = no expiry
        string[] fieldNames; // unique, non-empty, 1..MAX_FIELDS names
        uint32[] issuers; // existing department ids, unique, at least one
    }

    /// @notice Emitted when a licence type is registered (with its version 1).
    event LicenceTypeRegistered(uint32 indexed typeId, string code, string name);

    /// @notice Emitted when a version of a type is published (version 1 included).
    event LicenceTypeVersionPublished(
        uint32 indexed typeId,
        uint16 indexed version,
        Level level,
        uint40 publishedAt,
        uint32 defaultValidity,
        string[] fieldNames,
        uint32[] issuers
    );

    /// @notice Emitted when a type is deactivated: no licence issued after this verifies.
    event LicenceTypeDeactivated(uint32 indexed typeId, uint40 deactivatedAt);

    /// @notice No licence type with this id.
    error LicenceTypeRegistryUnknownType(uint32 typeId);
    /// @notice No such version of the type.
    error LicenceTypeRegistryUnknownVersion(uint32 typeId, uint16 version);
    /// @notice The code is empty, too long, or taken.
    error LicenceTypeRegistryInvalidCode(string code);
    /// @notice The name is empty or too long.
    error LicenceTypeRegistryInvalidName();
    /// @notice The level is `None` or out of range.
    error LicenceTypeRegistryInvalidLevel();
    /// @notice No fields, too many, or field `index` is empty, too long or repeated.
    error LicenceTypeRegistryInvalidField(uint256 index);
    /// @notice No issuers, or issuer `departmentId` is unknown or repeated.
    error LicenceTypeRegistryInvalidIssuer(uint32 departmentId);
    /// @notice The type is deactivated and cannot get new versions or be deactivated again.
    error LicenceTypeRegistryTypeInactive(uint32 typeId);

    /// @notice Registers a type with its version 1. REGISTRAR role.
    function registerType(
        string calldata code,
        string calldata name,
        VersionInput calldata firstVersion
    ) external returns (uint32 typeId);

    /// @notice Publishes a new version of a type, in force from now. REGISTRAR role.
    function publishVersion(uint32 typeId, VersionInput calldata input) external returns (uint16 version);

    /// @notice Deactivates a type from now on. REGISTRAR role.
    function deactivateType(uint32 typeId) external;

    /// @notice The type; reverts if unknown.
    function getType(uint32 typeId) external view returns (LicenceType memory);

    /// @notice A version of a type; reverts if unknown.
    function getVersion(uint32 typeId, uint16 version) external view returns (LicenceTypeVersion memory);

    /// @notice Number of types; ids run from 1 to this.
    function typeCount() external view returns (uint32);

    /// @notice Id of the type with this code, 0 if none.
    function typeIdByCode(string calldata code) external view returns (uint32);

    /// @notice What an issuer needs now: the current version, its default validity, and whether the
    /// type is active (false, with zeros, for an unknown type).
    function issuanceInfo(
        uint32 typeId
    ) external view returns (uint16 currentVersion, uint32 defaultValidity, bool active);

    /// @notice Whether the type exists and whether `departmentId` is among the issuers of its current
    /// version (what the service catalogue checks of a matter's output step).
    function isCurrentIssuer(uint32 typeId, uint32 departmentId) external view returns (bool known, bool issuer);

    /// @notice Whether `departmentId` may issue under `version` (regardless of time).
    function isIssuer(uint32 typeId, uint16 version, uint32 departmentId) external view returns (bool);

    /// @notice Whether `departmentId` was authorised to issue the type under `version` at time `at`:
    /// the version exists, was in force at `at` (published, not yet superseded, type not yet
    /// deactivated) and lists the department. Unknown ids give false, never a revert.
    function isAuthorisedIssuerAt(
        uint32 typeId,
        uint16 version,
        uint32 departmentId,
        uint40 timestamp
    ) external view returns (bool);
}
