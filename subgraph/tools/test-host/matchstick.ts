/**
 * Runs a compiled matchstick-as 0.6.0 test module on the host: the natives matchstick-as declares
 * (`_registerDescribe`, `_registerTest`, `_registerHook`, `clearStore`, `countEntities`,
 * `_assert.fieldEquals` / `equals` / `notInStore` with and without message), describe blocks
 * collected and run in order, hooks from the outermost scope inwards, `shouldFail` tests passing
 * only when they throw.
 */
import { readFileSync } from "node:fs";

import { Host, formatDecimal, type EthValue } from "./instance.ts";
import type { AscMemory } from "./memory.ts";
import { EntityStore, type StoreValue } from "./store.ts";

type HookKind = "beforeAll" | "afterAll" | "beforeEach" | "afterEach";
type TestCase = { kind: "test"; name: string; shouldFail: boolean; fn: number };
type Scope = {
  kind: "describe";
  name: string;
  fn: number;
  hooks: Record<HookKind, number[]>;
  children: (TestCase | Scope)[];
};
export type TestResult = { name: string; passed: boolean; message?: string };

/** Text of a store value as matchstick's `assert.fieldEquals` compares it. */
export function fieldText(value: StoreValue | undefined): string {
  if (value === undefined) return "null";
  switch (value.kind) {
    case "String":
    case "Bytes":
      return value.value;
    case "Int":
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return value.value.toString();
    case "Bool":
      return value.value ? "true" : "false";
    case "BigDecimal":
      return formatDecimal(value.digits, value.exp);
    case "Null":
      return "null";
    case "Array":
      return `[${value.value.map(fieldText).join(", ")}]`;
  }
}

function ethText(value: EthValue): string {
  if (Array.isArray(value.value)) return `${value.kind}[${(value.value as EthValue[]).map(ethText).join(", ")}]`;
  const kind = value.kind === "int" || value.kind === "uint" ? "int" : value.kind;
  return `${kind}:${String(value.value)}`;
}

export async function runTestModule(
  wasmFile: string,
  schemaFile: string,
  report: (result: TestResult) => void,
): Promise<TestResult[]> {
  const store = new EntityStore(schemaFile);
  const root: Scope = { kind: "describe", name: "", fn: -1, hooks: newHooks(), children: [] };
  let current = root;
  let failure: string | undefined;
  const fail = (message: string) => {
    failure = message;
    return 0;
  };

  const natives = (m: AscMemory, host: Host) => ({
    _registerDescribe: (name: number, fn: number) => {
      current.children.push({ kind: "describe", name: m.readString(name), fn, hooks: newHooks(), children: [] });
    },
    _registerTest: (name: number, shouldFail: number, fn: number) => {
      current.children.push({ kind: "test", name: m.readString(name), shouldFail: shouldFail !== 0, fn });
    },
    _registerHook: (fn: number, kind: number) => {
      const hook = m.readString(kind) as HookKind;
      if (!(hook in current.hooks)) throw new Error(`matchstick: unknown hook ${hook}`);
      current.hooks[hook].push(fn);
    },
    clearStore: () => host.store.clear(),
    countEntities: (type: number) => host.store.count(m.readString(type)),
    "_assert.fieldEquals": (type: number, id: number, field: number, expected: number) =>
      fieldEquals(m.readString(type), m.readString(id), m.readString(field), m.readString(expected), ""),
    "_assert.fieldEqualsWithMessage": (type: number, id: number, field: number, expected: number, message: number) =>
      fieldEquals(
        m.readString(type),
        m.readString(id),
        m.readString(field),
        m.readString(expected),
        m.readString(message),
      ),
    "_assert.notInStore": (type: number, id: number) => notInStore(m.readString(type), m.readString(id), ""),
    "_assert.notInStoreWithMessage": (type: number, id: number, message: number) =>
      notInStore(m.readString(type), m.readString(id), m.readString(message)),
    "_assert.equals": (expected: number, actual: number) => equals(host, expected, actual, ""),
    "_assert.equalsWithMessage": (expected: number, actual: number, message: number) =>
      equals(host, expected, actual, m.readString(message)),
  });

  function fieldEquals(type: string, id: string, field: string, expected: string, message: string): number {
    const entity = store.get(type, id);
    if (!entity) return fail(`${message}${type}[${id}] is not in the store (expected ${field} = ${expected})`);
    const actual = fieldText(entity.get(field));
    if (actual !== expected) return fail(`${message}${type}[${id}].${field}: expected ${expected}, got ${actual}`);
    return 1;
  }
  function notInStore(type: string, id: string, message: string): number {
    return store.get(type, id) ? fail(`${message}${type}[${id}] is in the store`) : 1;
  }
  function equals(host: Host, expected: number, actual: number, message: string): number {
    const a = ethText(host.readEthValue(expected));
    const b = ethText(host.readEthValue(actual));
    return a === b ? 1 : fail(`${message}expected ${a}, got ${b}`);
  }

  const module = new WebAssembly.Module(readFileSync(wasmFile));
  const host = await Host.instantiate(module, { store, natives });
  const table = host.exports.table;
  if (!table) throw new Error("matchstick: the test module exports no function table (compile with --exportTable)");
  const call = (fn: number) => (table.get(fn) as () => void)();

  const results: TestResult[] = [];
  const runScope = (scope: Scope, ancestors: Scope[]) => {
    const chain = [...ancestors, scope];
    const runHooks = (hooks: number[]) => hooks.forEach(call);
    try {
      runHooks(scope.hooks.beforeAll);
    } catch (error) {
      results.push({ name: `${scope.name} beforeAll`, passed: false, message: (error as Error).message });
      report(results.at(-1)!);
      return;
    }
    for (const child of scope.children) {
      if (child.kind === "describe") {
        const outer = current;
        current = child;
        try {
          call(child.fn);
        } finally {
          current = outer;
        }
        runScope(child, chain);
        continue;
      }
      const name = chain
        .map((s) => s.name)
        .filter(Boolean)
        .concat(child.name)
        .join(" › ");
      failure = undefined;
      let thrown: string | undefined;
      try {
        for (const s of chain) runHooks(s.hooks.beforeEach);
        call(child.fn);
      } catch (error) {
        thrown = failure ?? (error as Error).message;
      }
      try {
        for (const s of [...chain].reverse()) runHooks(s.hooks.afterEach);
      } catch (error) {
        if (!child.shouldFail) thrown ??= `afterEach: ${(error as Error).message}`;
      }
      const passed = child.shouldFail ? thrown !== undefined : thrown === undefined;
      const result: TestResult = {
        name,
        passed,
        message: passed ? undefined : (thrown ?? "expected the test to fail, but it passed"),
      };
      results.push(result);
      report(result);
    }
    try {
      runHooks(scope.hooks.afterAll);
    } catch (error) {
      results.push({ name: `${scope.name} afterAll`, passed: false, message: (error as Error).message });
      report(results.at(-1)!);
    }
  };
  runScope(root, []);
  return results;
}

function newHooks(): Record<HookKind, number[]> {
  return { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
}
