// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {DepartmentKind, Level, Roles} from "../../contracts/Common.sol";
import {ConsentRegistry} from "../../contracts/ConsentRegistry.sol";
import {DepartmentRegistry} from "../../contracts/DepartmentRegistry.sol";
import {IDepartmentRegistry} from "../../contracts/IDepartmentRegistry.sol";
import {ILicenceRegistry} from "../../contracts/ILicenceRegistry.sol";
import {ILicenceTypeRegistry} from "../../contracts/ILicenceTypeRegistry.sol";
import {LicenceRegistry} from "../../contracts/LicenceRegistry.sol";
import {LicenceTypeRegistry} from "../../contracts/LicenceTypeRegistry.sol";
import {RestrictionList} from "../../contracts/RestrictionList.sol";

import {Merkle} from "./Merkle.sol";
import {RoleMap} from "./RoleMap.sol";

/// @title PlatformTest
/// @notice Deploys the OneWindow platform as the Ignition module does (AccessManager, every
/// registry behind an ERC1967Proxy, roles, officer listener), then registers:
/// department 1 (issuer of type 1, officers vm.addr(ISSUER_KEY_*) 2 of 3), department 2 (not an
/// issuer of type 1, officer vm.addr(OTHER_KEY)), department 3 (the court, lister, vm.addr(COURT_KEY)),
/// and licence type 1 BUSINESS_LICENCE (version 1, issuers [1], no default validity).
abstract contract PlatformTest is Test {
    uint256 internal constant ISSUER_KEY_1 = 0xA11CE1;
    uint256 internal constant ISSUER_KEY_2 = 0xA11CE2;
    uint256 internal constant ISSUER_KEY_3 = 0xA11CE3;
    uint256 internal constant OTHER_KEY = 0xB0B;
    uint256 internal constant COURT_KEY = 0xC0C;

    uint32 internal constant ISSUER_DEPT = 1;
    uint32 internal constant OTHER_DEPT = 2;
    uint32 internal constant COURT_DEPT = 3;
    uint32 internal constant TYPE_ID = 1;

    /// @dev A realistic start time (2023-11-14).
    uint256 internal constant START = 1_700_000_000;

    AccessManager internal manager;
    DepartmentRegistry internal departments;
    LicenceTypeRegistry internal licenceTypes;
    LicenceRegistry internal licences;
    ConsentRegistry internal consents;
    RestrictionList internal restrictions;

    address internal issuer1;
    address internal issuer2;
    address internal issuer3;
    address internal otherOfficer;
    address internal courtOfficer;

    string[] internal fieldNames;

    function setUp() public virtual {
        vm.warp(START);

        manager = new AccessManager(address(this));
        departments = DepartmentRegistry(
            _proxy(address(new DepartmentRegistry()), abi.encodeCall(DepartmentRegistry.initialize, (address(manager))))
        );
        licenceTypes = LicenceTypeRegistry(
            _proxy(
                address(new LicenceTypeRegistry()),
                abi.encodeCall(
                    LicenceTypeRegistry.initialize,
                    (address(manager), IDepartmentRegistry(address(departments)))
                )
            )
        );
        licences = LicenceRegistry(
            _proxy(
                address(new LicenceRegistry()),
                abi.encodeCall(
                    LicenceRegistry.initialize,
                    (
                        address(manager),
                        IDepartmentRegistry(address(departments)),
                        ILicenceTypeRegistry(address(licenceTypes))
                    )
                )
            )
        );
        consents = ConsentRegistry(
            _proxy(address(new ConsentRegistry()), abi.encodeCall(ConsentRegistry.initialize, (address(manager))))
        );
        restrictions = RestrictionList(
            _proxy(
                address(new RestrictionList()),
                abi.encodeCall(
                    RestrictionList.initialize,
                    (address(manager), IDepartmentRegistry(address(departments)))
                )
            )
        );

        _wireRoles();

        address[] memory listeners = new address[](1);
        listeners[0] = address(licences);
        departments.setOfficerListeners(listeners); // ADMIN (role 0): this contract

        issuer1 = vm.addr(ISSUER_KEY_1);
        issuer2 = vm.addr(ISSUER_KEY_2);
        issuer3 = vm.addr(ISSUER_KEY_3);
        otherOfficer = vm.addr(OTHER_KEY);
        courtOfficer = vm.addr(COURT_KEY);

        address[] memory officers = new address[](3);
        (officers[0], officers[1], officers[2]) = (issuer1, issuer2, issuer3);
        require(
            departments.registerDepartment(_deptInput("HD-SAMR", unicode"海淀区市场监督管理局", 1), officers, 2) ==
                ISSUER_DEPT
        );
        officers = new address[](1);
        officers[0] = otherOfficer;
        require(
            departments.registerDepartment(
                _deptInput("HD-HOUSING", unicode"海淀区住房和城乡建设委员会", 2),
                officers,
                1
            ) == OTHER_DEPT
        );
        officers = new address[](1);
        officers[0] = courtOfficer;
        require(
            departments.registerDepartment(_deptInput("HD-COURT", unicode"海淀区人民法院", 3), officers, 1) ==
                COURT_DEPT
        );

        fieldNames.push("holder");
        fieldNames.push("unifiedSocialCreditCode");
        fieldNames.push("name");
        fieldNames.push("legalRepresentative");
        fieldNames.push("registeredAddress");
        fieldNames.push("businessScope");
        uint32[] memory issuers = new uint32[](1);
        issuers[0] = ISSUER_DEPT;
        require(
            licenceTypes.registerType("BUSINESS_LICENCE", unicode"营业执照 Business licence", _versionInput(issuers)) ==
                TYPE_ID
        );

        restrictions.setLister(COURT_DEPT, true);

        // The listener was told about every officer.
        assertEq(licences.issuerDepartmentOf(issuer1), ISSUER_DEPT);
        assertEq(licences.issuerDepartmentOf(otherOfficer), OTHER_DEPT);
    }

    // ---------------------------------------------------------------- deployment

    function _proxy(address implementation, bytes memory init) internal returns (address) {
        return address(new ERC1967Proxy(implementation, init));
    }

    /// @dev The roles of ignition/modules/roles.ts on the registries (test/helpers/RoleMap.sol).
    function _wireRoles() internal {
        RoleMap.wireDepartmentRegistry(manager, address(departments));
        RoleMap.wireLicenceTypeRegistry(manager, address(licenceTypes));
        RoleMap.wireLicenceRegistry(manager, address(licences));
        RoleMap.wireConsentRegistry(manager, address(consents));
        RoleMap.wireRestrictionList(manager, address(restrictions));

        manager.grantRole(Roles.REGISTRAR, address(this), 0);
        manager.grantRole(Roles.UPGRADER, address(this), 0);
    }

    function _deptInput(
        string memory code,
        string memory name,
        uint256 n
    ) internal pure returns (IDepartmentRegistry.DepartmentInput memory) {
        return
            IDepartmentRegistry.DepartmentInput({
                code: code,
                name: name,
                level: Level.District,
                kind: DepartmentKind.Government,
                encryptionKey: bytes.concat(bytes1(0x02), bytes32(n))
            });
    }

    function _versionInput(uint32[] memory issuers) internal view returns (ILicenceTypeRegistry.VersionInput memory) {
        return
            ILicenceTypeRegistry.VersionInput({
                level: Level.Municipal,
                defaultValidity: 0,
                fieldNames: fieldNames,
                issuers: issuers
            });
    }

    // ---------------------------------------------------------------- licences

    /// @dev The field leaves of a licence of type `typeId` whose values are derived from `seed`.
    function _fieldLeaves(uint32 typeId, bytes32 seed) internal view returns (bytes32[] memory leaves) {
        leaves = new bytes32[](fieldNames.length);
        for (uint256 i = 0; i < fieldNames.length; ++i) {
            string memory value = vm.toString(keccak256(abi.encode(seed, "value", i)));
            leaves[i] = Merkle.fieldLeaf(typeId, fieldNames[i], value, keccak256(abi.encode(seed, "salt", i)));
        }
    }

    /// @dev A licence id (field tree root) built from `seed`.
    function _licenceId(bytes32 seed) internal view returns (bytes32) {
        return Merkle.root(_fieldLeaves(TYPE_ID, seed));
    }

    /// @dev A verify request for a licence built from `seed`, disclosing field `fieldIndex` with a
    /// one-leaf multiproof (all flags false).
    function _verifyRequest(
        bytes32 seed,
        uint256 fieldIndex,
        bytes32 batchRoot,
        bytes32[] memory batchProof
    ) internal view returns (ILicenceRegistry.VerifyRequest memory req) {
        bytes32[] memory leaves = _fieldLeaves(TYPE_ID, seed);
        bytes32 leaf = leaves[fieldIndex % leaves.length];
        req.licenceId = Merkle.root(leaves);
        req.batchRoot = batchRoot;
        req.batchProof = batchProof;
        req.leaves = new bytes32[](1);
        req.leaves[0] = leaf;
        req.fieldProof = Merkle.proof(leaves, leaf);
        req.fieldProofFlags = new bool[](req.fieldProof.length);
    }

    /// @dev A verify request for a bare id (no field disclosure: integrity false).
    function _bareRequest(
        bytes32 licenceId,
        bytes32 batchRoot,
        bytes32[] memory batchProof
    ) internal pure returns (ILicenceRegistry.VerifyRequest memory req) {
        req.licenceId = licenceId;
        req.batchRoot = batchRoot;
        req.batchProof = batchProof;
    }

    function _issue(address officer, bytes32 id, uint16 version, uint40 expiresAt) internal {
        vm.prank(officer);
        licences.issue(id, TYPE_ID, version, expiresAt);
    }

    function _none() internal pure returns (bytes32[] memory) {
        return new bytes32[](0);
    }

    function _status(bytes32 id) internal view returns (ILicenceRegistry.LicenceStatus) {
        return licences.statusOf(id, bytes32(0), _none());
    }

    function _statusIn(
        bytes32 id,
        bytes32 root,
        bytes32[] memory proof
    ) internal view returns (ILicenceRegistry.LicenceStatus) {
        return licences.statusOf(id, root, proof);
    }
}
