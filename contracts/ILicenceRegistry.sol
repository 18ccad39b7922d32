// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title ILicenceRegistry
/// @notice Licence commitments. A licence is a Merkle tree of its fields (OpenZeppelin
/// StandardMerkleTree, leaf = keccak256(keccak256(abi.encode(uint32 typeId, string fieldName,
/// string value, bytes32 salt)))); its id is the tree's root. The holder's address is one of the
/// fields. Only ids, leaf hashes and proofs ever reach the chain: never a field value.
///
/// A batch is one root over many licence ids (leaf = keccak256(keccak256(abi.encode(bytes32
/// licenceId))))), all of one type version, issuer and expiry. Members are revoked, suspended or
/// replaced one by one with a membership proof.
///
/// A licence's verdict has three parts, each reported: integrity (the field proofs match the id),
/// status (issued and not revoked, suspended or expired), issuer (the issuing department was
/// authorised for the type version in force at issue time, per the LicenceTypeRegistry).
interface ILicenceRegistry {
    /// @notice Stored state of a licence or batch root.
    enum LicenceState {
        None, // never issued
        Issued, // in force unless expired
        Suspended, // temporarily not in force
        Revoked // permanently withdrawn (also: replaced)
    }

    /// @notice Status reported by `statusOf` and `verify`.
    enum LicenceStatus {
        Unknown, // not issued, or the batch proof does not hold
        Valid, // issued, in force
        Suspended, // suspended (itself or its batch)
        Revoked, // revoked or replaced (itself or its batch)
        Expired // past its expiry
    }

    /// @notice Why a licence presented by its holder was refused: `checkHeldLicences` reports
    /// NotValid, NotHolder and IssuerNotAuthorised; the approval engine adds WrongType
    /// (`IApprovalEngine.ApprovalEngineInvalidLicence`).
    enum LicenceProblem {
        None, // no problem
        NotValid, // not valid now (not issued, suspended, revoked or expired)
        NotHolder, // its holder field is not the presenter's address
        WrongType, // not of the licence type the material requires
        IssuerNotAuthorised // its issuer was not authorised for its type version at issue time
    }

    /// @notice A licence or batch record; one storage slot.
    struct LicenceRecord {
        uint32 typeId; // LicenceTypeRegistry type id
        uint16 typeVersion; // schema version issued under
        uint32 issuerDepartment; // DepartmentRegistry id of the issuing department
        uint40 issuedAt; // Unix seconds
        uint40 expiresAt; // Unix seconds; 0 = never expires
        LicenceState state; // current state
        bool isBatch; // true for a batch root
        bool isBatchMember; // true for a batch member's own record (made at its first status change)
    }

    /// @notice What `verify` is given: the licence, its batch proof if it is in a batch, and field leaves.
    struct VerifyRequest {
        bytes32 licenceId; // root of the licence's field tree
        bytes32 batchRoot; // batch root it was issued in; 0 for a single licence
        bytes32[] batchProof; // proof of licenceId in batchRoot; empty for a single licence
        bytes32[] leaves; // leaf hashes of the disclosed fields (in multiproof order)
        bytes32[] fieldProof; // OpenZeppelin multiproof of `leaves` against licenceId
        bool[] fieldProofFlags; // multiproof flags
    }

    /// @notice A licence presented by its holder: the licence, its batch proof, and the proof that
    /// its `holder` field is the holder's address (leaf from the record's type id, the field name
    /// "holder", the lowercase 0x-hex address and the salt).
    struct HeldLicence {
        bytes32 licenceId; // root of the licence's field tree
        bytes32 batchRoot; // batch it was issued in; 0 for a single licence
        bytes32[] batchProof; // proof of licenceId in batchRoot
        bytes32 holderSalt; // salt of the holder field (random, not personal data)
        bytes32[] holderProof; // proof of the holder leaf against licenceId
    }

    /// @notice The three-part verdict.
    struct Verdict {
        bool integrity; // field proofs hold against the licence id
        LicenceStatus status; // Valid, or why not
        bool issuerAuthorised; // issuer authorised for the type version at issue time
        LicenceRecord record; // the record status was read from (the batch's for an untouched member)
    }

    /// @notice Emitted when a single licence is issued.
    event LicenceIssued(
        bytes32 indexed licenceId,
        uint32 indexed issuerDepartment,
        uint32 indexed typeId,
        uint16 typeVersion,
        uint40 issuedAt,
        uint40 expiresAt,
        address officer
    );

    /// @notice Emitted when a batch root is issued.
    event BatchIssued(
        bytes32 indexed batchRoot,
        uint32 indexed issuerDepartment,
        uint32 indexed typeId,
        uint16 typeVersion,
        uint40 issuedAt,
        uint40 expiresAt,
        uint32 count,
        address officer
    );

    /// @notice Emitted when a licence, a batch member (batchRoot != 0) or a whole batch is revoked.
    event LicenceRevoked(
        bytes32 indexed licenceId,
        bytes32 indexed batchRoot,
        uint32 indexed issuerDepartment,
        uint16 reason,
        uint40 timestamp,
        address officer
    );

    /// @notice Emitted when a licence, member or batch is suspended.
    event LicenceSuspended(
        bytes32 indexed licenceId,
        bytes32 indexed batchRoot,
        uint32 indexed issuerDepartment,
        uint16 reason,
        uint40 timestamp,
        address officer
    );

    /// @notice Emitted when a suspended licence, member or batch is back in force.
    event LicenceResumed(
        bytes32 indexed licenceId,
        bytes32 indexed batchRoot,
        uint32 indexed issuerDepartment,
        uint40 timestamp,
        address officer
    );

    /// @notice Emitted with `LicenceRevoked` and `LicenceIssued` when a licence is replaced.
    event LicenceReplaced(bytes32 indexed oldLicenceId, bytes32 indexed newLicenceId, uint32 indexed issuerDepartment);

    /// @notice Evidence that a department checked a licence (nothing else is stored).
    event LicenceVerified(
        bytes32 indexed licenceId,
        uint32 indexed verifierDepartment,
        bytes32 indexed purpose,
        uint128 fieldMask,
        uint8 result,
        uint40 timestamp,
        address officer
    );

    /// @notice Emitted when the local copy of an officer's department changes.
    event IssuerOfficerSynced(address indexed account, uint32 indexed departmentId);

    /// @notice The id is zero.
    error LicenceRegistryZeroId();
    /// @notice A licence or batch with this id already exists.
    error LicenceRegistryAlreadyIssued(bytes32 licenceId);
    /// @notice No licence or batch with this id (or the batch proof does not hold).
    error LicenceRegistryUnknownLicence(bytes32 licenceId);
    /// @notice `licenceId` is not in batch `batchRoot` (bad proof, or the root is not a batch).
    error LicenceRegistryNotInBatch(bytes32 batchRoot, bytes32 licenceId);
    /// @notice The caller's department did not issue this licence.
    error LicenceRegistryNotIssuer(bytes32 licenceId, uint32 issuerDepartment, uint32 callerDepartment);
    /// @notice The licence is not in a state that allows this change.
    error LicenceRegistryInvalidState(bytes32 licenceId, LicenceState state);
    /// @notice The expiry is in the past.
    error LicenceRegistryInvalidExpiry(uint40 expiresAt);
    /// @notice A batch must count at least one licence.
    error LicenceRegistryEmptyBatch();
    /// @notice `officerChanged` was called by someone other than the department registry.
    error LicenceRegistryUnauthorizedSync(address caller);

    /// @notice Issues one licence for the caller's department.
    function issue(bytes32 licenceId, uint32 typeId, uint16 typeVersion, uint40 expiresAt) external;

    /// @notice Issues a batch root over `count` licence ids for the caller's department.
    function issueBatch(bytes32 batchRoot, uint32 typeId, uint16 typeVersion, uint40 expiresAt, uint32 count) external;

    /// @notice Issues one licence for `departmentId`. ENGINE role (the approval engine's output licence).
    function issueFor(
        uint32 departmentId,
        bytes32 licenceId,
        uint32 typeId,
        uint16 typeVersion,
        uint40 expiresAt
    ) external;

    /// @notice Revokes a licence (`batchRoot` 0), a batch member (with its proof) or a whole batch
    /// (licenceId = the batch root, `batchRoot` 0). Only the issuing department.
    function revoke(bytes32 licenceId, bytes32 batchRoot, bytes32[] calldata proof, uint16 reason) external;

    /// @notice Suspends a licence, member or batch, as `revoke` names them. Only the issuing department.
    function suspend(bytes32 licenceId, bytes32 batchRoot, bytes32[] calldata proof, uint16 reason) external;

    /// @notice Puts a suspended licence, member or batch back in force. Only the issuing department.
    function resume(bytes32 licenceId, bytes32 batchRoot, bytes32[] calldata proof) external;

    /// @notice Revokes the old licence and issues its correction in one transaction. Only the issuing department.
    function replace(
        bytes32 oldLicenceId,
        bytes32 batchRoot,
        bytes32[] calldata proof,
        bytes32 newLicenceId,
        uint16 newTypeVersion,
        uint40 newExpiresAt,
        uint16 reason
    ) external;

    /// @notice Records the evidence of a check by the caller's department: which licence, for which
    /// purpose (an application id or a hash of the purpose), which fields (mask), and the result bits
    /// (1 integrity, 2 status valid, 4 issuer authorised).
    function recordVerification(bytes32 licenceId, bytes32 purpose, uint128 fieldMask, uint8 result) external;

    /// @notice Told by the department registry that `account` now acts for `departmentId` (0: none).
    function officerChanged(address account, uint32 departmentId) external;

    /// @notice The stored record of a licence or batch root (state None if unknown).
    function getLicence(bytes32 licenceId) external view returns (LicenceRecord memory);

    /// @notice The licence that replaced `licenceId`, 0 if none.
    function replacedBy(bytes32 licenceId) external view returns (bytes32);

    /// @notice Status of a licence, with its batch and proof where it is a batch member. A batch
    /// member asked about without its batch and proof is never Valid: Unknown, or its own state
    /// (Revoked, Suspended, Expired) where that alone already says it is not in force.
    function statusOf(
        bytes32 licenceId,
        bytes32 batchRoot,
        bytes32[] calldata proof
    ) external view returns (LicenceStatus);

    /// @notice Whether the field leaves are in the licence's tree (OpenZeppelin multiproof).
    function verifyFields(
        bytes32 licenceId,
        bytes32[] calldata leaves,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external pure returns (bool);

    /// @notice The three-part verdict.
    function verify(VerifyRequest calldata request) external view returns (Verdict memory);

    /// @notice Checks licences presented by `holder`: for each, its type id and its problem, a
    /// `LicenceProblem` (None, NotValid, NotHolder or IssuerNotAuthorised, checked in that order) as
    /// `uint8`, so that the engine decodes them without a range check per licence.
    function checkHeldLicences(
        address holder,
        HeldLicence[] calldata licences
    ) external view returns (uint32[] memory typeIds, uint8[] memory problems);

    /// @notice The department the local copy says `account` acts for (0: none).
    function issuerDepartmentOf(address account) external view returns (uint32);

    /// @notice The department and licence type registries this registry reads.
    function registries() external view returns (address departmentRegistry, address licenceTypeRegistry);
}
