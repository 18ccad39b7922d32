// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IRestrictionList
/// @notice Credit restriction lists (the court's dishonest-executor list 失信被执行人名单, credit
/// restrictions): authorised departments list and unlist hashed subject ids with a reason code and
/// an expiry. A subject id never appears in plaintext: the SDK hashes it with a list-specific
/// domain tag (see `sdk/src/licence/subject.ts`).
interface IRestrictionList {
    /// @notice A listing; one storage slot.
    struct Entry {
        uint32 listedBy; // department that listed the subject
        uint16 reason; // reason code of the listing department
        uint40 listedAt; // Unix seconds
        uint40 expiresAt; // Unix seconds; 0 = until unlisted
        bool listed; // false once unlisted
    }

    /// @notice Emitted when a department is allowed or no longer allowed to list.
    event ListerSet(uint32 indexed departmentId, bool allowed);
    /// @notice Emitted when a subject is listed (or its listing is renewed).
    event SubjectListed(
        bytes32 indexed subject,
        uint32 indexed departmentId,
        uint16 reason,
        uint40 listedAt,
        uint40 expiresAt,
        address officer
    );
    /// @notice Emitted when a subject is unlisted.
    event SubjectUnlisted(bytes32 indexed subject, uint32 indexed departmentId, uint40 timestamp, address officer);

    /// @notice The caller's department is not allowed to list.
    error RestrictionListNotLister(address account, uint32 departmentId);
    /// @notice The subject hash is zero.
    error RestrictionListZeroSubject();
    /// @notice The expiry is in the past.
    error RestrictionListInvalidExpiry(uint40 expiresAt);
    /// @notice The subject is not listed.
    error RestrictionListNotListed(bytes32 subject);
    /// @notice The subject was listed by another department, which alone may unlist or renew it.
    error RestrictionListListedByOther(bytes32 subject, uint32 listedBy);

    /// @notice Allows or disallows a department to list. REGISTRAR role.
    function setLister(uint32 departmentId, bool allowed) external;

    /// @notice An officer of an allowed department lists a subject.
    function list(bytes32 subject, uint16 reason, uint40 expiresAt) external;

    /// @notice An officer of the listing department unlists a subject, even after the department
    /// lost the right to list new subjects (so its listings never get stuck).
    function unlist(bytes32 subject) external;

    /// @notice The platform registrar unlists a subject whatever department listed it (for example
    /// when the listing department was dissolved or deactivated). REGISTRAR role.
    function unlistByRegistrar(bytes32 subject) external;

    /// @notice Whether the subject is listed now (listed and not expired).
    function isRestricted(bytes32 subject) external view returns (bool);

    /// @notice The stored entry.
    function getEntry(bytes32 subject) external view returns (Entry memory);

    /// @notice Whether the department may list.
    function isLister(uint32 departmentId) external view returns (bool);
}
