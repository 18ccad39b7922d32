// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IServiceCatalog
/// @notice Versioned service matters (政务服务事项): the department steps of the approval flow as a
/// DAG (each step lists the earlier steps it depends on and its statutory time limit in working
/// days, and may name a rule that approves it automatically), the materials (a licence type pulled
/// from the chain, or an upload; always required or only under a condition flag), the output licence
/// type, linked matters, the in-person visits required, and the figures before the reform.
/// An application binds to the version current when it was submitted.
interface IServiceCatalog {
    /// @notice Kind of material.
    enum MaterialKind {
        Licence, // a licence of `licenceTypeId` pulled from the chain (presented by its holder)
        Upload // a document uploaded to the exchange; its content hash goes on chain
    }

    /// @notice What happens on completion with a linked matter.
    enum LinkMode {
        Suggest, // the holder is told about it (proactive push, e.g. claim unemployment insurance)
        StartOnConsent // a second party may start it for the holder with the holder's signed consent
    }

    /// @notice One department step of the flow.
    struct Step {
        uint32 departmentId; // deciding department (DepartmentRegistry id)
        uint32 dependsOn; // bit i set: step i (an earlier step) must be approved first
        uint16 timeLimit; // statutory time limit in working days, counted from activation
        address rule; // IApprovalRule that may approve the step automatically; 0 = none
    }

    /// @notice One required material.
    struct Material {
        MaterialKind kind; // licence from the chain or upload
        uint32 licenceTypeId; // LicenceTypeRegistry id for a licence; 0 for an upload
        uint32 condition; // 0 = always required; else required when (application flags & condition) != 0
        uint32 consentDepartmentId; // department that must be able to read fields of it; 0 = none
        uint128 consentFieldMask; // fields that department reads (bit i = field i of the type)
        string name; // e.g. "营业执照" / "消防安全检查合格证明"
    }

    /// @notice A matter linked to this one.
    struct Link {
        uint32 matterId; // the linked matter
        LinkMode mode; // suggest, or start on the holder's consent
    }

    /// @notice Figures before the reform, for the auditors' savings KPIs (0 = not given).
    struct Baseline {
        uint16 materials; // materials required before
        uint16 workingDays; // statutory working days before
        uint8 visits; // in-person visits before
    }

    /// @notice What a catalogue editor gives for a new matter version.
    struct VersionInput {
        Step[] steps; // 1..MAX_STEPS steps, dependencies on earlier steps only
        Material[] materials; // 0..MAX_MATERIALS materials
        uint32 outputLicenceTypeId; // licence issued on completion; 0 = none
        uint8 outputStep; // step whose department issues the output licence
        uint8 visits; // in-person visits required after the reform
        Link[] links; // linked matters
        Baseline baseline; // figures before the reform
    }

    /// @notice A matter (the versions are separate).
    struct Matter {
        string code; // unique code, e.g. "HD-VR-HALL"
        string name; // e.g. "我要开VR体验馆"
        uint16 currentVersion; // latest version (1, 2, …)
        bool active; // inactive matters take no new applications
    }

    /// @notice A stored matter version.
    struct MatterVersion {
        Step[] steps;
        Material[] materials;
        uint32 outputLicenceTypeId;
        uint8 outputStep;
        uint8 visits;
        Link[] links;
        Baseline baseline;
        uint40 publishedAt; // Unix seconds
    }

    /// @notice Emitted when a matter is registered (with its version 1).
    event MatterRegistered(uint32 indexed matterId, string code, string name);
    /// @notice Emitted when a version of a matter is published, with the whole version.
    event MatterVersionPublished(
        uint32 indexed matterId,
        uint16 indexed version,
        VersionInput data,
        uint40 publishedAt
    );
    /// @notice Emitted when a matter is opened or closed to new applications.
    event MatterActiveChanged(uint32 indexed matterId, bool active);

    /// @notice No matter with this id.
    error ServiceCatalogUnknownMatter(uint32 matterId);
    /// @notice No such version.
    error ServiceCatalogUnknownVersion(uint32 matterId, uint16 version);
    /// @notice The code is empty, too long or taken.
    error ServiceCatalogInvalidCode(string code);
    /// @notice The name is empty or too long.
    error ServiceCatalogInvalidName();
    /// @notice No steps, or more than MAX_STEPS.
    error ServiceCatalogInvalidStepCount(uint256 steps);
    /// @notice Step `step` names an unknown or inactive department.
    error ServiceCatalogUnknownDepartment(uint256 step, uint32 departmentId);
    /// @notice Step `step` depends on itself or a later step (`dependsOn` mask given).
    error ServiceCatalogInvalidDependency(uint256 step, uint32 dependsOn);
    /// @notice Step `step` has a time limit of 0 or more than the calendar allows.
    error ServiceCatalogInvalidTimeLimit(uint256 step, uint16 timeLimit);
    /// @notice Step `step` names a rule that is not a contract.
    error ServiceCatalogInvalidRule(uint256 step, address rule);
    /// @notice Material `material` is malformed (licence without type, unknown type, upload with a type, …).
    error ServiceCatalogInvalidMaterial(uint256 material);
    /// @notice Too many materials.
    error ServiceCatalogInvalidMaterialCount(uint256 materials);
    /// @notice The output licence type is unknown, or the output step is out of range.
    error ServiceCatalogInvalidOutput(uint32 licenceTypeId, uint8 outputStep);
    /// @notice The output step's department is not among the issuers of the output licence type's
    /// current version (LicenceTypeRegistry): its output licence would fail the issuer check.
    error ServiceCatalogOutputIssuerNotAuthorised(uint32 licenceTypeId, uint8 outputStep, uint32 departmentId);
    /// @notice Link `link` names an unknown matter or this matter itself.
    error ServiceCatalogInvalidLink(uint256 link, uint32 matterId);
    /// @notice The matter is already in the requested active state.
    error ServiceCatalogActiveUnchanged(uint32 matterId, bool active);

    /// @notice Registers a matter with its version 1. CATALOGUE_EDITOR role.
    function registerMatter(
        string calldata code,
        string calldata name,
        VersionInput calldata firstVersion
    ) external returns (uint32 matterId);

    /// @notice Publishes a new version of a matter. CATALOGUE_EDITOR role.
    function publishVersion(uint32 matterId, VersionInput calldata input) external returns (uint16 version);

    /// @notice Opens or closes a matter to new applications. CATALOGUE_EDITOR role.
    function setMatterActive(uint32 matterId, bool active) external;

    /// @notice The matter; reverts if unknown.
    function getMatter(uint32 matterId) external view returns (Matter memory);

    /// @notice A version of a matter; reverts if unknown.
    function getVersion(uint32 matterId, uint16 version) external view returns (MatterVersion memory);

    /// @notice Number of matters; ids run from 1 to this.
    function matterCount() external view returns (uint32);

    /// @notice Id of the matter with this code, 0 if none.
    function matterIdByCode(string calldata code) external view returns (uint32);

    /// @notice Compact form of the current version of an active matter, for the approval engine:
    /// `version` 0 if the matter is unknown or inactive. The words are `CatalogueWords.StepWord`s and
    /// `CatalogueWords.MaterialWord`s (contracts/utils/CatalogueWords.sol, which has their layout).
    /// Stored packed (one step per slot, three materials per slot) so that a submission reads few slots.
    function submissionInfo(
        uint32 matterId
    ) external view returns (uint16 version, uint256[] memory steps, uint256[] memory materials);

    /// @notice The packed words (as in `submissionInfo`) of every step of a version.
    function stepsOf(uint32 matterId, uint16 version) external view returns (uint256[] memory steps);

    /// @notice The packed word of one step of a version.
    function stepOf(uint32 matterId, uint16 version, uint8 step) external view returns (uint256);

    /// @notice The packed material words of a version.
    function materialsOf(uint32 matterId, uint16 version) external view returns (uint256[] memory materials);

    /// @notice What the engine needs on completion: the output licence type and step, and the links.
    function completionOf(
        uint32 matterId,
        uint16 version
    ) external view returns (uint32 outputLicenceTypeId, uint8 outputStep, Link[] memory links);

    /// @notice The critical path of a version in working days (longest chain of time limits through
    /// the DAG) and the sequential total (sum of all time limits).
    function durations(
        uint32 matterId,
        uint16 version
    ) external view returns (uint256 criticalPathDays, uint256 sequentialDays);
}
