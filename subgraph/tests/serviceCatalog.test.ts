import { assert, clearStore, describe, test } from "matchstick-as/assembly/index";

import { handleMatterRegistered, handleMatterVersionPublished } from "../src/serviceCatalog";
import { utc } from "./utils/events";
import { createMatterRegisteredEvent, createMatterVersionPublishedEvent, StepSpec } from "./utils/serviceCatalog";

describe("ServiceCatalog", () => {
  test("a version's steps, materials, critical path and baseline", () => {
    clearStore();
    handleMatterRegistered(createMatterRegisteredEvent(12, "HD-VR-HALL", utc(2026, 3, 1, 2)));
    // A 5 days; B 7 after A; C 3 after A; D 2 after B and C: sequential 17, critical path 5 + 7 + 2 = 14.
    const steps: StepSpec[] = [
      new StepSpec(1, 0, 5),
      new StepSpec(2, 1, 7),
      new StepSpec(3, 1, 3),
      new StepSpec(4, 6, 2),
    ];
    handleMatterVersionPublished(createMatterVersionPublishedEvent(12, 1, steps, 13, utc(2026, 3, 1, 2)));
    const id = "12-1";
    assert.fieldEquals("MatterVersion", id, "stepCount", "4");
    assert.fieldEquals("MatterVersion", id, "stepDepartments", "[1, 2, 3, 4]");
    assert.fieldEquals("MatterVersion", id, "stepDependsOn", "[0, 1, 1, 6]");
    assert.fieldEquals("MatterVersion", id, "sequentialWorkingDays", "17");
    assert.fieldEquals("MatterVersion", id, "criticalPathWorkingDays", "14");
    assert.fieldEquals("MatterVersion", id, "materialCount", "3");
    assert.fieldEquals("MatterVersion", id, "licenceMaterials", "1");
    assert.fieldEquals("MatterVersion", id, "uploadMaterials", "1");
    assert.fieldEquals("MatterVersion", id, "materialLicenceTypes", "[5, 0, 0]");
    assert.fieldEquals("MatterVersion", id, "outputLicenceType", "9");
    assert.fieldEquals("MatterVersion", id, "linkedMatters", "[13]");
    assert.fieldEquals("MatterVersion", id, "baselineWorkingDays", "30");
    assert.fieldEquals("Matter", "12", "currentVersion", "1");
  });

  test("a version of an unknown matter is kept but creates no matter", () => {
    clearStore();
    const steps: StepSpec[] = [new StepSpec(1, 0, 5)];
    handleMatterVersionPublished(createMatterVersionPublishedEvent(77, 2, steps, 0, utc(2026, 3, 1, 2)));
    assert.entityCount("Matter", 0);
    assert.fieldEquals("MatterVersion", "77-2", "criticalPathWorkingDays", "5");
  });
});
