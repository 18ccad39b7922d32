/**
 * The entity store of the host: entity values as graph-node's `Value` enum (graph-ts `ValueKind`),
 * validated on every `store.set` against schema.graphql as graph-node does (unknown field, wrong
 * kind, missing non-null field, id mismatch, overwriting an immutable entity: the handler fails and
 * nothing is written).
 */
import { readFileSync } from "node:fs";

/** graph-ts `ValueKind` numbers (common/value.ts). */
export const ValueKind = {
  String: 0,
  Int: 1,
  BigDecimal: 2,
  Bool: 3,
  Array: 4,
  Null: 5,
  Bytes: 6,
  BigInt: 7,
  Int8: 8,
  Timestamp: 9,
} as const;

export type StoreValue =
  | { kind: "String"; value: string }
  | { kind: "Int"; value: number }
  | { kind: "BigDecimal"; digits: bigint; exp: bigint }
  | { kind: "Bool"; value: boolean }
  | { kind: "Array"; value: StoreValue[] }
  | { kind: "Null" }
  | { kind: "Bytes"; value: string }
  | { kind: "BigInt"; value: bigint }
  | { kind: "Int8"; value: bigint }
  | { kind: "Timestamp"; value: bigint };

export type EntityData = Map<string, StoreValue>;

type FieldType = { base: string; nonNull: boolean; list: boolean; derived: boolean };
export type EntityType = { name: string; immutable: boolean; fields: Map<string, FieldType> };

const SCALARS: Record<string, StoreValue["kind"]> = {
  ID: "String",
  String: "String",
  Bytes: "Bytes",
  Int: "Int",
  Int8: "Int8",
  BigInt: "BigInt",
  BigDecimal: "BigDecimal",
  Boolean: "Bool",
  Timestamp: "Timestamp",
};

/** Parses the entity types of a subgraph schema (types, fields, nullability, @derivedFrom). */
export function parseSchema(text: string): Map<string, EntityType> {
  const types = new Map<string, EntityType>();
  const source = text
    .replace(/#.*$/gm, "")
    .replace(/"""[\s\S]*?"""/g, "")
    .replace(/"(?:\\.|[^"\\])*"/g, "");
  for (const match of source.matchAll(/type\s+(\w+)\s*@entity(\([^)]*\))?\s*\{([^}]*)\}/g)) {
    const fields = new Map<string, FieldType>();
    for (const line of match[3]!.split("\n")) {
      const field = /^\s*(\w+)\s*:\s*(\[?)\s*(\w+)(!?)\s*\]?\s*(!?)(.*)$/.exec(line);
      if (!field) continue;
      const list = field[2] === "[";
      fields.set(field[1]!, {
        base: field[3]!,
        list,
        nonNull: list ? field[5] === "!" : field[4] === "!",
        derived: field[6]!.includes("@derivedFrom"),
      });
    }
    types.set(match[1]!, { name: match[1]!, immutable: /immutable:\s*true/.test(match[2] ?? ""), fields });
  }
  return types;
}

export class EntityStore {
  readonly types: Map<string, EntityType>;
  private entities = new Map<string, Map<string, EntityData>>();

  constructor(schemaFile: string) {
    this.types = parseSchema(readFileSync(schemaFile, "utf8"));
  }

  clear(): void {
    this.entities.clear();
  }

  /**
   * Runs `fn` as one unit, as graph-node runs a handler: if it throws, every entity it wrote or
   * removed is restored and the error is rethrown.
   */
  atomic<T>(fn: () => T): T {
    const journal: { type: string; id: string; before: EntityData | undefined }[] = [];
    this.journal = journal;
    try {
      return fn();
    } catch (error) {
      for (const entry of journal.reverse()) {
        const table = this.entities.get(entry.type) ?? new Map<string, EntityData>();
        if (entry.before) table.set(entry.id, entry.before);
        else table.delete(entry.id);
        this.entities.set(entry.type, table);
      }
      throw error;
    } finally {
      this.journal = undefined;
    }
  }

  private journal: { type: string; id: string; before: EntityData | undefined }[] | undefined;

  private record(type: string, id: string): void {
    this.journal?.push({ type, id, before: this.entities.get(type)?.get(id) });
  }

  get(type: string, id: string): EntityData | undefined {
    this.entityType(type);
    return this.entities.get(type)?.get(id);
  }

  all(type: string): Map<string, EntityData> {
    return this.entities.get(type) ?? new Map();
  }

  count(type: string): number {
    return this.all(type).size;
  }

  remove(type: string, id: string): void {
    this.entityType(type);
    this.record(type, id);
    this.entities.get(type)?.delete(id);
  }

  set(type: string, id: string, data: EntityData): void {
    const entityType = this.entityType(type);
    const idValue = data.get("id");
    const idText = idValue?.kind === "String" ? idValue.value : idValue?.kind === "Bytes" ? idValue.value : undefined;
    if (idText !== id) throw new Error(`store.set ${type}[${id}]: the entity's id field is ${JSON.stringify(idText)}`);
    const table = this.entities.get(type) ?? new Map<string, EntityData>();
    if (entityType.immutable && table.has(id)) {
      throw new Error(`store.set ${type}[${id}]: immutable entity written twice`);
    }
    const stored: EntityData = new Map();
    for (const [name, value] of data) {
      const field = entityType.fields.get(name);
      if (!field) throw new Error(`store.set ${type}[${id}]: unknown field ${name}`);
      if (field.derived) throw new Error(`store.set ${type}[${id}]: ${name} is derived and cannot be set`);
      this.check(type, id, name, field, value);
      if (value.kind !== "Null") stored.set(name, value);
    }
    for (const [name, field] of entityType.fields) {
      if (field.nonNull && !field.derived && !stored.has(name)) {
        throw new Error(`store.set ${type}[${id}]: missing value for non-nullable field ${name}`);
      }
    }
    this.record(type, id);
    table.set(id, stored);
    this.entities.set(type, table);
  }

  private entityType(type: string): EntityType {
    const entityType = this.types.get(type);
    if (!entityType) throw new Error(`store: unknown entity type ${type}`);
    return entityType;
  }

  private check(type: string, id: string, name: string, field: FieldType, value: StoreValue): void {
    if (value.kind === "Null") {
      if (field.nonNull) throw new Error(`store.set ${type}[${id}]: ${name} is non-nullable but null`);
      return;
    }
    const expected = this.kindOf(field.base);
    if (field.list) {
      if (value.kind !== "Array")
        throw new Error(`store.set ${type}[${id}]: ${name} must be a list, got ${value.kind}`);
      for (const item of value.value) {
        if (item.kind !== expected) throw new Error(`store.set ${type}[${id}]: ${name} items must be ${expected}`);
      }
      return;
    }
    if (value.kind !== expected) {
      throw new Error(`store.set ${type}[${id}]: ${name} must be ${expected}, got ${value.kind}`);
    }
  }

  /** The value kind of a scalar, or of a relation (the target's id kind). */
  private kindOf(base: string): StoreValue["kind"] {
    const scalar = SCALARS[base];
    if (scalar) return scalar;
    const target = this.types.get(base);
    const idField = target?.fields.get("id");
    if (!idField) throw new Error(`store: unknown type ${base} in the schema`);
    return SCALARS[idField.base]!;
  }
}
