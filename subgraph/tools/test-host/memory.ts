/**
 * AssemblyScript 0.19 object layout (what `graph build` and the tests compile to, `--runtime stub
 * --exportRuntime`): every managed object is a payload pointer `ptr` with a 20-byte header before it,
 * whose last two words are the runtime class id (`ptr - 8`) and the payload size in bytes (`ptr - 4`).
 *
 * - String: UTF-16LE code units, byte length = payload size.
 * - ArrayBuffer: the bytes, length = payload size.
 * - TypedArray (Uint8Array, graph-ts Bytes / BigInt): { buffer, dataStart, byteLength } (12 bytes).
 * - Array<T>: { buffer, dataStart, byteLength, length } (16 bytes); references are 4-byte pointers.
 * - Class instances: fields in declaration order, each aligned to its size (u64 to 8).
 *
 * Objects are made with the exported `__new(size, classId)`; class ids come from graph-ts's
 * `id_of_type(TypeId)` export. The stub runtime never frees, so pointers stay valid during a call.
 */

/** graph-ts `TypeId` numbers (common/index.ts `TypeId` enum) of the types the host creates. */
export const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayBool: 13,
  ArrayUint8Array: 14,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayString: 18,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringStoreValue: 21,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  EthereumValue: 30,
  StoreValue: 31,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapStringStoreValue: 36,
  ArrayI32: 47,
} as const;

export type WasmExports = {
  memory: WebAssembly.Memory;
  __new: (size: number, id: number) => number;
  id_of_type: (typeId: number) => number;
  _start?: () => void;
  table?: WebAssembly.Table;
};

/** Reads and writes AssemblyScript objects in one instance's memory. */
export class AscMemory {
  private exports: WasmExports | undefined;
  private classIds = new Map<number, number>();

  bind(exports: WasmExports): void {
    this.exports = exports;
    this.classIds.clear();
  }

  private get ex(): WasmExports {
    if (!this.exports) throw new Error("host: the WASM instance is not bound yet");
    return this.exports;
  }

  private view(): DataView {
    return new DataView(this.ex.memory.buffer);
  }

  classId(typeId: number): number {
    let id = this.classIds.get(typeId);
    if (id === undefined) {
      id = this.ex.id_of_type(typeId);
      this.classIds.set(typeId, id);
    }
    return id;
  }

  // ------------------------------------------------------------ raw words

  u8(ptr: number): number {
    return this.view().getUint8(ptr);
  }
  i32(ptr: number): number {
    return this.view().getInt32(ptr, true);
  }
  u32(ptr: number): number {
    return this.view().getUint32(ptr, true);
  }
  i64(ptr: number): bigint {
    return this.view().getBigInt64(ptr, true);
  }
  setU32(ptr: number, value: number): void {
    this.view().setUint32(ptr, value >>> 0, true);
  }
  setI64(ptr: number, value: bigint): void {
    this.view().setBigInt64(ptr, value, true);
  }
  setU8(ptr: number, value: number): void {
    this.view().setUint8(ptr, value);
  }

  /** Runtime class id and payload size of an object. */
  header(ptr: number): { rtId: number; size: number } {
    return { rtId: this.u32(ptr - 8), size: this.u32(ptr - 4) };
  }

  /** Allocates a zeroed object of `size` bytes with graph-ts type `typeId`. */
  alloc(size: number, typeId: number): number {
    const ptr = this.ex.__new(size, this.classId(typeId));
    new Uint8Array(this.ex.memory.buffer, ptr, size).fill(0);
    return ptr;
  }

  // ------------------------------------------------------------ strings

  readString(ptr: number): string {
    if (ptr === 0) throw new Error("host: null string pointer");
    const size = this.header(ptr).size;
    return Buffer.from(this.ex.memory.buffer.slice(ptr, ptr + size)).toString("utf16le");
  }

  newString(text: string): number {
    const bytes = Buffer.from(text, "utf16le");
    const ptr = this.alloc(bytes.length, TypeId.String);
    new Uint8Array(this.ex.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  }

  // ------------------------------------------------------------ typed arrays (Bytes, BigInt)

  readBytes(ptr: number): Uint8Array {
    if (ptr === 0) throw new Error("host: null byte array pointer");
    const dataStart = this.u32(ptr + 4);
    const byteLength = this.u32(ptr + 8);
    return new Uint8Array(this.ex.memory.buffer.slice(dataStart, dataStart + byteLength));
  }

  newBytes(bytes: Uint8Array): number {
    const buffer = this.alloc(bytes.length, TypeId.ArrayBuffer);
    new Uint8Array(this.ex.memory.buffer, buffer, bytes.length).set(bytes);
    const ptr = this.alloc(12, TypeId.Uint8Array);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, bytes.length);
    return ptr;
  }

  /** graph-ts BigInt: signed little-endian two's complement, minimal length (as graph-node). */
  readBigInt(ptr: number): bigint {
    return bigIntFromSignedLE(this.readBytes(ptr));
  }

  newBigInt(value: bigint): number {
    return this.newBytes(signedLEFromBigInt(value));
  }

  // ------------------------------------------------------------ arrays

  /** Elements of an Array<T> of 4-byte values (pointers or i32). */
  readArrayWords(ptr: number): number[] {
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    const out: number[] = [];
    for (let i = 0; i < length; i++) out.push(this.u32(dataStart + i * 4));
    return out;
  }

  readArrayI32(ptr: number): number[] {
    return this.readArrayWords(ptr).map((word) => word | 0);
  }

  /** An Array<T> of 4-byte elements (pointers, or i32 values). */
  newArrayWords(words: readonly number[], typeId: number): number {
    const buffer = this.alloc(words.length * 4, TypeId.ArrayBuffer);
    for (let i = 0; i < words.length; i++) this.setU32(buffer + i * 4, words[i]!);
    const ptr = this.alloc(16, typeId);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, words.length * 4);
    this.setU32(ptr + 12, words.length);
    return ptr;
  }
}

export function bigIntFromSignedLE(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

export function signedLEFromBigInt(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0xffn);
    out.push(byte);
    rest >>= 8n;
    if ((rest === 0n && (byte & 0x80) === 0) || (rest === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes).toString("hex");
}

export function fromHex(hex: string): Uint8Array {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`host: not a 0x-hex byte string: ${hex}`);
  return Uint8Array.from(Buffer.from(hex.slice(2), "hex"));
}
