"use client";
/**
 * Departments: create one, or change one's name, level, kind, officers, threshold and encryption
 * key. The change is planned with the SDK's `planDistrict` (the words of `onewindow district plan`,
 * with the AccessManager's execution delay) before the wallet signs; `applyDistrictPlan` then sends
 * or schedules exactly that plan. Scheduled operations are listed with their time, to execute or cancel.
 */
import {
  applyDistrictPlan,
  cancelScheduledOperation,
  executeScheduledOperation,
  levelName,
  listDepartments,
  listScheduledOperations,
  planDistrict,
  type DistrictDepartment,
  type DistrictPlan,
} from "@onewindow/sdk";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Address, Hex } from "viem";

import { useAdminAbilities, useAdminAction, useReader } from "@/hooks/useAdmin.ts";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { FORM_GRID, localTimeText, Refusals } from "./AdminParts.tsx";
import { Field, PlanActions } from "./PlanActions.tsx";

type Form = DistrictDepartment & { officersText: string; key: string };

const EMPTY: Form = {
  code: "",
  name: "",
  level: "district",
  kind: "government",
  threshold: 1,
  officersText: "",
  key: "",
};

export function Departments() {
  const { m, lang } = useMessages();
  const t = m.admin.departments;
  const reader = useReader();
  const { account, may } = useAdminAbilities();
  const explain = useErrorText();
  const queryClient = useQueryClient();
  const departments = useQuery({
    queryKey: ["admin-departments"],
    enabled: reader !== undefined,
    queryFn: () => listDepartments(reader!),
  });
  const scheduled = useQuery({
    queryKey: ["admin-scheduled"],
    enabled: reader !== undefined,
    queryFn: () => listScheduledOperations(reader!),
  });
  const [picked, setPicked] = useState<string>("");
  const [form, setForm] = useState<Form>(EMPTY);
  const [plan, setPlan] = useState<DistrictPlan | undefined>();
  const [planError, setPlanError] = useState<string | undefined>();
  const action = useAdminAction();
  const allowed = may("setOfficers") && may("registerDepartment") && may("updateDepartment");

  const pick = (code: string) => {
    setPicked(code);
    setPlan(undefined);
    setPlanError(undefined);
    const d = departments.data?.find((x) => x.code === code);
    setForm(
      d
        ? {
            code: d.code,
            name: d.name,
            level: levelName(d.level),
            kind: d.kind === 1 ? "publicService" : "government",
            threshold: d.threshold,
            officersText: d.officers.join("\n"),
            key: d.encryptionKey,
          }
        : EMPTY,
    );
  };
  const officers = (): Address[] =>
    form.officersText
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean) as Address[];
  const update = (change: Partial<Form>) => {
    setForm({ ...form, ...change });
    setPlan(undefined);
  };

  const makePlan = async () => {
    setPlan(undefined);
    setPlanError(undefined);
    try {
      const { officersText: _o, key, ...department } = form;
      setPlan(
        await planDistrict(
          reader!,
          { departments: [department] },
          {
            officersOf: () => officers(),
            encryptionKeyOf: () => (key.trim() === "" ? undefined : (key.trim() as Hex)),
            caller: account,
          },
        ),
      );
    } catch (error) {
      setPlanError(explain(error));
    }
  };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["admin-departments"] }),
      queryClient.invalidateQueries({ queryKey: ["admin-scheduled"] }),
    ]);
  const apply = async () => {
    if (!plan) return;
    let executableAt: number | undefined;
    const ok = await action.run(async (client) => {
      const result = await applyDistrictPlan(client, plan, {
        onProgress: (e) => {
          if (e.executableAt !== undefined) executableAt = e.executableAt;
        },
      });
      return executableAt !== undefined
        ? format(m.admin.scheduledDone, { at: localTimeText(lang, executableAt) })
        : format(m.admin.applied, { n: result.updated, c: result.created });
    });
    if (ok) setPlan(undefined);
    await refresh();
  };
  const nameOf = (id: unknown) => departments.data?.find((d) => BigInt(d.departmentId) === BigInt(id as number))?.name;

  return (
    <>
      <Refusals actions={["registerDepartment", "updateDepartment", "setOfficers"]} />
      <Field label={t.pick}>
        <select value={picked} onChange={(e) => pick(e.target.value)} data-testid="department-pick">
          <option value="">{t.new}</option>
          {(departments.data ?? []).map((d) => (
            <option key={d.code} value={d.code}>
              {d.name} ({d.code})
            </option>
          ))}
        </select>
      </Field>
      <div style={FORM_GRID}>
        <Field label={t.code}>
          <input
            value={form.code}
            disabled={picked !== ""}
            onChange={(e) => update({ code: e.target.value })}
            data-testid="department-code"
          />
        </Field>
        <Field label={t.name}>
          <input value={form.name} onChange={(e) => update({ name: e.target.value })} data-testid="department-name" />
        </Field>
        <Field label={t.level}>
          <select
            value={form.level}
            onChange={(e) => update({ level: e.target.value as Form["level"] })}
            data-testid="department-level"
          >
            {(["national", "municipal", "district"] as const).map((l) => (
              <option key={l} value={l}>
                {t.levels[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.kind}>
          <select
            value={form.kind}
            onChange={(e) => update({ kind: e.target.value as Form["kind"] })}
            data-testid="department-kind"
          >
            {(["government", "publicService"] as const).map((k) => (
              <option key={k} value={k}>
                {t.kinds[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.threshold}>
          <input
            type="number"
            min={1}
            value={form.threshold}
            onChange={(e) => update({ threshold: Number(e.target.value) })}
            data-testid="department-threshold"
          />
        </Field>
      </div>
      <Field label={t.officers}>
        <textarea
          rows={4}
          value={form.officersText}
          onChange={(e) => update({ officersText: e.target.value })}
          data-testid="department-officers"
          style={{ fontFamily: "monospace" }}
        />
      </Field>
      <Field label={t.key}>
        <input
          value={form.key}
          onChange={(e) => update({ key: e.target.value })}
          data-testid="department-key"
          style={{ fontFamily: "monospace" }}
        />
      </Field>
      <PlanActions
        plan={plan}
        error={planError}
        allowed={allowed}
        busy={action.busy}
        result={action.result}
        onPlan={makePlan}
        onApply={apply}
        planDisabled={!reader}
      />

      <h2>{t.scheduled}</h2>
      {(scheduled.data ?? []).length === 0 ? (
        <p className="muted" data-testid="scheduled-none">
          {t.noScheduled}
        </p>
      ) : (
        <div className="table-wrap">
          <table data-testid="scheduled">
            <thead>
              <tr>
                <th>{t.operation}</th>
                <th>{t.department}</th>
                <th>{t.executableAt}</th>
                <th>{t.state}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {scheduled.data!.map((op) => (
                <tr
                  key={op.operationId}
                  data-testid="scheduled-op"
                  data-due={op.due ? "yes" : "no"}
                  data-officers={
                    op.functionName === "setOfficers" ? (op.args[1] as readonly string[]).join(",").toLowerCase() : ""
                  }
                >
                  <td>
                    {t.functions[op.functionName ?? ""] ?? op.functionName ?? op.data.slice(0, 10)}
                    {op.functionName === "setOfficers" ? (
                      <div className="muted">
                        {format(t.officersLine, {
                          n: (op.args[1] as readonly string[]).length,
                          t: String(op.args[2]),
                        })}
                      </div>
                    ) : null}
                  </td>
                  <td>{nameOf(op.args[0]) ?? "—"}</td>
                  <td>{localTimeText(lang, op.executableAt)}</td>
                  <td data-testid="scheduled-state">{op.due ? t.due : t.waiting}</td>
                  <td>
                    <button
                      type="button"
                      disabled={!op.due || action.busy || account?.toLowerCase() !== op.caller.toLowerCase()}
                      data-testid="scheduled-execute"
                      onClick={async () => {
                        await action.run(async (client) => {
                          await executeScheduledOperation(client, op);
                          return t.executed;
                        });
                        await refresh();
                      }}
                    >
                      {t.execute}
                    </button>{" "}
                    <button
                      type="button"
                      className="secondary"
                      disabled={action.busy || !account}
                      data-testid="scheduled-cancel"
                      onClick={async () => {
                        await action.run(async (client) => {
                          await cancelScheduledOperation(client, op);
                          return t.cancelled;
                        });
                        await refresh();
                      }}
                    >
                      {t.cancel}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
