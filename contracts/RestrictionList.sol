// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {NotDepartmentOfficer, ZeroAddress, UnknownDepartment} from "./Common.sol";
import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";
import {IRestrictionList} from "./IRestrictionList.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title RestrictionList
/// @notice See {IRestrictionList}.
contract RestrictionList is IRestrictionList, OneWindowUpgradeable {
    /// @custom:storage-location erc7201:onewindow.storage.RestrictionList
    struct RestrictionListStorage {
        IDepartmentRegistry departments;
        mapping(uint32 departmentId => bool allowed) listers;
        mapping(bytes32 subject => Entry entry) entries;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.RestrictionList")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x25e7894b8b1f4c4428af4ea467880cace46352f71e49f3e73c0c46f4c43c4100;

    function _s() private pure returns (RestrictionListStorage storage $) {
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

    /// @inheritdoc IRestrictionList
    function setLister(uint32 departmentId, bool allowed) external restricted {
        RestrictionListStorage storage $ = _s();
        if (departmentId == 0 || departmentId > $.departments.departmentCount()) {
            revert UnknownDepartment(departmentId);
        }
        $.listers[departmentId] = allowed;
        emit ListerSet(departmentId, allowed);
    }

    /// @inheritdoc IRestrictionList
    function list(bytes32 subject, uint16 reason, uint40 expiresAt) external {
        uint32 departmentId = _listerDepartment();
        if (subject == bytes32(0)) revert RestrictionListZeroSubject();
        uint40 now_ = _time();
        if (expiresAt != 0 && expiresAt <= now_) revert RestrictionListInvalidExpiry(expiresAt);
        Entry storage e = _s().entries[subject];
        if (e.listed && e.listedBy != departmentId && !_expired(e)) {
            revert RestrictionListListedByOther(subject, e.listedBy);
        }
        _s().entries[subject] = Entry({
            listedBy: departmentId,
            reason: reason,
            listedAt: now_,
            expiresAt: expiresAt,
            listed: true
        });
        emit SubjectListed(subject, departmentId, reason, now_, expiresAt, msg.sender);
    }

    /// @inheritdoc IRestrictionList
    function unlist(bytes32 subject) external {
        (uint32 departmentId, ) = _s().departments.departmentOf(msg.sender);
        if (departmentId == 0) revert NotDepartmentOfficer(msg.sender, 0);
        Entry storage e = _listedEntry(subject);
        if (e.listedBy != departmentId) revert RestrictionListListedByOther(subject, e.listedBy);
        _unlist(subject, e);
    }

    /// @inheritdoc IRestrictionList
    function unlistByRegistrar(bytes32 subject) external restricted {
        _unlist(subject, _listedEntry(subject));
    }

    /// @inheritdoc IRestrictionList
    function isRestricted(bytes32 subject) external view returns (bool) {
        Entry storage e = _s().entries[subject];
        return e.listed && !_expired(e);
    }

    /// @inheritdoc IRestrictionList
    function getEntry(bytes32 subject) external view returns (Entry memory) {
        return _s().entries[subject];
    }

    /// @inheritdoc IRestrictionList
    function isLister(uint32 departmentId) external view returns (bool) {
        return _s().listers[departmentId];
    }

    /// @dev The caller's department, which must be active and allowed to list.
    function _listerDepartment() private view returns (uint32 departmentId) {
        RestrictionListStorage storage $ = _s();
        bool active;
        (departmentId, active) = $.departments.departmentOf(msg.sender);
        if (departmentId == 0 || !active) revert NotDepartmentOfficer(msg.sender, departmentId);
        if (!$.listers[departmentId]) revert RestrictionListNotLister(msg.sender, departmentId);
    }

    function _listedEntry(bytes32 subject) private view returns (Entry storage e) {
        e = _s().entries[subject];
        if (!e.listed) revert RestrictionListNotListed(subject);
    }

    function _unlist(bytes32 subject, Entry storage e) private {
        e.listed = false;
        emit SubjectUnlisted(subject, e.listedBy, _time(), msg.sender);
    }

    function _expired(Entry storage e) private view returns (bool) {
        return e.expiresAt != 0 && _time() >= e.expiresAt;
    }
}
