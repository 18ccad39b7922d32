/** Checks and orderings over the data's lists: codes unique, rules and matters in dependency levels. */
import type { Check } from "../../utils/input.ts";
import type { DistrictMatter, DistrictRule } from "../types.ts";

/** Each code appears once in its list. */
export function unique(check: Check, list: string, items: readonly { code: string }[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (typeof item?.code !== "string" || item.code.length === 0)
      check.fail(`${list}[${i}].code`, "expected a code", "缺少代码");
    if (seen.has(item.code))
      check.fail(`${list}[${i}].code`, `code ${item.code} appears twice`, `代码 ${item.code} 重复`);
    seen.add(item.code);
  });
}

/** The rules in levels: each level only combines rules of earlier levels (or known ones). */
export function ruleOrder(check: Check, rules: readonly DistrictRule[]): DistrictRule[][] {
  return levels(check, "rules", rules, (r) => (r.kind === "composite" ? r.rules : []), "combine each other");
}

/** The matters in levels: each level only links to matters of earlier levels (or on chain). */
export function matterOrder(
  check: Check,
  matters: readonly DistrictMatter[],
  onChain: Map<string, number>,
): DistrictMatter[][] {
  return levels(
    check,
    "matters",
    matters,
    (m) => (m.links ?? []).map((link) => link.matter).filter((code) => !onChain.has(code)),
    "link to each other",
  );
}

/** Kahn's algorithm by levels over the `after` edges that stay inside `items`. */
function levels<T extends { code: string }>(
  check: Check,
  list: string,
  items: readonly T[],
  after: (item: T) => readonly string[],
  verb: string,
): T[][] {
  const codes = new Set(items.map((item) => item.code));
  const done = new Set<string>();
  const result: T[][] = [];
  let pending = [...items];
  while (pending.length > 0) {
    const ready = pending.filter((item) => after(item).every((code) => !codes.has(code) || done.has(code)));
    if (ready.length === 0) {
      const names = pending.map((item) => item.code).join(", ");
      check.fail(
        list,
        `${names} ${verb} in a cycle: none can be registered first`,
        `${names} 相互循环引用，无法先登记其中任何一个`,
      );
    }
    ready.forEach((item) => done.add(item.code));
    result.push(ready);
    pending = pending.filter((item) => !done.has(item.code));
  }
  return result;
}
