// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

// Generated from ignition/modules/roles.ts by `node --import tsx ignition/role-map.ts`; do not edit.

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {Roles} from "../../contracts/Common.sol";
import {DepartmentRegistry} from "../../contracts/DepartmentRegistry.sol";
import {LicenceRegistry} from "../../contracts/LicenceRegistry.sol";
import {LicenceTypeRegistry} from "../../contracts/LicenceTypeRegistry.sol";
import {RestrictionList} from "../../contracts/RestrictionList.sol";
import {ServiceCatalog} from "../../contracts/ServiceCatalog.sol";
import {WorkingCalendar} from "../../contracts/WorkingCalendar.sol";

/// @title RoleMap
/// @notice The platform's role map (ignition/modules/roles.ts, `roleWiring`) for the Solidity tests'
/// deployers: each function gives a contract's restricted functions their roles, as the Ignition
/// module does. The caller must be the AccessManager's admin.
library RoleMap {
    /// @notice Wires the DepartmentRegistry at `target`.
    function wireDepartmentRegistry(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](5);
        selectors[0] = DepartmentRegistry.registerDepartment.selector;
        selectors[1] = DepartmentRegistry.updateDepartment.selector;
        selectors[2] = DepartmentRegistry.setOfficers.selector;
        selectors[3] = DepartmentRegistry.setDepartmentActive.selector;
        selectors[4] = DepartmentRegistry.setSealKey.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.REGISTRAR);
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }

    /// @notice Wires the LicenceTypeRegistry at `target`.
    function wireLicenceTypeRegistry(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](3);
        selectors[0] = LicenceTypeRegistry.registerType.selector;
        selectors[1] = LicenceTypeRegistry.publishVersion.selector;
        selectors[2] = LicenceTypeRegistry.deactivateType.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.REGISTRAR);
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }

    /// @notice Wires the LicenceRegistry at `target`.
    function wireLicenceRegistry(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](1);
        selectors[0] = LicenceRegistry.issueFor.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.ENGINE);
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }

    /// @notice Wires the ConsentRegistry at `target`.
    function wireConsentRegistry(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }

    /// @notice Wires the RestrictionList at `target`.
    function wireRestrictionList(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](2);
        selectors[0] = RestrictionList.setLister.selector;
        selectors[1] = RestrictionList.unlistByRegistrar.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.REGISTRAR);
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }

    /// @notice Wires the WorkingCalendar at `target`.
    function wireWorkingCalendar(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](2);
        selectors[0] = WorkingCalendar.setYear.selector;
        selectors[1] = WorkingCalendar.setTimeZone.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.CALENDAR_KEEPER);
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }

    /// @notice Wires the ServiceCatalog at `target`.
    function wireServiceCatalog(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](3);
        selectors[0] = ServiceCatalog.registerMatter.selector;
        selectors[1] = ServiceCatalog.publishVersion.selector;
        selectors[2] = ServiceCatalog.setMatterActive.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.CATALOGUE_EDITOR);
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }

    /// @notice Wires the ApprovalEngine at `target`.
    function wireApprovalEngine(AccessManager manager, address target) internal {
        bytes4[] memory selectors;
        selectors = new bytes4[](1);
        selectors[0] = UUPSUpgradeable.upgradeToAndCall.selector;
        manager.setTargetFunctionRole(target, selectors, Roles.UPGRADER);
    }
}
