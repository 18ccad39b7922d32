// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ZeroAddress} from "./Common.sol";
import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";
import {ILicenceTypeRegistry} from "./ILicenceTypeRegistry.sol";
import {IServiceCatalog} from "./IServiceCatalog.sol";
import {CatalogueWords, MATERIAL_SLOTS} from "./utils/CatalogueWords.sol";
import {OneWindowUpgradeable} from "./utils/OneWindowUpgradeable.sol";

/// @title ServiceCatalog
/// @notice See {IServiceCatalog}.
/// @dev Each version is stored in the compact form the approval engine reads: one {CatalogueWords}
/// step word per step (it holds the whole `Step`) and three material words per slot. What the engine
/// does not read (material names and consent fields, links, outputs, visits, baseline, publication
/// time) is kept beside it, so `getVersion` returns the full version without storing any field twice.
contract ServiceCatalog is IServiceCatalog, OneWindowUpgradeable {
    using CatalogueWords for CatalogueWords.StepWord;
    using CatalogueWords for CatalogueWords.MaterialWord;

    /// @notice Most steps per version (the approval engine keeps step masks in a uint16).
    uint256 public constant MAX_STEPS = 16;
    /// @notice Most materials per version.
    uint256 public constant MAX_MATERIALS = 64;
    /// @notice Most linked matters per version.
    uint256 public constant MAX_LINKS = 8;
    /// @notice Longest statutory time limit of a step, in working days.
    uint16 public constant MAX_TIME_LIMIT = 1000;
    /// @notice Longest matter code, in bytes.
    uint256 public constant MAX_CODE_LENGTH = 48;
    /// @notice Longest matter name or material name, in bytes (UTF-8: about 40 Chinese characters).
    uint256 public constant MAX_NAME_LENGTH = 128;

    /// @dev Material fields the engine does not read.
    struct MaterialDetail {
        uint32 consentDepartmentId; // department that must be able to read fields of it; 0 = none
        uint128 consentFieldMask; // fields that department reads (bit i = field i of the type)
        string name; // e.g. "营业执照"
    }

    /// @dev A stored version. The first slot is its header; `stepCount` is never 0 for a published one.
    struct VersionRecord {
        uint8 stepCount; // 1..MAX_STEPS
        uint8 materialCount; // 0..MAX_MATERIALS
        uint8 linkCount; // 0..MAX_LINKS
        uint8 outputStep; // step whose department issues the output licence
        uint8 visits; // in-person visits required after the reform
        uint32 outputLicenceTypeId; // licence issued on completion; 0 = none
        uint40 publishedAt; // Unix seconds
        uint16 baselineMaterials; // materials required before the reform
        uint16 baselineWorkingDays; // statutory working days before the reform
        uint8 baselineVisits; // in-person visits before the reform
        CatalogueWords.StepWord[MAX_STEPS] steps; // packed step words
        uint256[MATERIAL_SLOTS] materials; // packed material words, MATERIALS_PER_SLOT per slot
        mapping(uint256 material => MaterialDetail detail) details;
        Link[MAX_LINKS] links;
    }

    /// @custom:storage-location erc7201:onewindow.storage.ServiceCatalog
    struct ServiceCatalogStorage {
        IDepartmentRegistry departments;
        uint32 count;
        ILicenceTypeRegistry licenceTypes;
        mapping(uint32 matterId => Matter matter) matters;
        mapping(uint32 matterId => mapping(uint16 version => VersionRecord record)) versions;
        mapping(bytes32 codeHash => uint32 matterId) byCode;
    }

    // keccak256(abi.encode(uint256(keccak256("onewindow.storage.ServiceCatalog")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0xc785f51886e314f633e7dfc76ec54f8fd27c8803573265b1aeaa826ec4be2800;

    function _s() private pure returns (ServiceCatalogStorage storage $) {
        assembly {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice Initialises the proxy with its AccessManager and the registries it checks against.
    function initialize(
        address authority_,
        IDepartmentRegistry departments,
        ILicenceTypeRegistry licenceTypes
    ) external initializer {
        if (authority_ == address(0) || address(departments) == address(0) || address(licenceTypes) == address(0)) {
            revert ZeroAddress();
        }
        __OneWindow_init(authority_);
        ServiceCatalogStorage storage $ = _s();
        $.departments = departments;
        $.licenceTypes = licenceTypes;
    }

    /// @inheritdoc IServiceCatalog
    /// @dev A new matter is active.
    function registerMatter(
        string calldata code,
        string calldata name,
        VersionInput calldata firstVersion
    ) external restricted returns (uint32 matterId) {
        ServiceCatalogStorage storage $ = _s();
        uint256 codeLength = bytes(code).length;
        bytes32 codeHash = keccak256(bytes(code));
        if (codeLength == 0 || codeLength > MAX_CODE_LENGTH || $.byCode[codeHash] != 0) {
            revert ServiceCatalogInvalidCode(code);
        }
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_LENGTH) revert ServiceCatalogInvalidName();
        matterId = $.count + 1;
        _checkVersion(matterId, firstVersion);
        $.count = matterId;
        $.byCode[codeHash] = matterId;
        Matter storage m = $.matters[matterId];
        m.code = code;
        m.name = name;
        m.active = true;
        emit MatterRegistered(matterId, code, name);
        _publish(matterId, m, firstVersion);
    }

    /// @inheritdoc IServiceCatalog
    /// @dev Also allowed while the matter is closed, so that it reopens with the new version.
    function publishVersion(uint32 matterId, VersionInput calldata input) external restricted returns (uint16) {
        Matter storage m = _matter(matterId);
        _checkVersion(matterId, input);
        return _publish(matterId, m, input);
    }

    /// @inheritdoc IServiceCatalog
    function setMatterActive(uint32 matterId, bool active) external restricted {
        Matter storage m = _matter(matterId);
        if (m.active == active) revert ServiceCatalogActiveUnchanged(matterId, active);
        m.active = active;
        emit MatterActiveChanged(matterId, active);
    }

    /// @inheritdoc IServiceCatalog
    function getMatter(uint32 matterId) external view returns (Matter memory) {
        return _matter(matterId);
    }

    /// @inheritdoc IServiceCatalog
    function getVersion(uint32 matterId, uint16 version) external view returns (MatterVersion memory data) {
        VersionRecord storage v = _version(matterId, version);
        CatalogueWords.StepWord[] memory stepWords = CatalogueWords.asStepWords(_stepWords(v));
        data.steps = new Step[](stepWords.length);
        for (uint256 i = 0; i < stepWords.length; ++i) {
            data.steps[i] = _unpackStep(stepWords[i]);
        }
        CatalogueWords.MaterialWord[] memory materialWords = CatalogueWords.asMaterialWords(_materialWords(v));
        data.materials = new Material[](materialWords.length);
        for (uint256 i = 0; i < materialWords.length; ++i) {
            data.materials[i] = _unpackMaterial(materialWords[i], v.details[i]);
        }
        data.outputLicenceTypeId = v.outputLicenceTypeId;
        data.outputStep = v.outputStep;
        data.visits = v.visits;
        data.links = _links(v);
        data.baseline = Baseline({
            materials: v.baselineMaterials,
            workingDays: v.baselineWorkingDays,
            visits: v.baselineVisits
        });
        data.publishedAt = v.publishedAt;
    }

    /// @inheritdoc IServiceCatalog
    function matterCount() external view returns (uint32) {
        return _s().count;
    }

    /// @inheritdoc IServiceCatalog
    function matterIdByCode(string calldata code) external view returns (uint32) {
        return _s().byCode[keccak256(bytes(code))];
    }

    /// @inheritdoc IServiceCatalog
    /// @dev Never reverts.
    function submissionInfo(
        uint32 matterId
    ) external view returns (uint16 version, uint256[] memory steps, uint256[] memory materials) {
        ServiceCatalogStorage storage $ = _s();
        Matter storage m = $.matters[matterId];
        if (!m.active) return (0, steps, materials); // unknown matters are never active: empty words
        version = m.currentVersion;
        VersionRecord storage v = $.versions[matterId][version];
        steps = _stepWords(v);
        materials = _materialWords(v);
    }

    /// @inheritdoc IServiceCatalog
    /// @dev Reverts if the matter or version is unknown.
    function stepsOf(uint32 matterId, uint16 version) external view returns (uint256[] memory) {
        return _stepWords(_version(matterId, version));
    }

    /// @inheritdoc IServiceCatalog
    /// @dev For the engine's gas, reads the step's word only: 0 (never a real step word, whose
    /// departmentId is not 0) when the matter, version or step does not exist.
    function stepOf(uint32 matterId, uint16 version, uint8 step) external view returns (uint256) {
        if (step >= MAX_STEPS) return 0;
        return CatalogueWords.StepWord.unwrap(_s().versions[matterId][version].steps[step]);
    }

    /// @inheritdoc IServiceCatalog
    /// @dev Reverts if the matter or version is unknown.
    function materialsOf(uint32 matterId, uint16 version) external view returns (uint256[] memory) {
        return _materialWords(_version(matterId, version));
    }

    /// @inheritdoc IServiceCatalog
    /// @dev Reverts if the matter or version is unknown.
    function completionOf(
        uint32 matterId,
        uint16 version
    ) external view returns (uint32 outputLicenceTypeId, uint8 outputStep, Link[] memory links) {
        VersionRecord storage v = _version(matterId, version);
        return (v.outputLicenceTypeId, v.outputStep, _links(v));
    }

    /// @inheritdoc IServiceCatalog
    /// @dev Reverts if the matter or version is unknown. Steps depend on earlier steps only, so one
    /// pass in index order finds the latest finish of every step.
    function durations(
        uint32 matterId,
        uint16 version
    ) external view returns (uint256 criticalPathDays, uint256 sequentialDays) {
        CatalogueWords.StepWord[] memory stepWords = CatalogueWords.asStepWords(
            _stepWords(_version(matterId, version))
        );
        uint256[] memory finish = new uint256[](stepWords.length); // working days from the start
        for (uint256 i = 0; i < stepWords.length; ++i) {
            CatalogueWords.StepWord word = stepWords[i];
            uint256 dependsOn = word.dependsOn();
            uint256 start = 0;
            for (uint256 j = 0; j < i; ++j) {
                if ((dependsOn >> j) & 1 != 0 && finish[j] > start) start = finish[j];
            }
            uint256 timeLimit = word.timeLimit();
            finish[i] = start + timeLimit;
            if (finish[i] > criticalPathDays) criticalPathDays = finish[i];
            sequentialDays += timeLimit;
        }
    }

    function _matter(uint32 matterId) private view returns (Matter storage) {
        ServiceCatalogStorage storage $ = _s();
        if (matterId == 0 || matterId > $.count) revert ServiceCatalogUnknownMatter(matterId);
        return $.matters[matterId];
    }

    /// @dev The stored version; reverts if the matter or version is unknown (reads one slot when it exists).
    function _version(uint32 matterId, uint16 version) private view returns (VersionRecord storage v) {
        v = _s().versions[matterId][version];
        if (v.stepCount == 0) {
            _matter(matterId);
            revert ServiceCatalogUnknownVersion(matterId, version);
        }
    }

    function _publish(uint32 matterId, Matter storage m, VersionInput calldata input) private returns (uint16 version) {
        version = ++m.currentVersion;
        uint40 now_ = _time();
        VersionRecord storage v = _s().versions[matterId][version];
        v.stepCount = uint8(input.steps.length);
        v.materialCount = uint8(input.materials.length);
        v.linkCount = uint8(input.links.length);
        v.outputStep = input.outputStep;
        v.visits = input.visits;
        v.outputLicenceTypeId = input.outputLicenceTypeId;
        v.publishedAt = now_;
        v.baselineMaterials = input.baseline.materials;
        v.baselineWorkingDays = input.baseline.workingDays;
        v.baselineVisits = input.baseline.visits;
        _writeSteps(v, input.steps, input.outputLicenceTypeId == 0 ? type(uint256).max : input.outputStep);
        _writeMaterials(v, input.materials);
        for (uint256 i = 0; i < input.links.length; ++i) {
            v.links[i] = input.links[i];
        }
        emit MatterVersionPublished(matterId, version, input, now_);
    }

    /// @dev `outputStep`: index of the step that names the output licence (max for none): its word
    /// gets the output bit.
    function _writeSteps(VersionRecord storage v, Step[] calldata steps, uint256 outputStep) private {
        for (uint256 i = 0; i < steps.length; ++i) {
            Step calldata s = steps[i];
            v.steps[i] = CatalogueWords.pack(s.departmentId, s.dependsOn, s.timeLimit, s.rule, i == outputStep);
        }
    }

    /// @dev Packs MATERIALS_PER_SLOT material words into each slot and writes each slot once.
    function _writeMaterials(VersionRecord storage v, Material[] calldata materials) private {
        uint256 perSlot = CatalogueWords.MATERIALS_PER_SLOT;
        uint256 slot = 0;
        for (uint256 i = 0; i < materials.length; ++i) {
            Material calldata material = materials[i];
            slot = CatalogueWords.pack(material.kind, material.licenceTypeId, material.condition).placeInSlot(
                slot,
                i % perSlot
            );
            if (i % perSlot == perSlot - 1 || i == materials.length - 1) {
                v.materials[i / perSlot] = slot;
                slot = 0;
            }
            MaterialDetail storage detail = v.details[i];
            if (material.consentDepartmentId != 0) detail.consentDepartmentId = material.consentDepartmentId;
            if (material.consentFieldMask != 0) detail.consentFieldMask = material.consentFieldMask;
            detail.name = material.name;
        }
    }

    function _stepWords(VersionRecord storage v) private view returns (uint256[] memory words) {
        uint256 count = v.stepCount;
        words = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            words[i] = CatalogueWords.StepWord.unwrap(v.steps[i]);
        }
    }

    function _materialWords(VersionRecord storage v) private view returns (uint256[] memory) {
        return CatalogueWords.readMaterials(v.materials, v.materialCount);
    }

    function _links(VersionRecord storage v) private view returns (Link[] memory links) {
        uint256 count = v.linkCount;
        links = new Link[](count);
        for (uint256 i = 0; i < count; ++i) {
            links[i] = v.links[i];
        }
    }

    function _unpackStep(CatalogueWords.StepWord word) private pure returns (Step memory) {
        return
            Step({
                departmentId: word.departmentId(),
                dependsOn: word.dependsOn(),
                timeLimit: word.timeLimit(),
                rule: word.rule()
            });
    }

    function _unpackMaterial(
        CatalogueWords.MaterialWord word,
        MaterialDetail storage detail
    ) private view returns (Material memory) {
        return
            Material({
                kind: word.kind(),
                licenceTypeId: word.licenceTypeId(),
                condition: word.condition(),
                consentDepartmentId: detail.consentDepartmentId,
                consentFieldMask: detail.consentFieldMask,
                name: detail.name
            });
    }

    function _checkVersion(uint32 matterId, VersionInput calldata input) private view {
        _checkSteps(input.steps);
        _checkMaterials(input.materials);
        _checkOutput(input);
        _checkLinks(matterId, input.links);
    }

    /// @dev The output step exists; an output licence type exists and the output step's department is
    /// among the issuers of its current version (else the output licence would fail its issuer check).
    function _checkOutput(VersionInput calldata input) private view {
        uint32 outputType = input.outputLicenceTypeId;
        uint8 outputStep = input.outputStep;
        if (outputStep >= input.steps.length) revert ServiceCatalogInvalidOutput(outputType, outputStep);
        if (outputType == 0) return;
        uint32 departmentId = input.steps[outputStep].departmentId;
        (bool known, bool issuer) = _s().licenceTypes.isCurrentIssuer(outputType, departmentId);
        if (!known) revert ServiceCatalogInvalidOutput(outputType, outputStep);
        if (!issuer) revert ServiceCatalogOutputIssuerNotAuthorised(outputType, outputStep, departmentId);
    }

    function _checkSteps(Step[] calldata steps) private view {
        if (steps.length == 0 || steps.length > MAX_STEPS) revert ServiceCatalogInvalidStepCount(steps.length);
        IDepartmentRegistry departments = _s().departments;
        for (uint256 i = 0; i < steps.length; ++i) {
            Step calldata s = steps[i];
            if (!departments.isActive(s.departmentId)) revert ServiceCatalogUnknownDepartment(i, s.departmentId);
            if (s.dependsOn >> i != 0) revert ServiceCatalogInvalidDependency(i, s.dependsOn); // self or later
            if (s.timeLimit == 0 || s.timeLimit > MAX_TIME_LIMIT) revert ServiceCatalogInvalidTimeLimit(i, s.timeLimit);
            if (s.rule != address(0) && s.rule.code.length == 0) revert ServiceCatalogInvalidRule(i, s.rule);
        }
    }

    /// @dev A licence names an existing type, an upload none; only a licence may name a consent
    /// department, which must exist, and a field mask needs one; the name is 1..MAX_NAME_LENGTH bytes.
    function _checkMaterials(Material[] calldata materials) private view {
        if (materials.length > MAX_MATERIALS) revert ServiceCatalogInvalidMaterialCount(materials.length);
        if (materials.length == 0) return;
        ServiceCatalogStorage storage $ = _s();
        uint32 typeCount = $.licenceTypes.typeCount();
        uint32 departmentCount = $.departments.departmentCount();
        for (uint256 i = 0; i < materials.length; ++i) {
            Material calldata material = materials[i];
            uint32 typeId = material.licenceTypeId;
            uint32 consentDepartment = material.consentDepartmentId;
            bool isLicence = material.kind == MaterialKind.Licence;
            uint256 nameLength = bytes(material.name).length;
            if (
                (isLicence ? typeId == 0 || typeId > typeCount : typeId != 0) ||
                (consentDepartment != 0 && (!isLicence || consentDepartment > departmentCount)) ||
                (material.consentFieldMask != 0 && consentDepartment == 0) ||
                nameLength == 0 ||
                nameLength > MAX_NAME_LENGTH
            ) {
                revert ServiceCatalogInvalidMaterial(i);
            }
        }
    }

    /// @dev At most MAX_LINKS links (beyond, link MAX_LINKS is the invalid one), each to another
    /// existing matter, none twice.
    function _checkLinks(uint32 matterId, Link[] calldata links) private view {
        if (links.length > MAX_LINKS) revert ServiceCatalogInvalidLink(MAX_LINKS, links[MAX_LINKS].matterId);
        uint32 count = _s().count;
        for (uint256 i = 0; i < links.length; ++i) {
            uint32 linked = links[i].matterId;
            if (linked == 0 || linked > count || linked == matterId) revert ServiceCatalogInvalidLink(i, linked);
            for (uint256 j = 0; j < i; ++j) {
                if (links[j].matterId == linked) revert ServiceCatalogInvalidLink(i, linked);
            }
        }
    }
}
