/** Step 2 of `loadDistrict`: every reference and every matter's shape checked, nothing sent yet. */
import { encodeMatterVersion } from "../../actions/catalogue/internal/encode.ts";
import { Check } from "../../utils/input.ts";
import { definitionOf, PLACEHOLDER_RULE } from "./matters.ts";
import { matterOrder, ruleOrder } from "./order.ts";
import type { DistrictLoad } from "./state.ts";

/**
 * Checks that every department, licence type, rule, matter and condition code the data refers to
 * is in the data or on chain, that rules and matter links have no cycle, that an output step's
 * department is an issuer of its output type (when the type is in the data), and that every matter
 * encodes (dependencies, time limits, names, …): an `InvalidParameterError` names the bad entry.
 */
export function checkDistrict(load: DistrictLoad): void {
  const { check, departments, licenceTypes, rules, matters, conditions } = load;
  const inData = (list: readonly { code: string }[], code: string) => list.some((item) => item.code === code);
  const need =
    (kind: string, list: readonly { code: string }[], ids: Map<string, unknown>) => (at: string, code: unknown) => {
      if (typeof code !== "string" || (!inData(list, code) && !ids.has(code))) {
        check.fail(
          at,
          `unknown ${kind} code ${JSON.stringify(code)}: not in the data and not on chain`,
          `未知的${kind}代码 ${String(code)}`,
        );
      }
    };
  const needDepartment = need("department", departments, load.departmentIds);
  const needType = need("licence type", licenceTypes, load.typeIds);
  const needRule = need("rule", rules, load.knownRules);
  const needMatter = need("matter", matters, load.matterIds);
  for (const [i, t] of licenceTypes.entries()) {
    t.issuers.forEach((code, k) => needDepartment(`licenceTypes[${i}].issuers[${k}]`, code));
  }
  for (const [i, r] of rules.entries()) {
    if (r.kind === "holdsValidLicence") needType(`rules[${i}].licenceType`, r.licenceType);
    else if (r.kind === "composite") r.rules.forEach((code, k) => needRule(`rules[${i}].rules[${k}]`, code));
    else if (r.kind !== "notRestricted")
      check.fail(`rules[${i}].kind`, "expected holdsValidLicence, notRestricted or composite", "规则类型无效");
  }
  ruleOrder(check, rules);
  for (const [i, m] of matters.entries()) {
    const at = `matters[${i}]`;
    m.steps.forEach((s, k) => {
      needDepartment(`${at}.steps[${k}].department`, s.department);
      if (s.rule !== undefined) needRule(`${at}.steps[${k}].rule`, s.rule);
      if (s.issues !== undefined) {
        needType(`${at}.steps[${k}].issues`, s.issues);
        // The catalogue refuses an output step whose department may not issue the output type
        // (ServiceCatalogOutputIssuerNotAuthorised): say so by codes before anything is sent.
        const type = licenceTypes.find((t) => t.code === s.issues);
        if (type && !type.issuers.includes(s.department)) {
          check.fail(
            `${at}.steps[${k}].department`,
            `${s.department} may not issue ${s.issues} (its issuers: ${type.issuers.join(", ")}): the output licence would fail the issuer check`,
            `部门 ${s.department} 无权签发证照类型 ${s.issues}（签发部门：${type.issuers.join("、")}），按此办结的证照将无法通过签发部门核验`,
          );
        }
      }
    });
    m.materials.forEach((material, k) => {
      if (material.kind === "licence") {
        needType(`${at}.materials[${k}].licenceType`, material.licenceType);
        if (material.consent) needDepartment(`${at}.materials[${k}].consent.department`, material.consent.department);
      }
      (material.condition ?? []).forEach((name, c) => {
        if (!Object.hasOwn(conditions, name)) {
          check.fail(
            `${at}.materials[${k}].condition[${c}]`,
            `unknown condition flag ${JSON.stringify(name)}`,
            `未知的情形标志 ${name}`,
          );
        }
      });
    });
    (m.links ?? []).forEach((link, k) => needMatter(`${at}.links[${k}].matter`, link.matter));
    // The shape, with stand-in ids: dependencies, cycles, time limits, names, …
    encodeMatterVersion(
      definitionOf(m, {
        department: () => 1,
        type: () => 1,
        rule: () => PLACEHOLDER_RULE,
        matter: () => 1,
        condition: (name) => conditions[name] ?? 0,
        fields: () => 0n,
      }),
      new Check(`loadDistrict: ${at} (${m.code})`),
    );
  }
  matterOrder(check, matters, load.matterIds);
}
