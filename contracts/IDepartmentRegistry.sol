// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {DepartmentKind, Level} from "./Common.sol";

/// @title IDepartmentRegistry
/// @notice Who the departments are: name, level, kind, officers (wallet keys), the m-of-n threshold
/// of their decisions, and the public key that disclosures to the department are encrypted to.
/// @dev Officer changes: only the platform REGISTRAR role, through the AccessManager (with an
/// execution delay in production), may add or remove officers or change a threshold. A
/// department's own officers cannot change its membership, so one stolen officer key cannot
/// enlist more keys. One exception protects against a lost or stolen key: an officer may
/// renounce their own key at once (`renounceOfficer`), as long as the threshold stays reachable.
/// An address is an officer of at most one department.
interface IDepartmentRegistry {
    /// @notice A department as stored.
    struct Department {
        string code; // short unique code, e.g. "HD-SAMR" (ASCII)
        string name; // official name, e.g. "海淀区市场监督管理局"
        Level level; // national, municipal or district
        DepartmentKind kind; // government or public service
        uint8 threshold; // officers' signatures needed for a decision (m of n)
        bool active; // inactive departments cannot act
        uint32 officersEpoch; // increments with every change of the officers (votes in flight lapse)
        bytes encryptionKey; // compressed secp256k1 public key (33 bytes) for ECIES disclosures
        address[] officers; // officers' addresses (n)
    }

    /// @notice What a registrar gives to register or update a department.
    struct DepartmentInput {
        string code; // short unique code (1..32 bytes)
        string name; // official name (1..128 bytes)
        Level level; // national, municipal or district
        DepartmentKind kind; // government or public service
        bytes encryptionKey; // compressed secp256k1 public key, 33 bytes, prefix 0x02 or 0x03
    }

    /// @notice One SM2 public key a department registered to seal its licence files (national
    /// electronic seal, docs/seal.md). Keys are never removed: a key rotated out still checks the
    /// seals made while it was in force.
    struct SealKey {
        bytes32 x; // affine x of the point on the SM2 recommended curve (GB/T 32918.5)
        bytes32 y; // affine y
        uint40 since; // Unix seconds: in force for licences issued at or after this, until the next key's `since`
        uint64 sinceBlock; // block number of the registration
    }

    /// @notice Emitted when a department is registered.
    event DepartmentRegistered(
        uint32 indexed departmentId,
        string code,
        string name,
        Level level,
        DepartmentKind kind,
        bytes encryptionKey,
        address[] officers,
        uint8 threshold
    );

    /// @notice Emitted when a department's code, name, level, kind or key is changed.
    event DepartmentUpdated(
        uint32 indexed departmentId,
        string code,
        string name,
        Level level,
        DepartmentKind kind,
        bytes encryptionKey
    );

    /// @notice Emitted when a department's officers or threshold are changed (whole new set).
    event OfficersChanged(uint32 indexed departmentId, address[] officers, uint8 threshold, address indexed changedBy);

    /// @notice Emitted when an officer renounced their own key.
    event OfficerRenounced(uint32 indexed departmentId, address indexed officer);

    /// @notice Emitted when a department is deactivated or reactivated.
    event DepartmentActiveChanged(uint32 indexed departmentId, bool active);

    /// @notice Emitted when a department's seal key is set: key number `index` (from 0) of its history,
    /// 65 bytes 0x04||x||y, in force from `since` (Unix seconds).
    event SealKeySet(uint32 indexed departmentId, uint32 index, bytes publicKey, uint40 since, address indexed setBy);

    /// @notice Emitted when the set of contracts told about officer changes is replaced.
    event OfficerListenersSet(address[] listeners);

    /// @notice The department code is empty, too long, or taken by another department.
    error DepartmentRegistryInvalidCode(string code);
    /// @notice The department name is empty or too long.
    error DepartmentRegistryInvalidName();
    /// @notice The level is `None` or out of range.
    error DepartmentRegistryInvalidLevel();
    /// @notice The encryption key is not a 33-byte compressed secp256k1 point encoding.
    error DepartmentRegistryInvalidEncryptionKey();
    /// @notice The seal key is not 65 bytes starting 0x04 (an uncompressed point): `length` and `prefix` given.
    error DepartmentRegistryInvalidSealKey(uint256 length, bytes1 prefix);
    /// @notice The seal key's x and y are not a point of the SM2 recommended curve.
    error DepartmentRegistrySealKeyNotOnCurve();
    /// @notice The threshold is 0, or larger than the number of officers.
    error DepartmentRegistryInvalidThreshold(uint8 threshold, uint256 officers);
    /// @notice There are no officers, or more than `MAX_OFFICERS`.
    error DepartmentRegistryInvalidOfficerCount(uint256 officers);
    /// @notice The address is already an officer (of this or another department), or is zero.
    error DepartmentRegistryInvalidOfficer(address officer, uint32 currentDepartmentId);
    /// @notice Renouncing would leave fewer officers than the threshold.
    error DepartmentRegistryThresholdUnreachable(uint32 departmentId, uint8 threshold);
    /// @notice The department is already in the requested active state.
    error DepartmentRegistryActiveUnchanged(uint32 departmentId, bool active);

    /// @notice Registers a department. REGISTRAR role.
    /// @return departmentId the new id (1, 2, 3, …)
    function registerDepartment(
        DepartmentInput calldata input,
        address[] calldata officers,
        uint8 threshold
    ) external returns (uint32 departmentId);

    /// @notice Changes a department's code, name, level, kind and encryption key. REGISTRAR role.
    function updateDepartment(uint32 departmentId, DepartmentInput calldata input) external;

    /// @notice Replaces a department's officers and threshold. REGISTRAR role (see the contract note).
    function setOfficers(uint32 departmentId, address[] calldata officers, uint8 threshold) external;

    /// @notice The caller, an officer, removes their own key from their department at once.
    function renounceOfficer() external;

    /// @notice Sets the department's SM2 seal key (65 bytes, 0x04||x||y, on the SM2 recommended
    /// curve), in force from now on; earlier keys stay in the history. REGISTRAR role, like every
    /// other change of a department's data.
    function setSealKey(uint32 departmentId, bytes calldata publicKey) external;

    /// @notice Deactivates or reactivates a department. REGISTRAR role.
    function setDepartmentActive(uint32 departmentId, bool active) external;

    /// @notice Sets the contracts told (`IOfficerListener`) about every officer change. ADMIN.
    function setOfficerListeners(address[] calldata listeners) external;

    /// @notice Tells `account`'s current state to every listener: anyone may resynchronise one.
    function syncOfficer(address account) external;

    /// @notice The department with id `departmentId`; reverts `UnknownDepartment` if none.
    function getDepartment(uint32 departmentId) external view returns (Department memory);

    /// @notice Every seal key the department registered, oldest first (empty if none).
    function sealKeys(uint32 departmentId) external view returns (SealKey[] memory);

    /// @notice The seal key in force at `time` (Unix seconds; a licence's `issuedAt`): the last key
    /// whose `since` is at or before `time`. `found` is false if the department had none then.
    function sealKeyAt(
        uint32 departmentId,
        uint40 time
    ) external view returns (bool found, uint32 index, SealKey memory key);

    /// @notice Number of departments registered; ids run from 1 to this.
    function departmentCount() external view returns (uint32);

    /// @notice Id of the department with this code, 0 if none.
    function departmentIdByCode(string calldata code) external view returns (uint32);

    /// @notice Whether the department exists and is active.
    function isActive(uint32 departmentId) external view returns (bool);

    /// @notice Whether `account` is an officer of `departmentId` and the department is active.
    function isOfficer(uint32 departmentId, address account) external view returns (bool);

    /// @notice The department `account` is an officer of (0 if none), and whether it is active.
    function departmentOf(address account) external view returns (uint32 departmentId, bool active);

    /// @notice What the approval engine needs to count `account`'s vote: its department (0 if none),
    /// its index among the department's officers, whether the department is active, the threshold
    /// and the officers epoch.
    function voterOf(
        address account
    ) external view returns (uint32 departmentId, uint8 index, bool active, uint8 threshold, uint32 officersEpoch);

    /// @notice The officer-index bitmap of `accounts`, all officers of the active department
    /// `departmentId` (else reverts `NotDepartmentOfficer(account, departmentId)`), with its threshold
    /// and officers epoch.
    function officerMask(
        uint32 departmentId,
        address[] calldata accounts
    ) external view returns (uint32 mask, uint8 threshold, uint32 officersEpoch);

    /// @notice The threshold m of the department's m-of-n decisions.
    function thresholdOf(uint32 departmentId) external view returns (uint8);

    /// @notice The contracts told about officer changes.
    function officerListeners() external view returns (address[] memory);
}

/// @title IOfficerListener
/// @notice A contract that keeps a local copy of who may act for which department (for gas: a call
/// to the registry costs ~12,000 gas, a local read 2,100). The registry tells it about every change.
interface IOfficerListener {
    /// @notice `account` now acts for `departmentId`; 0 means for no department.
    function officerChanged(address account, uint32 departmentId) external;
}
