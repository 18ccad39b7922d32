"use client";
/**
 * Licence types: a new version of a type's schema (fields, default validity, issuing departments,
 * level), planned with `planDistrict` (its checks and words) and published with `applyDistrictPlan`.
 */
import {
  applyDistrictPlan,
  districtLicenceTypeOf,
  getLicenceType,
  listLicenceTypes,
  planDistrict,
  type DistrictLicenceType,
  type DistrictPlan,
} from "@onewindow/sdk";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { useAdminAbilities, useAdminAction, useReader } from "@/hooks/useAdmin.ts";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { licenceTypeName } from "@/lib/i18n.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { Refusals } from "./AdminParts.tsx";
import { Field, PlanActions } from "./PlanActions.tsx";

export function LicenceTypes() {
  const { m, lang } = useMessages();
  const t = m.admin.licenceTypes;
  const reader = useReader();
  const { account, may } = useAdminAbilities();
  const explain = useErrorText();
  const queryClient = useQueryClient();
  const action = useAdminAction();
  const types = useQuery({
    queryKey: ["admin-types"],
    enabled: reader !== undefined,
    queryFn: () => listLicenceTypes(reader!),
  });
  const [code, setCode] = useState("");
  const typeId = types.data?.find((x) => x.code === code)?.typeId;
  const current = useQuery({
    queryKey: ["admin-type", typeId],
    enabled: reader !== undefined && typeId !== undefined,
    queryFn: async () => ({
      type: await districtLicenceTypeOf(reader!, typeId!),
      chain: await getLicenceType(reader!, { typeId: typeId! }),
    }),
  });
  const [form, setForm] = useState<{ fields: string; validity: number; issuers: string } | undefined>();
  const [plan, setPlan] = useState<DistrictPlan | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!code && types.data?.[0]) setCode(types.data[0].code);
  }, [code, types.data]);
  useEffect(() => {
    const x = current.data?.type;
    setForm(
      x
        ? { fields: x.fieldNames.join("\n"), validity: x.defaultValidityDays, issuers: x.issuers.join(", ") }
        : undefined,
    );
    setPlan(undefined);
    setError(undefined);
  }, [current.data]);

  const edited = (): DistrictLicenceType | undefined =>
    current.data && form
      ? {
          ...current.data.type,
          fieldNames: form.fields.split(/\s+/).filter(Boolean),
          defaultValidityDays: form.validity,
          issuers: form.issuers.split(/[\s,，]+/).filter(Boolean),
        }
      : undefined;
  const makePlan = async () => {
    setPlan(undefined);
    setError(undefined);
    try {
      setPlan(
        await planDistrict(
          reader!,
          { licenceTypes: [edited()!] },
          { officersOf: () => undefined, encryptionKeyOf: () => undefined, caller: account },
        ),
      );
    } catch (e) {
      setError(explain(e));
    }
  };
  const publish = async () => {
    if (!plan) return;
    const ok = await action.run(async (client) => {
      await applyDistrictPlan(client, plan);
      return t.published;
    });
    if (ok) await queryClient.invalidateQueries({ queryKey: ["admin-type", typeId] });
  };
  const update = (patch: Partial<NonNullable<typeof form>>) => {
    setForm({ ...form!, ...patch });
    setPlan(undefined);
  };
  return (
    <>
      <Refusals actions={["publishTypeVersion"]} />
      <Field label={t.pick}>
        <select value={code} onChange={(e) => setCode(e.target.value)} data-testid="type-pick">
          {(types.data ?? []).map((x) => (
            <option key={x.code} value={x.code}>
              {licenceTypeName(lang, x.name)} ({x.code})
            </option>
          ))}
        </select>
      </Field>
      {current.data ? (
        <p data-testid="type-version">
          {format(t.current, {
            v: current.data.chain.currentVersion,
            date: new Date(current.data.chain.version.publishedAt * 1000).toLocaleDateString(
              lang === "zh" ? "zh-CN" : "en-GB",
            ),
          })}
        </p>
      ) : (
        <p className="muted">{m.admin.loading}</p>
      )}
      {form ? (
        <>
          <Field label={t.fields}>
            <textarea
              rows={6}
              value={form.fields}
              onChange={(e) => update({ fields: e.target.value })}
              data-testid="type-fields"
              style={{ fontFamily: "monospace" }}
            />
          </Field>
          <Field label={t.validity}>
            <input
              type="number"
              min={0}
              value={form.validity}
              onChange={(e) => update({ validity: Number(e.target.value) })}
              data-testid="type-validity"
            />
          </Field>
          <Field label={t.issuers}>
            <input
              value={form.issuers}
              onChange={(e) => update({ issuers: e.target.value })}
              data-testid="type-issuers"
            />
          </Field>
          <PlanActions
            plan={plan}
            error={error}
            allowed={may("publishTypeVersion")}
            busy={action.busy}
            result={action.result}
            onPlan={makePlan}
            onApply={publish}
          />
        </>
      ) : null}
    </>
  );
}
