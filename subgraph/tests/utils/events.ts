// Shared builders of mock events and ethereum values for the mapping tests.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { newMockEvent } from "matchstick-as/assembly/index";

let counter: i32 = 0;

/** A mock event in its own transaction (distinct hash), with the given block timestamp. */
export function mockEvent(timestamp: i64, params: ethereum.EventParam[]): ethereum.Event {
  counter++;
  const event = newMockEvent();
  event.transaction.hash = Bytes.fromHexString("0x" + counter.toString(16).padStart(64, "0"));
  event.logIndex = BigInt.fromI32(counter % 7);
  event.block.number = BigInt.fromI32(100 + counter);
  event.block.timestamp = BigInt.fromI64(timestamp);
  event.parameters = params;
  return event;
}

export function uint(name: string, value: i64): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromUnsignedBigInt(BigInt.fromI64(value)));
}

export function bigUint(name: string, value: BigInt): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromUnsignedBigInt(value));
}

export function int(name: string, value: i32): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromI32(value));
}

export function bytes32(name: string, hex: string): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromFixedBytes(Bytes.fromHexString(hex)));
}

export function bytes(name: string, hex: string): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromBytes(Bytes.fromHexString(hex)));
}

export function address(name: string, hex: string): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromAddress(Address.fromString(hex)));
}

export function flag(name: string, value: boolean): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromBoolean(value));
}

export function text(name: string, value: string): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromString(value));
}

export function bytes32Array(name: string, hexes: string[]): ethereum.EventParam {
  const values: Bytes[] = [];
  for (let i = 0; i < hexes.length; i++) values.push(Bytes.fromHexString(hexes[i]));
  return new ethereum.EventParam(name, ethereum.Value.fromFixedBytesArray(values));
}

export function addressArray(name: string, hexes: string[]): ethereum.EventParam {
  const values: Address[] = [];
  for (let i = 0; i < hexes.length; i++) values.push(Address.fromString(hexes[i]));
  return new ethereum.EventParam(name, ethereum.Value.fromAddressArray(values));
}

export function uintArray(name: string, numbers: i64[]): ethereum.EventParam {
  const values: BigInt[] = [];
  for (let i = 0; i < numbers.length; i++) values.push(BigInt.fromI64(numbers[i]));
  return new ethereum.EventParam(name, ethereum.Value.fromUnsignedBigIntArray(values));
}

export function stringArray(name: string, texts: string[]): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromStringArray(texts));
}

/** A bytes32 hex of a small number, for readable ids. */
export function id32(n: i32): string {
  return "0x" + n.toString(16).padStart(64, "0");
}

/** An address hex of a small number. */
export function addr(n: i32): string {
  return "0x" + n.toString(16).padStart(40, "0");
}

/** Unix seconds of a UTC date-time. */
export function utc(year: i32, month: i32, day: i32, hour: i32): i64 {
  return Date.UTC(year, month - 1, day, hour) / 1000;
}
