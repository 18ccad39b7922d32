// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Level, ZeroAddress} from "./Common.sol";
import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";
import {ILicenceTypeRegistry} from "./ILicenceTypeRegistry.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title LicenceTypeRegistry
/// @notice See {ILicenceTypeRegistry}.
contract LicenceTypeRegistry is ILicenceTypeRegistry, OneWindowUpgradeable {
    /// @notice Most fields a licence type may have (a field mask is a uint128).
    uint256 public constant MAX_FIELDS = 128;
    /// @notice Most issuing departments per version.
    uint256 public constant MAX_ISSUERS = 64;
    /// @notice Longest type code, in bytes.
    uint256 public constant MAX_CODE_LENGTH = 48;
    /// @notice Longest type name or field name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 128;

    /// @custom:storage-location erc7201:onewindow.storage.LicenceTypeRegistry
    struct LicenceTypeRegistryStorage {
        IDepartmentRegistry departments;
        uint32 count;
        mapping(uint32 typeId => LicenceType licenceType) types;
        mapping(uint32 typeId => mapping(uint16 version => LicenceTypeVersion data)) versions;
        mapping(uint32 typeId => mapping(uint16 version => mapping(uint32 departmentId => bool allowed))) issuers;
        mapping(bytes32 codeHash => uint32 typeId) byCode;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.LicenceTypeRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xe0e6fb4131212306ddaff5f834227414acca543d761e8567bd99e73178d3ad00;

    function _s() private pure returns (LicenceTypeRegistryStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice Initialises the proxy with its AccessManager and the department registry.
    function initialize(address authority_, IDepartmentRegistry departments) external initializer {
        if (authority_ == address(0) || address(departments) == address(0)) revert ZeroAddress();
        __OneWindow_init(authority_);
        _s().departments = departments;
    }

    /// @inheritdoc ILicenceTypeRegistry
    function registerType(
        string calldata code,
        string calldata name,
        VersionInput calldata firstVersion
    ) external restricted returns (uint32 typeId) {
        LicenceTypeRegistryStorage storage $ = _s();
        uint256 codeLength = bytes(code).length;
        bytes32 codeHash = keccak256(bytes(code));
        if (codeLength == 0 || codeLength > MAX_CODE_LENGTH || $.byCode[codeHash] != 0) {
            revert LicenceTypeRegistryInvalidCode(code);
        }
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) revert LicenceTypeRegistryInvalidName();
        typeId = ++$.count;
        $.byCode[codeHash] = typeId;
        LicenceType storage t = $.types[typeId];
        t.code = code;
        t.name = name;
        emit LicenceTypeRegistered(typeId, code, name);
        _publish(typeId, t, firstVersion);
    }

    /// @inheritdoc ILicenceTypeRegistry
    function publishVersion(uint32 typeId, VersionInput calldata input) external restricted returns (uint16) {
        LicenceType storage t = _type(typeId);
        if (t.deactivatedAt != 0) revert LicenceTypeRegistryTypeInactive(typeId);
        return _publish(typeId, t, input);
    }

    /// @inheritdoc ILicenceTypeRegistry
    function deactivateType(uint32 typeId) external restricted {
        LicenceType storage t = _type(typeId);
        if (t.deactivatedAt != 0) revert LicenceTypeRegistryTypeInactive(typeId);
        uint40 now_ = _time();
        t.deactivatedAt = now_;
        emit LicenceTypeDeactivated(typeId, now_);
    }

    /// @inheritdoc ILicenceTypeRegistry
    function getType(uint32 typeId) external view returns (LicenceType memory) {
        return _type(typeId);
    }

    /// @inheritdoc ILicenceTypeRegistry
    function getVersion(uint32 typeId, uint16 version) external view returns (LicenceTypeVersion memory) {
        LicenceType storage t = _type(typeId);
        if (version == 0 || version > t.currentVersion) revert LicenceTypeRegistryUnknownVersion(typeId, version);
        return _s().versions[typeId][version];
    }

    /// @inheritdoc ILicenceTypeRegistry
    function typeCount() external view returns (uint32) {
        return _s().count;
    }

    /// @inheritdoc ILicenceTypeRegistry
    function typeIdByCode(string calldata code) external view returns (uint32) {
        return _s().byCode[keccak256(bytes(code))];
    }

    /// @inheritdoc ILicenceTypeRegistry
    function issuanceInfo(
        uint32 typeId
    ) external view returns (uint16 currentVersion, uint32 defaultValidity, bool active) {
        LicenceTypeRegistryStorage storage $ = _s();
        LicenceType storage t = $.types[typeId];
        currentVersion = t.currentVersion;
        if (currentVersion == 0) return (0, 0, false);
        defaultValidity = $.versions[typeId][currentVersion].defaultValidity;
        active = t.deactivatedAt == 0;
    }

    /// @inheritdoc ILicenceTypeRegistry
    function isCurrentIssuer(uint32 typeId, uint32 departmentId) external view returns (bool known, bool issuer) {
        LicenceTypeRegistryStorage storage $ = _s();
        uint16 version = $.types[typeId].currentVersion;
        return (version != 0, $.issuers[typeId][version][departmentId]);
    }

    /// @inheritdoc ILicenceTypeRegistry
    function isIssuer(uint32 typeId, uint16 version, uint32 departmentId) external view returns (bool) {
        return _s().issuers[typeId][version][departmentId];
    }

    /// @inheritdoc ILicenceTypeRegistry
    function isAuthorisedIssuerAt(
        uint32 typeId,
        uint16 version,
        uint32 departmentId,
        uint40 timestamp
    ) external view returns (bool) {
        LicenceTypeRegistryStorage storage $ = _s();
        if (!$.issuers[typeId][version][departmentId]) return false; // also false for unknown type or version
        LicenceType storage t = $.types[typeId];
        if (t.deactivatedAt != 0 && timestamp >= t.deactivatedAt) return false;
        if (timestamp < $.versions[typeId][version].publishedAt) return false;
        if (version < t.currentVersion && timestamp >= $.versions[typeId][version + 1].publishedAt) return false;
        return true;
    }

    function _type(uint32 typeId) private view returns (LicenceType storage t) {
        LicenceTypeRegistryStorage storage $ = _s();
        if (typeId == 0 || typeId > $.count) revert LicenceTypeRegistryUnknownType(typeId);
        t = $.types[typeId];
    }

    function _publish(
        uint32 typeId,
        LicenceType storage t,
        VersionInput calldata input
    ) private returns (uint16 version) {
        _checkVersion(input);
        LicenceTypeRegistryStorage storage $ = _s();
        version = ++t.currentVersion;
        uint40 now_ = _time();
        LicenceTypeVersion storage v = $.versions[typeId][version];
        v.level = input.level;
        v.publishedAt = now_;
        v.defaultValidity = input.defaultValidity;
        for (uint256 i = 0; i < input.fieldNames.length; ++i) {
            v.fieldNames.push(input.fieldNames[i]);
        }
        v.issuers = input.issuers;
        for (uint256 i = 0; i < input.issuers.length; ++i) {
            $.issuers[typeId][version][input.issuers[i]] = true;
        }
        emit LicenceTypeVersionPublished(
            typeId,
            version,
            input.level,
            now_,
            input.defaultValidity,
            input.fieldNames,
            input.issuers
        );
    }

    function _checkVersion(VersionInput calldata input) private view {
        if (input.level == Level.None) revert LicenceTypeRegistryInvalidLevel();
        string[] calldata names = input.fieldNames;
        if (names.length == 0 || names.length > MAX_FIELDS) revert LicenceTypeRegistryInvalidField(names.length);
        for (uint256 i = 0; i < names.length; ++i) {
            uint256 length = bytes(names[i]).length;
            if (length == 0 || length > MAX_NAME_LENGTH) revert LicenceTypeRegistryInvalidField(i);
            bytes32 nameHash = keccak256(bytes(names[i]));
            for (uint256 j = 0; j < i; ++j) {
                if (keccak256(bytes(names[j])) == nameHash) revert LicenceTypeRegistryInvalidField(i);
            }
        }
        uint32[] calldata issuers = input.issuers;
        if (issuers.length == 0 || issuers.length > MAX_ISSUERS) revert LicenceTypeRegistryInvalidIssuer(0);
        IDepartmentRegistry departments = _s().departments;
        uint32 count = departments.departmentCount();
        for (uint256 i = 0; i < issuers.length; ++i) {
            uint32 id = issuers[i];
            if (id == 0 || id > count) revert LicenceTypeRegistryInvalidIssuer(id);
            for (uint256 j = 0; j < i; ++j) {
                if (issuers[j] == id) revert LicenceTypeRegistryInvalidIssuer(id);
            }
        }
    }
}
