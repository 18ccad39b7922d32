import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { ROLES, roleWiring, selectorsOf } from "./roles.ts";

/**
 * Deploys the OneWindow registries: one AccessManager and each contract behind an ERC-1967 (UUPS)
 * proxy, then wires the roles of RESTRICTED_FUNCTIONS and the officer listeners.
 *
 * Parameters (ignition/parameters/*.json or --parameters):
 *   admin      the AccessManager's initial admin (default: the deployer)
 *   registrar  holder of the REGISTRAR role (default: the deployer)
 *   upgrader   holder of the UPGRADER role (default: the deployer)
 *   upgradeDelay  UPGRADER execution delay in seconds (default 0; use e.g. 86400 in production)
 *   calendarKeeper, catalogueEditor  holders of those roles (default: the deployer)
 *   timeZoneOffsetSeconds  the working calendar's time zone (default 28800, Beijing)
 */
/** Beijing time, UTC+8, in seconds. */
const BEIJING_OFFSET_SECONDS = 8 * 3600;

export default buildModule("OneWindow", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const registrar = m.getParameter("registrar", deployer);
  const upgrader = m.getParameter("upgrader", deployer);
  const upgradeDelay = m.getParameter("upgradeDelay", 0);
  const calendarKeeper = m.getParameter("calendarKeeper", deployer);
  const catalogueEditor = m.getParameter("catalogueEditor", deployer);

  const manager = m.contract("AccessManager", [deployer]);

  const proxied = (name: string, initArgs: unknown[]) => {
    const implementation = m.contract(name, [], { id: `${name}Implementation` });
    const init = m.encodeFunctionCall(implementation, "initialize", [manager, ...initArgs] as never[], {
      id: `${name}Init`,
    });
    const proxy = m.contract("ERC1967Proxy", [implementation, init], { id: `${name}Proxy` });
    return m.contractAt(name, proxy, { id: name });
  };

  const departmentRegistry = proxied("DepartmentRegistry", []);
  const licenceTypeRegistry = proxied("LicenceTypeRegistry", [departmentRegistry]);
  const licenceRegistry = proxied("LicenceRegistry", [departmentRegistry, licenceTypeRegistry]);
  const consentRegistry = proxied("ConsentRegistry", []);
  const restrictionList = proxied("RestrictionList", [departmentRegistry]);
  const workingCalendar = proxied("WorkingCalendar", [m.getParameter("timeZoneOffsetSeconds", BEIJING_OFFSET_SECONDS)]);
  const serviceCatalog = proxied("ServiceCatalog", [departmentRegistry, licenceTypeRegistry]);
  const approvalEngine = proxied("ApprovalEngine", [
    {
      departments: departmentRegistry,
      licences: licenceRegistry,
      licenceTypes: licenceTypeRegistry,
      catalog: serviceCatalog,
      calendar: workingCalendar,
    },
  ]);

  const targets = {
    DepartmentRegistry: departmentRegistry,
    LicenceTypeRegistry: licenceTypeRegistry,
    LicenceRegistry: licenceRegistry,
    ConsentRegistry: consentRegistry,
    RestrictionList: restrictionList,
    WorkingCalendar: workingCalendar,
    ServiceCatalog: serviceCatalog,
    ApprovalEngine: approvalEngine,
  };

  const wiring = [];
  for (const [name, target] of Object.entries(targets)) {
    for (const [role, functions] of roleWiring(name)) {
      wiring.push(
        m.call(manager, "setTargetFunctionRole", [target, selectorsOf(name, functions), ROLES[role]], {
          id: `role_${name}_${role}`,
        }),
      );
    }
  }

  const grants = [
    m.call(manager, "grantRole", [ROLES.REGISTRAR, registrar, 0], { id: "grant_REGISTRAR" }),
    m.call(manager, "grantRole", [ROLES.UPGRADER, upgrader, upgradeDelay], { id: "grant_UPGRADER" }),
    m.call(manager, "grantRole", [ROLES.CALENDAR_KEEPER, calendarKeeper, 0], { id: "grant_CALENDAR_KEEPER" }),
    m.call(manager, "grantRole", [ROLES.CATALOGUE_EDITOR, catalogueEditor, 0], { id: "grant_CATALOGUE_EDITOR" }),
    // The engine issues output licences on behalf of the output step's department.
    m.call(manager, "grantRole", [ROLES.ENGINE, approvalEngine, 0], { id: "grant_ENGINE" }),
  ];

  m.call(departmentRegistry, "setOfficerListeners", [[licenceRegistry]], { after: [...wiring, ...grants] });

  const handOver = m.call(manager, "grantRole", [ROLES.ADMIN, admin, 0], {
    id: "grant_ADMIN",
    after: [...wiring, ...grants],
  });
  void handOver;

  return {
    accessManager: manager,
    departmentRegistry,
    licenceTypeRegistry,
    licenceRegistry,
    consentRegistry,
    restrictionList,
    workingCalendar,
    serviceCatalog,
    approvalEngine,
  };
});
