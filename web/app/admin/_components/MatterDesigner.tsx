"use client";
/**
 * The matter designer: a matter's current version in the district format (codes, not ids), edited
 * here (steps, materials licence or upload, always or conditional, approval rules, the output
 * licence), checked by the SDK exactly as the catalogue contract checks it (`planDistrict`:
 * dependencies and cycles, time limits, names, issuers) before any signature, and published as a
 * new version with `applyDistrictPlan`. The current version and the history come from the chain.
 */
import {
  applyDistrictPlan,
  CONDITION_FLAGS,
  conditionFlagsOf,
  criticalPath,
  districtMatterOf,
  getMatter,
  listDepartments,
  listLicenceTypes,
  listMatters,
  planDistrict,
  type DistrictMaterial,
  type DistrictMatter,
  type DistrictPlan,
  type DistrictRule,
  type DistrictStep,
} from "@onewindow/sdk";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";

import { StepGraph } from "@/components/StepGraph.tsx";
import { useAdminAbilities, useAdminAction, useReader } from "@/hooks/useAdmin.ts";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { licenceTypeName } from "@/lib/i18n.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import type { ConditionName } from "@/lib/labels.ts";
import { format } from "@/messages/index.ts";
import { Refusals } from "./AdminParts.tsx";
import { Field, PlanActions } from "./PlanActions.tsx";

/** A new rule the designer deploys with the version: the applicant holds a valid licence of a type. */
const NEW_RULE = "new:";

/**
 * `conditions`: the condition flags as the catalogue's published metadata names them (a material's
 * conditions are written by code; `C<n>` stands for a bit the metadata does not name).
 */
export function MatterDesigner({ conditions }: { conditions: readonly ConditionName[] }) {
  const { m, lang } = useMessages();
  const flags = useMemo(() => conditionFlagsOf(conditions), [conditions]);
  const t = m.admin.matters;
  const reader = useReader();
  const { account, may } = useAdminAbilities();
  const explain = useErrorText();
  const queryClient = useQueryClient();
  const action = useAdminAction();
  const lists = useQuery({
    queryKey: ["admin-matter-lists"],
    enabled: reader !== undefined,
    queryFn: async () => {
      const [matters, departments, types] = await Promise.all([
        listMatters(reader!, { limit: 500 }),
        listDepartments(reader!),
        listLicenceTypes(reader!),
      ]);
      return { matters: matters.matters, departments, types };
    },
  });
  const [code, setCode] = useState("");
  const matterId = lists.data?.matters.find((x) => x.code === code)?.matterId;
  const current = useQuery({
    queryKey: ["admin-matter", matterId],
    enabled: reader !== undefined && matterId !== undefined,
    queryFn: async () => {
      const onChain = await districtMatterOf(reader!, { matterId: matterId!, conditions: flags });
      const history = await Promise.all(
        Array.from({ length: onChain.version }, (_, i) => getMatter(reader!, { matterId: matterId!, version: i + 1 })),
      );
      return { ...onChain, history };
    },
  });
  const [draft, setDraft] = useState<DistrictMatter | undefined>();
  const [dependsText, setDependsText] = useState<string[]>([]);
  const [conditionText, setConditionText] = useState<string[]>([]);
  const [plan, setPlan] = useState<DistrictPlan | undefined>();
  const [planError, setPlanError] = useState<string | undefined>();

  useEffect(() => {
    if (!code && lists.data?.matters[0]) setCode(lists.data.matters[0].code);
  }, [code, lists.data]);
  useEffect(() => {
    if (!current.data) return;
    setDraft(current.data.matter);
    setDependsText(current.data.matter.steps.map((s) => (s.dependsOn ?? []).join(", ")));
    setConditionText(current.data.matter.materials.map((x) => (x.condition ?? []).join(", ")));
    setPlan(undefined);
    setPlanError(undefined);
  }, [current.data]);

  const departmentName = (c: string) => lists.data?.departments.find((d) => d.code === c)?.name ?? c;
  const typeName = (c: string) =>
    ((x) => (x ? licenceTypeName(lang, x.name) : c))(lists.data?.types.find((y) => y.code === c));
  const numbers = (text: string) =>
    text
      .split(/[\s,，]+/)
      .filter(Boolean)
      .map(Number);
  const names = (text: string) => text.split(/[\s,，]+/).filter(Boolean);

  /** The draft as it will be planned: dependencies and conditions from their text fields. */
  const edited = useMemo((): DistrictMatter | undefined => {
    if (!draft) return undefined;
    return {
      ...draft,
      steps: draft.steps.map((s, i) => {
        const dependsOn = numbers(dependsText[i] ?? "");
        const { dependsOn: _d, ...rest } = s;
        return dependsOn.length > 0 ? { ...rest, dependsOn } : rest;
      }),
      materials: draft.materials.map((x, i) => {
        const condition = names(conditionText[i] ?? "");
        const { condition: _c, ...rest } = x;
        return (condition.length > 0 ? { ...rest, condition } : rest) as DistrictMaterial;
      }),
    };
  }, [draft, dependsText, conditionText]);
  const newRules = useMemo((): DistrictRule[] => {
    const out = new Map<string, DistrictRule>();
    for (const s of edited?.steps ?? []) {
      if (s.rule?.startsWith(NEW_RULE)) {
        const licenceType = s.rule.slice(NEW_RULE.length);
        out.set(s.rule, { code: s.rule, kind: "holdsValidLicence", licenceType });
      }
    }
    return [...out.values()];
  }, [edited]);
  const path = useMemo(() => {
    try {
      return criticalPath((edited?.steps ?? []).map((s) => ({ dependsOn: s.dependsOn ?? [], limitDays: s.timeLimit })));
    } catch {
      return undefined;
    }
  }, [edited]);

  const change = (next: DistrictMatter) => {
    setDraft(next);
    setPlan(undefined);
    setPlanError(undefined);
  };
  const setStep = (i: number, patch: Partial<DistrictStep>) =>
    change({ ...draft!, steps: draft!.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setMaterial = (i: number, next: DistrictMaterial) =>
    change({ ...draft!, materials: draft!.materials.map((x, j) => (j === i ? next : x)) });

  const validate = async () => {
    setPlan(undefined);
    setPlanError(undefined);
    try {
      setPlan(
        await planDistrict(
          reader!,
          { matters: [edited!], rules: newRules, conditions: { ...CONDITION_FLAGS, ...flags } },
          {
            officersOf: () => undefined,
            encryptionKeyOf: () => undefined,
            rules: current.data!.rules,
            caller: account,
          },
        ),
      );
    } catch (error) {
      setPlanError(explain(error));
    }
  };
  const publish = async () => {
    if (!plan) return;
    const ok = await action.run(async (client) => {
      await applyDistrictPlan(client, plan);
      return t.published;
    });
    if (ok) {
      setPlan(undefined);
      await queryClient.invalidateQueries({ queryKey: ["admin-matter", matterId] });
    }
  };

  const types = lists.data?.types ?? [];
  const knownRules = Object.keys(current.data?.rules ?? {});
  const date = (s: number) => new Date(s * 1000).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB");
  return (
    <>
      <p className="muted">{t.intro}</p>
      <Refusals actions={["publishMatterVersion"]} />
      <Field label={t.pick}>
        <select value={code} onChange={(e) => setCode(e.target.value)} data-testid="matter-pick">
          {(lists.data?.matters ?? []).map((x) => (
            <option key={x.code} value={x.code}>
              {x.name} ({x.code})
            </option>
          ))}
        </select>
      </Field>
      {current.data ? (
        <details data-testid="matter-history" open>
          <summary data-testid="matter-version">{format(t.version, { v: current.data.version })}</summary>
          <ul>
            {current.data.history.map((v) => (
              <li key={v.version} data-testid="matter-history-version">
                {format(t.publishedAt, {
                  v: v.version,
                  date: date(v.publishedAt),
                  steps: v.definition.steps.length,
                  materials: v.definition.materials.length,
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="muted">{m.admin.loading}</p>
      )}
      {draft && edited ? (
        <>
          <h2>{t.steps}</h2>
          {path ? (
            <p data-testid="designer-result">
              <span className="tag">{format(m.designer.criticalPath, { n: path.days })}</span>{" "}
              <span className="tag">{format(m.designer.sequential, { n: path.sequentialDays })}</span>
            </p>
          ) : null}
          {path ? (
            <div style={{ overflowX: "auto" }}>
              <StepGraph
                title={t.steps}
                steps={edited.steps.map((s, index) => ({
                  index,
                  label: departmentName(s.department),
                  sublabel: `${s.timeLimit} ${t.days}`,
                  dependsOn: s.dependsOn ?? [],
                  tone: path.path.includes(index) ? "critical" : "pending",
                }))}
              />
            </div>
          ) : null}
          {draft.steps.map((s, i) => (
            <fieldset key={i} data-testid="step" className="card" style={{ marginBottom: "0.5rem", minWidth: 0 }}>
              <legend>{format(t.step, { n: i })}</legend>
              <label>
                {t.department}
                <select
                  style={{ maxWidth: "100%" }}
                  value={s.department}
                  onChange={(e) => setStep(i, { department: e.target.value })}
                  aria-label={`${t.department} ${i}`}
                  data-testid="step-department"
                >
                  {(lists.data?.departments ?? []).map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>{" "}
              <label>
                {t.days}
                <input
                  type="number"
                  min={1}
                  value={s.timeLimit}
                  onChange={(e) => setStep(i, { timeLimit: Number(e.target.value) })}
                  aria-label={`${t.days} ${i}`}
                  data-testid="step-days"
                  style={{ width: "5rem" }}
                />
              </label>{" "}
              <label>
                {t.dependsOn}
                <input
                  value={dependsText[i] ?? ""}
                  onChange={(e) => {
                    setDependsText(dependsText.map((x, j) => (j === i ? e.target.value : x)));
                    setPlan(undefined);
                    setPlanError(undefined);
                  }}
                  aria-label={`${t.dependsOn} ${i}`}
                  data-testid="step-depends"
                  style={{ width: "6rem" }}
                />
              </label>{" "}
              <label>
                {t.rule}
                <select
                  style={{ maxWidth: "100%" }}
                  value={s.rule ?? ""}
                  onChange={(e) => {
                    const { rule: _r, ...rest } = s;
                    const next: DistrictStep = e.target.value ? { ...rest, rule: e.target.value } : rest;
                    change({ ...draft, steps: draft.steps.map((x, j) => (j === i ? next : x)) });
                  }}
                  data-testid="step-rule"
                >
                  <option value="">{t.noRule}</option>
                  {knownRules.map((r) => (
                    <option key={r} value={r}>
                      {r.slice(0, 10)}…
                    </option>
                  ))}
                  {types.map((x) => (
                    <option key={x.code} value={`${NEW_RULE}${x.code}`}>
                      {format(t.newRule, { type: licenceTypeName(lang, x.name) })}
                    </option>
                  ))}
                </select>
              </label>{" "}
              <label>
                {t.issues}
                <select
                  style={{ maxWidth: "100%" }}
                  value={s.issues ?? ""}
                  onChange={(e) => {
                    const { issues: _x, ...rest } = s;
                    const next: DistrictStep = e.target.value ? { ...rest, issues: e.target.value } : rest;
                    change({ ...draft, steps: draft.steps.map((x, j) => (j === i ? next : x)) });
                  }}
                  data-testid="step-issues"
                >
                  <option value="">{t.noIssue}</option>
                  {types.map((x) => (
                    <option key={x.code} value={x.code}>
                      {licenceTypeName(lang, x.name)}
                    </option>
                  ))}
                </select>
              </label>{" "}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  change({ ...draft, steps: draft.steps.filter((_, j) => j !== i) });
                  setDependsText(dependsText.filter((_, j) => j !== i));
                }}
              >
                {t.remove}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="secondary"
            data-testid="add-step"
            onClick={() => {
              change({
                ...draft,
                steps: [...draft.steps, { department: draft.steps[0]?.department ?? "", timeLimit: 5 }],
              });
              setDependsText([...dependsText, draft.steps.length > 0 ? "0" : ""]);
            }}
          >
            {t.addStep}
          </button>

          <h2>{t.materials}</h2>
          {draft.materials.map((x, i) => (
            <fieldset key={i} data-testid="material" className="card" style={{ marginBottom: "0.5rem", minWidth: 0 }}>
              <legend>{format(t.material, { n: i })}</legend>
              <select
                style={{ maxWidth: "100%" }}
                value={x.kind}
                aria-label={`${t.material} ${i}`}
                data-testid="material-kind"
                onChange={(e) =>
                  setMaterial(
                    i,
                    e.target.value === "upload"
                      ? { kind: "upload", name: x.name }
                      : { kind: "licence", name: x.name, licenceType: types[0]?.code ?? "" },
                  )
                }
              >
                <option value="licence">{t.kindLicence}</option>
                <option value="upload">{t.kindUpload}</option>
              </select>{" "}
              <label>
                {t.materialName}
                <input
                  value={x.name}
                  onChange={(e) => setMaterial(i, { ...x, name: e.target.value })}
                  data-testid="material-name"
                />
              </label>{" "}
              {x.kind === "licence" ? (
                <label>
                  {t.licenceType}
                  <select
                    style={{ maxWidth: "100%" }}
                    value={x.licenceType}
                    onChange={(e) => setMaterial(i, { ...x, licenceType: e.target.value })}
                    data-testid="material-type"
                  >
                    {types.map((y) => (
                      <option key={y.code} value={y.code}>
                        {typeName(y.code)}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}{" "}
              <label>
                {t.condition}
                <input
                  value={conditionText[i] ?? ""}
                  placeholder={t.always}
                  title={t.conditional}
                  onChange={(e) => {
                    setConditionText(conditionText.map((c, j) => (j === i ? e.target.value : c)));
                    setPlan(undefined);
                  }}
                  data-testid="material-condition"
                  style={{ width: "12rem" }}
                />
              </label>{" "}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  change({ ...draft, materials: draft.materials.filter((_, j) => j !== i) });
                  setConditionText(conditionText.filter((_, j) => j !== i));
                }}
              >
                {t.remove}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="secondary"
            data-testid="add-material"
            onClick={() => {
              change({ ...draft, materials: [...draft.materials, { kind: "upload", name: "" }] });
              setConditionText([...conditionText, ""]);
            }}
          >
            {t.addMaterial}
          </button>
          {conditions.length > 0 ? (
            <p className="muted" data-testid="condition-names">
              {t.conditionNames}{" "}
              {conditions.map((c) => `${c.code} = ${c[lang] ?? c.code}`).join(lang === "en" ? "; " : "；")}
            </p>
          ) : null}
          <PlanActions
            plan={plan}
            error={planError}
            allowed={may("publishMatterVersion")}
            busy={action.busy}
            result={action.result}
            onPlan={validate}
            onApply={publish}
            planLabel={t.validate}
            applyLabel={t.publish}
          />
        </>
      ) : null}
    </>
  );
}
