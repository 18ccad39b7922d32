// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Level, UnknownDepartment, NotDepartmentOfficer, ZeroAddress} from "./Common.sol";
import {IDepartmentRegistry, IOfficerListener} from "./IDepartmentRegistry.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title DepartmentRegistry
/// @notice See {IDepartmentRegistry}.
contract DepartmentRegistry is IDepartmentRegistry, OneWindowUpgradeable {
    /// @notice Most officers one department may have (n of m-of-n).
    uint256 public constant MAX_OFFICERS = 32;
    /// @notice Longest department code, in bytes.
    uint256 public constant MAX_CODE_LENGTH = 32;
    /// @notice Longest department name, in bytes (UTF-8: about 40 Chinese characters).
    uint256 public constant MAX_NAME_LENGTH = 128;
    /// @notice Length of a compressed secp256k1 public key.
    uint256 private constant _COMPRESSED_KEY_LENGTH = 33;
    /// @notice Length of an uncompressed SM2 public key: 0x04 || x (32 bytes) || y (32 bytes).
    uint256 private constant _UNCOMPRESSED_KEY_LENGTH = 65;
    /// @dev SM2 recommended curve y^2 = x^3 + ax + b over F_p, a = p - 3 (GB/T 32918.5-2017).
    uint256 private constant _SM2_P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF;
    uint256 private constant _SM2_B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93;

    /// @dev An officer's department and position in its `officers` array.
    struct Membership {
        uint32 departmentId; // 0 = not an officer
        uint8 index; // position in the department's officers
    }

    /// @custom:storage-location erc7201:onewindow.storage.DepartmentRegistry
    struct DepartmentRegistryStorage {
        uint32 count;
        mapping(uint32 departmentId => Department department) departments;
        mapping(bytes32 codeHash => uint32 departmentId) byCode;
        mapping(address account => Membership membership) officerOf;
        address[] listeners;
        mapping(uint32 departmentId => SealKey[] keys) sealKeys;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.DepartmentRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xf42902fb76a57ca1fa1cc900ffcdbb927985201ae7265db83891e9f92410f400;

    function _s() private pure returns (DepartmentRegistryStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice Initialises the proxy with its AccessManager.
    function initialize(address authority_) external initializer {
        if (authority_ == address(0)) revert ZeroAddress();
        __OneWindow_init(authority_);
    }

    /// @inheritdoc IDepartmentRegistry
    function registerDepartment(
        DepartmentInput calldata input,
        address[] calldata officers,
        uint8 threshold
    ) external restricted returns (uint32 departmentId) {
        DepartmentRegistryStorage storage $ = _s();
        departmentId = ++$.count;
        _checkInput(departmentId, input);
        _checkOfficers(departmentId, officers, threshold);
        Department storage d = $.departments[departmentId];
        _writeInput(departmentId, d, input);
        d.active = true;
        _writeOfficers(departmentId, d, officers, threshold);
        emit DepartmentRegistered(
            departmentId,
            input.code,
            input.name,
            input.level,
            input.kind,
            input.encryptionKey,
            officers,
            threshold
        );
    }

    /// @inheritdoc IDepartmentRegistry
    function updateDepartment(uint32 departmentId, DepartmentInput calldata input) external restricted {
        Department storage d = _department(departmentId);
        _checkInput(departmentId, input);
        delete _s().byCode[keccak256(bytes(d.code))];
        _writeInput(departmentId, d, input);
        emit DepartmentUpdated(departmentId, input.code, input.name, input.level, input.kind, input.encryptionKey);
    }

    /// @inheritdoc IDepartmentRegistry
    function setOfficers(uint32 departmentId, address[] calldata officers, uint8 threshold) external restricted {
        Department storage d = _department(departmentId);
        _clearOfficers(d);
        _checkOfficers(departmentId, officers, threshold);
        _writeOfficers(departmentId, d, officers, threshold);
        emit OfficersChanged(departmentId, officers, threshold, msg.sender);
    }

    /// @inheritdoc IDepartmentRegistry
    function renounceOfficer() external {
        DepartmentRegistryStorage storage $ = _s();
        uint32 departmentId = $.officerOf[msg.sender].departmentId;
        if (departmentId == 0) revert NotDepartmentOfficer(msg.sender, 0);
        Department storage d = $.departments[departmentId];
        if (d.officers.length - 1 < d.threshold) {
            revert DepartmentRegistryThresholdUnreachable(departmentId, d.threshold);
        }
        _removeOfficer(d, msg.sender);
        emit OfficerRenounced(departmentId, msg.sender);
    }

    /// @inheritdoc IDepartmentRegistry
    function setDepartmentActive(uint32 departmentId, bool active) external restricted {
        Department storage d = _department(departmentId);
        if (d.active == active) revert DepartmentRegistryActiveUnchanged(departmentId, active);
        d.active = active;
        uint32 actsFor = active ? departmentId : 0;
        for (uint256 i = 0; i < d.officers.length; ++i) {
            _notify(d.officers[i], actsFor);
        }
        emit DepartmentActiveChanged(departmentId, active);
    }

    /// @inheritdoc IDepartmentRegistry
    function setSealKey(uint32 departmentId, bytes calldata publicKey) external restricted {
        _department(departmentId);
        if (publicKey.length != _UNCOMPRESSED_KEY_LENGTH || publicKey[0] != 0x04) {
            revert DepartmentRegistryInvalidSealKey(publicKey.length, publicKey.length == 0 ? bytes1(0) : publicKey[0]);
        }
        bytes32 x = bytes32(publicKey[1:33]);
        bytes32 y = bytes32(publicKey[33:65]);
        if (!_onSm2Curve(uint256(x), uint256(y))) revert DepartmentRegistrySealKeyNotOnCurve();
        SealKey[] storage keys = _s().sealKeys[departmentId];
        uint40 since = _time();
        keys.push(SealKey({x: x, y: y, since: since, sinceBlock: uint64(block.number)}));
        emit SealKeySet(departmentId, uint32(keys.length - 1), publicKey, since, msg.sender);
    }

    /// @inheritdoc IDepartmentRegistry
    function setOfficerListeners(address[] calldata listeners) external restricted {
        for (uint256 i = 0; i < listeners.length; ++i) {
            if (listeners[i] == address(0)) revert ZeroAddress();
        }
        _s().listeners = listeners;
        emit OfficerListenersSet(listeners);
    }

    /// @inheritdoc IDepartmentRegistry
    function syncOfficer(address account) external {
        (uint32 departmentId, bool active) = departmentOf(account);
        _notify(account, active ? departmentId : 0);
    }

    /// @inheritdoc IDepartmentRegistry
    function getDepartment(uint32 departmentId) external view returns (Department memory) {
        return _department(departmentId);
    }

    /// @inheritdoc IDepartmentRegistry
    function sealKeys(uint32 departmentId) external view returns (SealKey[] memory) {
        return _s().sealKeys[departmentId];
    }

    /// @inheritdoc IDepartmentRegistry
    function sealKeyAt(
        uint32 departmentId,
        uint40 time
    ) external view returns (bool found, uint32 index, SealKey memory key) {
        SealKey[] storage keys = _s().sealKeys[departmentId];
        for (uint256 i = keys.length; i > 0; --i) {
            if (keys[i - 1].since <= time) return (true, uint32(i - 1), keys[i - 1]);
        }
        return (false, 0, key);
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentCount() external view returns (uint32) {
        return _s().count;
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentIdByCode(string calldata code) external view returns (uint32) {
        return _s().byCode[keccak256(bytes(code))];
    }

    /// @inheritdoc IDepartmentRegistry
    function isActive(uint32 departmentId) public view returns (bool) {
        return _s().departments[departmentId].active;
    }

    /// @inheritdoc IDepartmentRegistry
    function isOfficer(uint32 departmentId, address account) external view returns (bool) {
        return departmentId != 0 && _s().officerOf[account].departmentId == departmentId && isActive(departmentId);
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentOf(address account) public view returns (uint32 departmentId, bool active) {
        departmentId = _s().officerOf[account].departmentId;
        active = isActive(departmentId);
    }

    /// @inheritdoc IDepartmentRegistry
    function voterOf(
        address account
    ) external view returns (uint32 departmentId, uint8 index, bool active, uint8 threshold, uint32 officersEpoch) {
        DepartmentRegistryStorage storage $ = _s();
        Membership storage m = $.officerOf[account];
        departmentId = m.departmentId;
        index = m.index;
        Department storage d = $.departments[departmentId];
        return (departmentId, index, d.active, d.threshold, d.officersEpoch);
    }

    /// @inheritdoc IDepartmentRegistry
    function officerMask(
        uint32 departmentId,
        address[] calldata accounts
    ) external view returns (uint32 mask, uint8 threshold, uint32 officersEpoch) {
        DepartmentRegistryStorage storage $ = _s();
        Department storage d = $.departments[departmentId];
        bool active = d.active;
        for (uint256 i = 0; i < accounts.length; ++i) {
            Membership storage m = $.officerOf[accounts[i]];
            if (!active || departmentId == 0 || m.departmentId != departmentId) {
                revert NotDepartmentOfficer(accounts[i], departmentId);
            }
            mask |= uint32(1) << m.index;
        }
        return (mask, d.threshold, d.officersEpoch);
    }

    /// @inheritdoc IDepartmentRegistry
    function thresholdOf(uint32 departmentId) external view returns (uint8) {
        return _department(departmentId).threshold;
    }

    /// @inheritdoc IDepartmentRegistry
    function officerListeners() external view returns (address[] memory) {
        return _s().listeners;
    }

    function _department(uint32 departmentId) private view returns (Department storage d) {
        DepartmentRegistryStorage storage $ = _s();
        if (departmentId == 0 || departmentId > $.count) revert UnknownDepartment(departmentId);
        d = $.departments[departmentId];
    }

    function _checkInput(uint32 departmentId, DepartmentInput calldata input) private view {
        uint256 codeLength = bytes(input.code).length;
        if (codeLength == 0 || codeLength > MAX_CODE_LENGTH) revert DepartmentRegistryInvalidCode(input.code);
        uint32 holder = _s().byCode[keccak256(bytes(input.code))];
        if (holder != 0 && holder != departmentId) revert DepartmentRegistryInvalidCode(input.code);
        uint256 nameLength = bytes(input.name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) revert DepartmentRegistryInvalidName();
        if (input.level == Level.None) revert DepartmentRegistryInvalidLevel();
        bytes calldata key = input.encryptionKey;
        if (key.length != _COMPRESSED_KEY_LENGTH || (key[0] != 0x02 && key[0] != 0x03)) {
            revert DepartmentRegistryInvalidEncryptionKey();
        }
    }

    function _checkOfficers(uint32 departmentId, address[] calldata officers, uint8 threshold) private view {
        if (officers.length == 0 || officers.length > MAX_OFFICERS) {
            revert DepartmentRegistryInvalidOfficerCount(officers.length);
        }
        if (threshold == 0 || threshold > officers.length) {
            revert DepartmentRegistryInvalidThreshold(threshold, officers.length);
        }
        DepartmentRegistryStorage storage $ = _s();
        for (uint256 i = 0; i < officers.length; ++i) {
            address officer = officers[i];
            uint32 current = $.officerOf[officer].departmentId;
            if (officer == address(0) || current != 0) revert DepartmentRegistryInvalidOfficer(officer, current);
            for (uint256 j = 0; j < i; ++j) {
                if (officers[j] == officer) revert DepartmentRegistryInvalidOfficer(officer, departmentId);
            }
        }
    }

    function _writeInput(uint32 departmentId, Department storage d, DepartmentInput calldata input) private {
        d.code = input.code;
        d.name = input.name;
        d.level = input.level;
        d.kind = input.kind;
        d.encryptionKey = input.encryptionKey;
        _s().byCode[keccak256(bytes(input.code))] = departmentId;
    }

    function _writeOfficers(
        uint32 departmentId,
        Department storage d,
        address[] calldata officers,
        uint8 threshold
    ) private {
        DepartmentRegistryStorage storage $ = _s();
        d.officers = officers;
        d.threshold = threshold;
        ++d.officersEpoch;
        uint32 actsFor = d.active ? departmentId : 0;
        for (uint256 i = 0; i < officers.length; ++i) {
            // MAX_OFFICERS (32) keeps the index within uint8 and a uint32 vote mask.
            $.officerOf[officers[i]] = Membership({departmentId: departmentId, index: uint8(i)});
            _notify(officers[i], actsFor);
        }
    }

    function _clearOfficers(Department storage d) private {
        DepartmentRegistryStorage storage $ = _s();
        for (uint256 i = 0; i < d.officers.length; ++i) {
            delete $.officerOf[d.officers[i]];
            _notify(d.officers[i], 0);
        }
        delete d.officers;
    }

    function _removeOfficer(Department storage d, address officer) private {
        DepartmentRegistryStorage storage $ = _s();
        address[] storage officers = d.officers;
        uint256 index = $.officerOf[officer].index;
        address moved = officers[officers.length - 1];
        officers[index] = moved;
        officers.pop();
        if (moved != officer) $.officerOf[moved].index = uint8(index);
        delete $.officerOf[officer];
        ++d.officersEpoch;
        _notify(officer, 0);
    }

    /// @dev Whether (x, y) is a point of the SM2 recommended curve: x, y < p and y^2 = x^3 - 3x + b (mod p).
    function _onSm2Curve(uint256 x, uint256 y) private pure returns (bool) {
        if (x >= _SM2_P || y >= _SM2_P) return false;
        uint256 rhs = addmod(mulmod(mulmod(x, x, _SM2_P), x, _SM2_P), mulmod(_SM2_P - 3, x, _SM2_P), _SM2_P);
        return mulmod(y, y, _SM2_P) == addmod(rhs, _SM2_B, _SM2_P);
    }

    /// @dev Tells every listener that `account` now acts for `departmentId` (0: none).
    function _notify(address account, uint32 departmentId) private {
        address[] storage listeners = _s().listeners;
        for (uint256 i = 0; i < listeners.length; ++i) {
            IOfficerListener(listeners[i]).officerChanged(account, departmentId);
        }
    }
}
