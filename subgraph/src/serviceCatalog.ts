// ServiceCatalog events → Matter, MatterVersion (steps, materials, links, baseline, critical path).
import { BigInt, Bytes, log } from "@graphprotocol/graph-ts";

import {
  MatterActiveChanged,
  MatterRegistered,
  MatterVersionPublished,
} from "../generated/ServiceCatalog/ServiceCatalog";
import { Matter, MatterVersion } from "../generated/schema";
import { uintId } from "./common";
import { MATERIAL_KIND_LICENCE, MATERIAL_KIND_UPLOAD } from "./constants";

export function handleMatterRegistered(event: MatterRegistered): void {
  const matter = new Matter(uintId(event.params.matterId));
  matter.code = event.params.code;
  matter.name = event.params.name;
  matter.active = true;
  matter.currentVersion = 0;
  matter.registeredAt = event.block.timestamp;
  matter.save();
}

export function handleMatterVersionPublished(event: MatterVersionPublished): void {
  const matterId = uintId(event.params.matterId);
  const data = event.params.data;
  const version = new MatterVersion(matterId + "-" + event.params.version.toString());
  version.matter = matterId;
  version.version = event.params.version;

  const steps = data.steps;
  const departments: string[] = [];
  const dependsOn: i32[] = [];
  const limits: i32[] = [];
  const rules: Bytes[] = [];
  const critical: i32[] = [];
  let sequential: i32 = 0;
  let longest: i32 = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const mask = step.dependsOn.toI64();
    departments.push(uintId(step.departmentId));
    dependsOn.push(mask as i32);
    limits.push(step.timeLimit);
    rules.push(step.rule);
    sequential += step.timeLimit;
    let before: i32 = 0;
    for (let j = 0; j < i && j < 64; j++) {
      if (((mask >> j) & 1) == 1 && critical[j] > before) before = critical[j];
    }
    critical.push(step.timeLimit + before);
    if (critical[i] > longest) longest = critical[i];
  }
  version.stepCount = steps.length;
  version.stepDepartments = departments;
  version.stepDependsOn = dependsOn;
  version.stepTimeLimits = limits;
  version.stepRules = rules;
  version.sequentialWorkingDays = sequential;
  version.criticalPathWorkingDays = longest;

  const materials = data.materials;
  const kinds: i32[] = [];
  const types: string[] = [];
  const conditions = new Array<BigInt>();
  const names: string[] = [];
  let fromChain: i32 = 0;
  let uploads: i32 = 0;
  for (let i = 0; i < materials.length; i++) {
    const material = materials[i];
    kinds.push(material.kind);
    types.push(uintId(material.licenceTypeId));
    conditions.push(material.condition);
    names.push(material.name);
    if (material.condition.isZero()) {
      if (material.kind == MATERIAL_KIND_LICENCE) fromChain++;
      else if (material.kind == MATERIAL_KIND_UPLOAD) uploads++;
    }
  }
  version.materialCount = materials.length;
  version.materialKinds = kinds;
  version.materialLicenceTypes = types;
  version.materialConditions = conditions;
  version.materialNames = names;
  version.licenceMaterials = fromChain;
  version.uploadMaterials = uploads;
  version.outputLicenceType = data.outputLicenceTypeId.isZero() ? null : uintId(data.outputLicenceTypeId);
  version.outputStep = data.outputStep;
  version.visits = data.visits;

  const links = data.links;
  const linked: string[] = [];
  const modes: i32[] = [];
  for (let i = 0; i < links.length; i++) {
    linked.push(uintId(links[i].matterId));
    modes.push(links[i].mode);
  }
  version.linkedMatters = linked;
  version.linkModes = modes;
  const baseline = data.baseline;
  version.baselineMaterials = baseline.materials;
  version.baselineWorkingDays = baseline.workingDays;
  version.baselineVisits = baseline.visits;
  version.publishedAt = event.params.publishedAt;
  version.save();

  const matter = Matter.load(matterId);
  if (matter == null) {
    log.warning("MatterVersionPublished for unknown matter {}", [matterId]);
    return;
  }
  if (event.params.version > matter.currentVersion) matter.currentVersion = event.params.version;
  matter.save();
}

export function handleMatterActiveChanged(event: MatterActiveChanged): void {
  const matter = Matter.load(uintId(event.params.matterId));
  if (matter == null) {
    log.warning("MatterActiveChanged for unknown matter {}", [uintId(event.params.matterId)]);
    return;
  }
  matter.active = event.params.active;
  matter.save();
}
