// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ApprovalEngine} from "../../contracts/ApprovalEngine.sol";
import {Roles} from "../../contracts/Common.sol";
import {IApprovalEngine} from "../../contracts/IApprovalEngine.sol";
import {IDepartmentRegistry} from "../../contracts/IDepartmentRegistry.sol";
import {ILicenceRegistry} from "../../contracts/ILicenceRegistry.sol";
import {ILicenceTypeRegistry} from "../../contracts/ILicenceTypeRegistry.sol";
import {IServiceCatalog} from "../../contracts/IServiceCatalog.sol";
import {IWorkingCalendar} from "../../contracts/IWorkingCalendar.sol";
import {ServiceCatalog} from "../../contracts/ServiceCatalog.sol";
import {WorkingCalendar} from "../../contracts/WorkingCalendar.sol";

import {DecisionSigning} from "./DecisionSigning.sol";
import {PlatformTest} from "./PlatformTest.sol";
import {RoleMap} from "./RoleMap.sol";

/// @title EnginePlatformTest
/// @notice PlatformTest plus what the approval engine needs, deployed as the Ignition module does:
/// WorkingCalendar (Beijing time), ServiceCatalog and ApprovalEngine behind ERC1967Proxy, the roles of
/// ignition/modules/roles.ts (CALENDAR_KEEPER, CATALOGUE_EDITOR, ENGINE granted to the engine,
/// UPGRADER on every proxy). Adds the departments of the VR hall flow to PlatformTest's
/// (1 SAMR 2-of-3, 2 HOUSING 1-of-1, 3 COURT 1-of-1): 4 HEALTH, 5 FIRE, 6 ECOLOGY (1-of-1 each) and
/// 7 CULTURE (3-of-5), and licence type 2 ENTERTAINMENT_LICENCE issued by CULTURE.
abstract contract EnginePlatformTest is PlatformTest {
    uint256 internal constant HEALTH_KEY = 0x4EA1;
    uint256 internal constant FIRE_KEY = 0xF14E;
    uint256 internal constant ECOLOGY_KEY = 0xEC0;
    uint256 internal constant CULTURE_KEY_1 = 0xC01;
    uint256 internal constant CULTURE_KEY_2 = 0xC02;
    uint256 internal constant CULTURE_KEY_3 = 0xC03;
    uint256 internal constant CULTURE_KEY_4 = 0xC04;
    uint256 internal constant CULTURE_KEY_5 = 0xC05;
    /// @dev An account that is nobody's officer.
    uint256 internal constant OUTSIDER_KEY = 0x0D7;

    uint32 internal constant SAMR = ISSUER_DEPT; // 2 of 3
    uint32 internal constant HOUSING = OTHER_DEPT; // 1 of 1
    uint32 internal constant HEALTH = 4; // 1 of 1
    uint32 internal constant FIRE = 5; // 1 of 1
    uint32 internal constant ECOLOGY = 6; // 1 of 1
    uint32 internal constant CULTURE = 7; // 3 of 5
    uint32 internal constant ENTERTAINMENT_TYPE = 2;

    /// @dev Condition flag of a VR hall application handled by an agent (power of attorney required).
    uint32 internal constant HANDLED_BY_AGENT = 2;

    /// @dev Beijing time, UTC+8, in seconds.
    int32 internal constant BEIJING = 8 hours;

    WorkingCalendar internal calendar;
    ServiceCatalog internal catalog;
    ApprovalEngine internal engine;

    function setUp() public virtual override {
        super.setUp();
        calendar = WorkingCalendar(
            _proxy(
                address(new WorkingCalendar()),
                abi.encodeCall(WorkingCalendar.initialize, (address(manager), BEIJING))
            )
        );
        catalog = ServiceCatalog(
            _proxy(
                address(new ServiceCatalog()),
                abi.encodeCall(
                    ServiceCatalog.initialize,
                    (
                        address(manager),
                        IDepartmentRegistry(address(departments)),
                        ILicenceTypeRegistry(address(licenceTypes))
                    )
                )
            )
        );
        engine = ApprovalEngine(
            _proxy(
                address(new ApprovalEngine()),
                abi.encodeCall(
                    ApprovalEngine.initialize,
                    (
                        address(manager),
                        ApprovalEngine.Registries({
                            departments: IDepartmentRegistry(address(departments)),
                            licences: ILicenceRegistry(address(licences)),
                            licenceTypes: ILicenceTypeRegistry(address(licenceTypes)),
                            catalog: IServiceCatalog(address(catalog)),
                            calendar: IWorkingCalendar(address(calendar))
                        })
                    )
                )
            )
        );
        _wireEngineRoles();
        _registerEngineDepartments();

        uint32[] memory issuers = new uint32[](1);
        issuers[0] = CULTURE;
        require(
            licenceTypes.registerType(
                "ENTERTAINMENT_LICENCE",
                unicode"娱乐经营许可证 Entertainment licence",
                _versionInput(issuers)
            ) == ENTERTAINMENT_TYPE
        );
    }

    // ---------------------------------------------------------------- deployment

    /// @dev The roles of ignition/modules/roles.ts that PlatformTest does not wire yet (test/helpers/RoleMap.sol).
    function _wireEngineRoles() internal {
        RoleMap.wireWorkingCalendar(manager, address(calendar));
        RoleMap.wireServiceCatalog(manager, address(catalog));
        RoleMap.wireApprovalEngine(manager, address(engine));

        manager.grantRole(Roles.CALENDAR_KEEPER, address(this), 0);
        manager.grantRole(Roles.CATALOGUE_EDITOR, address(this), 0);
        // The engine issues output licences on behalf of the output step's department.
        manager.grantRole(Roles.ENGINE, address(engine), 0);
    }

    function _registerEngineDepartments() internal {
        _register("HD-HEALTH", unicode"海淀区卫生健康委员会", HEALTH, 1);
        _register("HD-FIRE", unicode"海淀区消防救援支队", FIRE, 1);
        _register("HD-ECOLOGY", unicode"北京市生态环境局海淀分局", ECOLOGY, 1);
        _register("HD-CULTURE", unicode"海淀区文化和旅游局", CULTURE, 3);
    }

    function _register(string memory code, string memory name, uint32 id, uint8 threshold) internal {
        uint256[] memory keys = _officerKeys(id);
        address[] memory officers = new address[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) officers[i] = vm.addr(keys[i]);
        require(departments.registerDepartment(_deptInput(code, name, id), officers, threshold) == id);
    }

    // ---------------------------------------------------------------- world

    /// @dev The officers' private keys of a department, in registration order (index = officer index).
    function _officerKeys(uint32 departmentId) internal pure returns (uint256[] memory keys) {
        if (departmentId == SAMR) {
            keys = new uint256[](3);
            (keys[0], keys[1], keys[2]) = (ISSUER_KEY_1, ISSUER_KEY_2, ISSUER_KEY_3);
        } else if (departmentId == CULTURE) {
            keys = new uint256[](5);
            (keys[0], keys[1], keys[2], keys[3], keys[4]) = (
                CULTURE_KEY_1,
                CULTURE_KEY_2,
                CULTURE_KEY_3,
                CULTURE_KEY_4,
                CULTURE_KEY_5
            );
        } else {
            keys = new uint256[](1);
            if (departmentId == HOUSING) keys[0] = OTHER_KEY;
            else if (departmentId == COURT_DEPT) keys[0] = COURT_KEY;
            else if (departmentId == HEALTH) keys[0] = HEALTH_KEY;
            else if (departmentId == FIRE) keys[0] = FIRE_KEY;
            else if (departmentId == ECOLOGY) keys[0] = ECOLOGY_KEY;
            else revert("EnginePlatformTest: unknown department");
        }
    }

    function _step(
        uint32 departmentId,
        uint32 dependsOn,
        uint16 timeLimit,
        address rule
    ) internal pure returns (IServiceCatalog.Step memory) {
        return
            IServiceCatalog.Step({departmentId: departmentId, dependsOn: dependsOn, timeLimit: timeLimit, rule: rule});
    }

    function _upload(string memory name, uint32 condition) internal pure returns (IServiceCatalog.Material memory) {
        return
            IServiceCatalog.Material({
                kind: IServiceCatalog.MaterialKind.Upload,
                licenceTypeId: 0,
                condition: condition,
                consentDepartmentId: 0,
                consentFieldMask: 0,
                name: name
            });
    }

    /// @dev The VR hall flow of test/helpers/haidian.ts: step 0 SAMR; steps 1 HOUSING, 2 HEALTH (with
    /// `healthRule`), 4 ECOLOGY after 0; step 3 FIRE after 1; step 5 CULTURE after 1, 2, 3, 4, issuing
    /// the entertainment licence. Materials: uploads only (0 always, 1 when handled by an agent).
    function _vrHallMatter(address healthRule) internal pure returns (IServiceCatalog.VersionInput memory v) {
        v.steps = new IServiceCatalog.Step[](6);
        v.steps[0] = _step(SAMR, 0, 3, address(0));
        v.steps[1] = _step(HOUSING, 1 << 0, 8, address(0));
        v.steps[2] = _step(HEALTH, 1 << 0, 12, healthRule);
        v.steps[3] = _step(FIRE, 1 << 1, 6, address(0));
        v.steps[4] = _step(ECOLOGY, 1 << 0, 9, address(0));
        v.steps[5] = _step(CULTURE, (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4), 9, address(0));
        v.materials = new IServiceCatalog.Material[](2);
        v.materials[0] = _upload(unicode"VR体验馆申请材料", 0);
        v.materials[1] = _upload(unicode"授权委托书（代办）", HANDLED_BY_AGENT);
        v.outputLicenceTypeId = ENTERTAINMENT_TYPE;
        v.outputStep = 5;
        v.visits = 1;
        v.baseline = IServiceCatalog.Baseline({materials: 41, workingDays: 47, visits: 6});
    }

    /// @dev An upload-only submission: one upload for each of the first `uploads` materials, the
    /// condition flags `conditions` committed with a salt derived from the matter (and no
    /// conditional material declared).
    function _uploadSubmission(
        uint32 matterId,
        uint32 conditions,
        uint256 uploads
    ) internal pure returns (IApprovalEngine.Submission memory s) {
        s.matterId = matterId;
        s.conditionsCommitment = keccak256(
            abi.encode(conditions, keccak256(abi.encode("salt", matterId)), new uint8[](0), new bytes32[](0))
        );
        s.uploads = new IApprovalEngine.Upload[](uploads);
        for (uint256 i = 0; i < uploads; ++i) {
            s.uploads[i] = IApprovalEngine.Upload({
                material: uint8(i),
                contentHash: keccak256(abi.encode("upload", matterId, i))
            });
        }
    }

    // ---------------------------------------------------------------- signed decisions

    /// @dev The engine's domain separator computed from the specification.
    function _engineDomain() internal view returns (bytes32) {
        return DecisionSigning.domainSeparator(block.chainid, address(engine));
    }

    /// @dev Signatures of `keys` over `d` under `domain`, sorted by signer.
    function _signDecision(
        uint256[] memory keys,
        IApprovalEngine.DecisionData memory d,
        bytes32 domain
    ) internal pure returns (IApprovalEngine.OfficerSignature[] memory) {
        return DecisionSigning.sign(vm, keys, DecisionSigning.digest(domain, d));
    }
}
