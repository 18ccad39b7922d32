import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";

import { MatterRegistered, MatterVersionPublished } from "../../generated/ServiceCatalog/ServiceCatalog";
import { mockEvent, text, uint } from "./events";

export function createMatterRegisteredEvent(matterId: i32, code: string, timestamp: i64): MatterRegistered {
  return changetype<MatterRegistered>(
    mockEvent(timestamp, [uint("matterId", matterId), text("code", code), text("name", code + " 事项 matter")]),
  );
}

function u(value: i64): ethereum.Value {
  return ethereum.Value.fromUnsignedBigInt(BigInt.fromI64(value));
}

/** A step: department, dependsOn mask, time limit (working days), no rule. */
export class StepSpec {
  constructor(
    public department: i32,
    public dependsOn: i32,
    public timeLimit: i32,
  ) {}
}

/**
 * MatterVersionPublished with the given steps; materials: one licence (type 5, always), one upload
 * (always) and one conditional upload; one linked matter; baseline 10 materials, 30 days, 3 visits.
 */
export function createMatterVersionPublishedEvent(
  matterId: i32,
  version: i32,
  steps: StepSpec[],
  linkedMatter: i32,
  timestamp: i64,
): MatterVersionPublished {
  const stepTuples: ethereum.Tuple[] = [];
  for (let i = 0; i < steps.length; i++) {
    const tuple = new ethereum.Tuple();
    tuple.push(u(steps[i].department));
    tuple.push(u(steps[i].dependsOn));
    tuple.push(u(steps[i].timeLimit));
    tuple.push(ethereum.Value.fromAddress(Address.zero()));
    stepTuples.push(tuple);
  }
  const materials: ethereum.Tuple[] = [];
  const kinds: i32[] = [0, 1, 1];
  const types: i32[] = [5, 0, 0];
  const conditions: i32[] = [0, 0, 2];
  for (let i = 0; i < 3; i++) {
    const tuple = new ethereum.Tuple();
    tuple.push(u(kinds[i]));
    tuple.push(u(types[i]));
    tuple.push(u(conditions[i]));
    tuple.push(u(0));
    tuple.push(u(0));
    tuple.push(ethereum.Value.fromString("材料 material " + i.toString()));
    materials.push(tuple);
  }
  const links: ethereum.Tuple[] = [];
  const link = new ethereum.Tuple();
  link.push(u(linkedMatter));
  link.push(u(1));
  links.push(link);
  const baseline = new ethereum.Tuple();
  baseline.push(u(10));
  baseline.push(u(30));
  baseline.push(u(3));
  const data = new ethereum.Tuple();
  data.push(ethereum.Value.fromTupleArray(stepTuples));
  data.push(ethereum.Value.fromTupleArray(materials));
  data.push(u(9));
  data.push(u(steps.length - 1));
  data.push(u(1));
  data.push(ethereum.Value.fromTupleArray(links));
  data.push(ethereum.Value.fromTuple(baseline));
  return changetype<MatterVersionPublished>(
    mockEvent(timestamp, [
      uint("matterId", matterId),
      uint("version", version),
      new ethereum.EventParam("data", ethereum.Value.fromTuple(data)),
      uint("publishedAt", timestamp),
    ]),
  );
}
