/**
 * Instantiates a graph-ts WASM module (a built data source, or a compiled matchstick-as test file)
 * with the host functions it imports: the store, type conversions, BigInt / BigDecimal arithmetic,
 * logging, `abort`, and (for tests) the matchstick-as natives. Only functions a module imports are
 * linked; an import the host does not implement fails instantiation with its name.
 */
import {
  AscMemory,
  TypeId,
  bigIntFromSignedLE,
  fromHex,
  signedLEFromBigInt,
  toHex,
  type WasmExports,
} from "./memory.ts";
import { EntityStore, ValueKind, type EntityData, type StoreValue } from "./store.ts";

/** A JS view of a graph-ts `ethereum.Value`. */
export type EthValue =
  | { kind: "address" | "fixedBytes" | "bytes"; value: string }
  | { kind: "int" | "uint"; value: bigint }
  | { kind: "bool"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "array" | "fixedArray" | "tuple"; value: EthValue[] };

const ETH_KIND = {
  address: 0,
  fixedBytes: 1,
  bytes: 2,
  int: 3,
  uint: 4,
  bool: 5,
  string: 6,
  fixedArray: 7,
  array: 8,
  tuple: 9,
} as const;
const ETH_KIND_NAMES = Object.keys(ETH_KIND) as (keyof typeof ETH_KIND)[];

/** The block, transaction and log of one event, as graph-node passes them to a handler. */
export type EventInput = {
  address: string;
  logIndex: bigint;
  transactionLogIndex: bigint;
  block: { number: bigint; timestamp: bigint; hash: string; parentHash?: string };
  transaction: { hash: string; index: bigint; from: string; to: string | null; input?: string; nonce?: bigint };
  parameters: { name: string; value: EthValue }[];
};

export type LogLevel = "critical" | "error" | "warning" | "info" | "debug" | "success";
const LEVELS: LogLevel[] = ["critical", "error", "warning", "info", "debug", "success"];

/** Extra natives a test file imports (matchstick-as), bound to the instance's memory. */
export type NativeFactory = (memory: AscMemory, host: Host) => Record<string, (...args: number[]) => number | void>;

type HostOptions = { store: EntityStore; onLog?: (level: LogLevel, message: string) => void; natives?: NativeFactory };

const ZERO32 = "0x" + "00".repeat(32);
const ZERO20 = "0x" + "00".repeat(20);

export class Host {
  readonly memory = new AscMemory();
  readonly store: EntityStore;
  readonly logs: { level: LogLevel; message: string }[] = [];
  exports!: WasmExports & Record<string, unknown>;
  private onLog: (level: LogLevel, message: string) => void;

  private constructor(options: HostOptions) {
    this.store = options.store;
    this.onLog = options.onLog ?? (() => {});
  }

  /** Instantiates `module`, runs its explicit start (top-level statements) and returns the host. */
  static async instantiate(module: WebAssembly.Module, options: HostOptions): Promise<Host> {
    const host = new Host(options);
    const functions: Record<string, (...args: number[]) => number | void> = {
      ...host.graphTs(),
      ...(options.natives ? options.natives(host.memory, host) : {}),
    };
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    const missing: string[] = [];
    for (const entry of WebAssembly.Module.imports(module)) {
      const implementation = functions[entry.name];
      if (!implementation) missing.push(`${entry.module}.${entry.name}`);
      else (imports[entry.module] ??= {})[entry.name] = implementation as WebAssembly.ImportValue;
    }
    if (missing.length > 0) throw new Error(`host: the module imports functions the host lacks: ${missing.join(", ")}`);
    const instance = await WebAssembly.instantiate(module, imports);
    host.exports = instance.exports as WasmExports & Record<string, unknown>;
    host.memory.bind(host.exports);
    host.exports._start?.();
    return host;
  }

  /**
   * Calls an exported handler with one event, atomically: if the handler throws (abort, trap, a
   * rejected store.set), its writes are undone and the error is rethrown.
   */
  handle(handler: string, event: EventInput): void {
    const fn = this.exports[handler];
    if (typeof fn !== "function") throw new Error(`host: the module exports no handler ${handler}`);
    this.store.atomic(() => (fn as (ptr: number) => void)(this.newEvent(event)));
  }

  // ------------------------------------------------------------ graph-ts imports

  private graphTs(): Record<string, (...args: number[]) => number | void> {
    const m = this.memory;
    const bigIntOp = (op: (a: bigint, b: bigint) => bigint) => (x: number, y: number) =>
      m.newBigInt(op(m.readBigInt(x), m.readBigInt(y)));
    return {
      abort: (message: number, file: number, line: number, column: number) => {
        const text = message ? m.readString(message) : "abort";
        const where = file ? ` (${m.readString(file)}:${line}:${column})` : "";
        throw new Error(`${text}${where}`);
      },
      "log.log": (level: number, message: number) => {
        const text = m.readString(message);
        const name = LEVELS[level] ?? "info";
        this.logs.push({ level: name, message: text });
        this.onLog(name, text);
        if (name === "critical") throw new Error(`log.critical: ${text}`);
      },
      "store.get": (entity: number, id: number) => this.storeGet(m.readString(entity), m.readString(id)),
      "store.get_in_block": (entity: number, id: number) => this.storeGet(m.readString(entity), m.readString(id)),
      "store.set": (entity: number, id: number, data: number) => {
        this.store.set(m.readString(entity), m.readString(id), this.readEntity(data));
      },
      "store.remove": (entity: number, id: number) => this.store.remove(m.readString(entity), m.readString(id)),
      "typeConversion.bytesToHex": (bytes: number) => m.newString(toHex(m.readBytes(bytes))),
      "typeConversion.bytesToString": (bytes: number) =>
        m.newString(Buffer.from(m.readBytes(bytes)).toString("utf8").replace(/\0/g, "")),
      "typeConversion.bigIntToString": (bigInt: number) => m.newString(m.readBigInt(bigInt).toString()),
      "typeConversion.bigIntToHex": (bigInt: number) => {
        const value = m.readBigInt(bigInt);
        return m.newString(value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`);
      },
      "typeConversion.stringToH160": (text: number) => {
        const hex = m.readString(text);
        if (!/^0x[0-9a-fA-F]{40}$/.test(hex)) throw new Error(`typeConversion.stringToH160: not an address: ${hex}`);
        return m.newBytes(fromHex(hex.toLowerCase()));
      },
      "bigInt.plus": bigIntOp((a, b) => a + b),
      "bigInt.minus": bigIntOp((a, b) => a - b),
      "bigInt.times": bigIntOp((a, b) => a * b),
      "bigInt.dividedBy": bigIntOp((a, b) => {
        if (b === 0n) throw new Error("bigInt.dividedBy: division by zero");
        return a / b;
      }),
      "bigInt.mod": bigIntOp((a, b) => {
        if (b === 0n) throw new Error("bigInt.mod: division by zero");
        return a % b;
      }),
      "bigInt.bitOr": bigIntOp((a, b) => a | b),
      "bigInt.bitAnd": bigIntOp((a, b) => a & b),
      "bigInt.pow": (x: number, exp: number) => m.newBigInt(m.readBigInt(x) ** BigInt(exp & 0xff)),
      "bigInt.leftShift": (x: number, bits: number) => m.newBigInt(m.readBigInt(x) << BigInt(bits & 0xff)),
      "bigInt.rightShift": (x: number, bits: number) => m.newBigInt(m.readBigInt(x) >> BigInt(bits & 0xff)),
      "bigInt.fromString": (text: number) => {
        const value = m.readString(text);
        if (!/^-?[0-9]+$/.test(value)) throw new Error(`bigInt.fromString: not an integer: ${value}`);
        return m.newBigInt(BigInt(value));
      },
      "bigDecimal.toString": (decimal: number) =>
        m.newString(formatDecimal(m.readBigInt(m.u32(decimal)), m.readBigInt(m.u32(decimal + 4)))),
    };
  }

  private storeGet(type: string, id: string): number {
    const data = this.store.get(type, id);
    return data ? this.newEntity(data) : 0;
  }

  // ------------------------------------------------------------ store values in memory

  readStoreValue(ptr: number): StoreValue {
    const m = this.memory;
    const kind = m.i32(ptr);
    const payload = ptr + 8;
    switch (kind) {
      case ValueKind.String:
        return { kind: "String", value: m.readString(m.u32(payload)) };
      case ValueKind.Int:
        return { kind: "Int", value: m.i32(payload) };
      case ValueKind.BigDecimal: {
        const decimal = m.u32(payload);
        return { kind: "BigDecimal", digits: m.readBigInt(m.u32(decimal)), exp: m.readBigInt(m.u32(decimal + 4)) };
      }
      case ValueKind.Bool:
        return { kind: "Bool", value: m.i64(payload) !== 0n };
      case ValueKind.Array:
        return { kind: "Array", value: m.readArrayWords(m.u32(payload)).map((item) => this.readStoreValue(item)) };
      case ValueKind.Null:
        return { kind: "Null" };
      case ValueKind.Bytes:
        return { kind: "Bytes", value: toHex(m.readBytes(m.u32(payload))) };
      case ValueKind.BigInt:
        return { kind: "BigInt", value: m.readBigInt(m.u32(payload)) };
      case ValueKind.Int8:
        return { kind: "Int8", value: m.i64(payload) };
      case ValueKind.Timestamp:
        return { kind: "Timestamp", value: m.i64(payload) };
      default:
        throw new Error(`host: unknown store value kind ${kind}`);
    }
  }

  newStoreValue(value: StoreValue): number {
    const m = this.memory;
    let payload: bigint;
    switch (value.kind) {
      case "String":
        payload = BigInt(m.newString(value.value));
        break;
      case "Int":
        payload = BigInt(value.value >>> 0);
        break;
      case "BigDecimal": {
        const digits = m.newBigInt(value.digits);
        const exp = m.newBigInt(value.exp);
        const decimal = m.alloc(8, TypeId.BigDecimal);
        m.setU32(decimal, digits);
        m.setU32(decimal + 4, exp);
        payload = BigInt(decimal);
        break;
      }
      case "Bool":
        payload = value.value ? 1n : 0n;
        break;
      case "Array":
        payload = BigInt(
          m.newArrayWords(
            value.value.map((item) => this.newStoreValue(item)),
            TypeId.ArrayStoreValue,
          ),
        );
        break;
      case "Null":
        payload = 0n;
        break;
      case "Bytes":
        payload = BigInt(m.newBytes(fromHex(value.value)));
        break;
      case "BigInt":
        payload = BigInt(m.newBigInt(value.value));
        break;
      case "Int8":
      case "Timestamp":
        payload = value.value;
        break;
    }
    const ptr = m.alloc(16, TypeId.StoreValue);
    m.setU32(ptr, ValueKind[value.kind]);
    m.setI64(ptr + 8, payload);
    return ptr;
  }

  readEntity(ptr: number): EntityData {
    const m = this.memory;
    const data: EntityData = new Map();
    for (const entry of m.readArrayWords(m.u32(ptr))) {
      data.set(m.readString(m.u32(entry)), this.readStoreValue(m.u32(entry + 4)));
    }
    return data;
  }

  newEntity(data: EntityData): number {
    const m = this.memory;
    const entries: number[] = [];
    for (const [name, value] of data) {
      const key = m.newString(name);
      const valuePtr = this.newStoreValue(value);
      const entry = m.alloc(8, TypeId.TypedMapEntryStringStoreValue);
      m.setU32(entry, key);
      m.setU32(entry + 4, valuePtr);
      entries.push(entry);
    }
    const array = m.newArrayWords(entries, TypeId.ArrayTypedMapEntryStringStoreValue);
    const map = m.alloc(4, TypeId.TypedMapStringStoreValue);
    m.setU32(map, array);
    return map;
  }

  // ------------------------------------------------------------ ethereum values and events

  newEthValue(value: EthValue): number {
    const m = this.memory;
    let payload: bigint;
    switch (value.kind) {
      case "address":
      case "fixedBytes":
      case "bytes":
        payload = BigInt(m.newBytes(fromHex(value.value.toLowerCase())));
        break;
      case "int":
      case "uint":
        payload = BigInt(m.newBigInt(value.value));
        break;
      case "bool":
        payload = value.value ? 1n : 0n;
        break;
      case "string":
        payload = BigInt(m.newString(value.value));
        break;
      case "array":
      case "fixedArray":
      case "tuple":
        payload = BigInt(
          m.newArrayWords(
            value.value.map((item) => this.newEthValue(item)),
            TypeId.ArrayEthereumValue,
          ),
        );
        break;
    }
    const ptr = m.alloc(16, TypeId.EthereumValue);
    m.setU32(ptr, ETH_KIND[value.kind]);
    m.setI64(ptr + 8, payload);
    return ptr;
  }

  readEthValue(ptr: number): EthValue {
    const m = this.memory;
    const kind = ETH_KIND_NAMES[m.i32(ptr)];
    const payload = ptr + 8;
    switch (kind) {
      case "address":
      case "fixedBytes":
      case "bytes":
        return { kind, value: toHex(m.readBytes(m.u32(payload))) };
      case "int":
      case "uint":
        return { kind, value: m.readBigInt(m.u32(payload)) };
      case "bool":
        return { kind, value: m.i64(payload) !== 0n };
      case "string":
        return { kind, value: m.readString(m.u32(payload)) };
      case "array":
      case "fixedArray":
      case "tuple":
        return { kind, value: m.readArrayWords(m.u32(payload)).map((item) => this.readEthValue(item)) };
      default:
        throw new Error(`host: unknown ethereum value kind ${m.i32(ptr)}`);
    }
  }

  /** Builds a graph-ts `ethereum.Event` (block, transaction, parameters; receipt null). */
  newEvent(event: EventInput): number {
    const m = this.memory;
    const bytes = (hex: string) => m.newBytes(fromHex(hex.toLowerCase()));
    const big = (value: bigint) => m.newBigInt(value);
    const words = (ptr: number, values: number[]) => values.forEach((value, i) => m.setU32(ptr + i * 4, value));

    const block = m.alloc(60, TypeId.EthereumBlock);
    words(block, [
      bytes(event.block.hash),
      bytes(event.block.parentHash ?? ZERO32),
      bytes(ZERO32),
      bytes(ZERO20),
      bytes(ZERO32),
      bytes(ZERO32),
      bytes(ZERO32),
      big(event.block.number),
      big(0n),
      big(0n),
      big(event.block.timestamp),
      big(0n),
      big(0n),
      0,
      0,
    ]);
    const transaction = m.alloc(36, TypeId.EthereumTransaction);
    words(transaction, [
      bytes(event.transaction.hash),
      big(event.transaction.index),
      bytes(event.transaction.from),
      event.transaction.to === null ? 0 : bytes(event.transaction.to),
      big(0n),
      big(0n),
      big(0n),
      bytes(event.transaction.input ?? "0x"),
      big(event.transaction.nonce ?? 0n),
    ]);
    const parameters = event.parameters.map((parameter) => {
      const name = m.newString(parameter.name);
      const value = this.newEthValue(parameter.value);
      const ptr = m.alloc(8, TypeId.EventParam);
      words(ptr, [name, value]);
      return ptr;
    });
    const params = m.newArrayWords(parameters, TypeId.ArrayEventParam);
    const ptr = m.alloc(32, TypeId.EthereumEvent);
    words(ptr, [
      bytes(event.address),
      big(event.logIndex),
      big(event.transactionLogIndex),
      0,
      block,
      transaction,
      params,
      0,
    ]);
    return ptr;
  }
}

/** graph-node's BigDecimal text: digits × 10^exp, plain notation. */
export function formatDecimal(digits: bigint, exp: bigint): string {
  const negative = digits < 0n;
  let text = (negative ? -digits : digits).toString();
  if (exp >= 0n) text = text === "0" ? "0" : text + "0".repeat(Number(exp));
  else {
    const places = Number(-exp);
    text = text.padStart(places + 1, "0");
    text = `${text.slice(0, text.length - places)}.${text.slice(text.length - places)}`.replace(/\.?0+$/, "");
  }
  return (negative && text !== "0" ? "-" : "") + text;
}

export { bigIntFromSignedLE, signedLEFromBigInt };
