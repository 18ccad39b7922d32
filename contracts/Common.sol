// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

// Common
// Constants, enums and errors shared by several OneWindow contracts.

// Version of every OneWindow contract; also the EIP-712 domain version.
string constant ONEWINDOW_VERSION = "1";

/// @notice Administrative level of a department or a licence type.
enum Level {
    None, // not set; never valid in a record
    National, // 国家级
    Municipal, // 市级 (Beijing)
    District // 区级 (Haidian)
}

/// @notice Kind of organisation a department is.
enum DepartmentKind {
    Government, // a government department (委办局)
    PublicService // a public-service organisation such as the power supply company
}

/// @notice Platform roles held in the AccessManager. `0` is the AccessManager's own ADMIN_ROLE.
library Roles {
    /// @notice Registers and changes departments and licence types (平台登记员).
    uint64 internal constant REGISTRAR = 1;
    /// @notice Upgrades contract implementations; give it an execution delay in production.
    uint64 internal constant UPGRADER = 2;
    /// @notice Keeps the working-day calendar.
    uint64 internal constant CALENDAR_KEEPER = 3;
    /// @notice Edits the service catalogue.
    uint64 internal constant CATALOGUE_EDITOR = 4;
    /// @notice Held by the approval engine contract: issues output licences for a department.
    uint64 internal constant ENGINE = 5;
}

/// @notice Thrown when an id does not name an existing department.
error UnknownDepartment(uint32 departmentId);

/// @notice Thrown when `account` is not an officer of an active department `departmentId` (0: of any department).
error NotDepartmentOfficer(address account, uint32 departmentId);

/// @notice Thrown when a zero address is given where a contract or account is required.
error ZeroAddress();
