"use client";
/**
 * Calendars: the keeper imports a year's holiday notice (the calendar file format of
 * scripts/data/calendar, read by the SDK's `parseCalendarFile`), sees what differs from the year
 * on chain (holidays and make-up working days added and removed, the source) and the plan, then
 * publishes it (`applyDistrictPlan`: `setYear`).
 */
import {
  applyDistrictPlan,
  getCalendarYear,
  isoFromDate,
  parseCalendarFile,
  planDistrict,
  type CalendarFile,
  type CalendarFileYear,
  type DistrictPlan,
  type GetCalendarYearReturnType,
} from "@onewindow/sdk";
import { useState } from "react";

import { ResultBanner } from "@/components/ResultBanner.tsx";
import { useAdminAbilities, useAdminAction, useReader } from "@/hooks/useAdmin.ts";
import { useErrorText } from "@/hooks/useErrorText.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { PlanView, Refusals } from "./AdminParts.tsx";
import { Field } from "./PlanActions.tsx";

type Compared = { file: CalendarFile; year: CalendarFileYear; chain: GetCalendarYearReturnType; plan: DistrictPlan };

const without = (a: readonly number[], b: readonly number[]) => a.filter((x) => !b.includes(x));

export function Calendars() {
  const { m } = useMessages();
  const t = m.admin.calendars;
  const reader = useReader();
  const { account, may } = useAdminAbilities();
  const explain = useErrorText();
  const action = useAdminAction();
  const [text, setText] = useState("");
  const [compared, setCompared] = useState<Compared | undefined>();
  const [error, setError] = useState<string | undefined>();

  const compare = async () => {
    setCompared(undefined);
    setError(undefined);
    try {
      const file = JSON.parse(text) as CalendarFile;
      const year = parseCalendarFile(file, t.file);
      const [chain, plan] = await Promise.all([
        getCalendarYear(reader!, { year: year.year }),
        planDistrict(
          reader!,
          { calendars: [file] },
          { officersOf: () => undefined, encryptionKeyOf: () => undefined, caller: account },
        ),
      ]);
      setCompared({ file, year, chain, plan });
    } catch (e) {
      setError(e instanceof SyntaxError ? `${t.file}: ${e.message}` : explain(e));
    }
  };
  const publish = async () => {
    if (!compared) return;
    const ok = await action.run(async (client) => {
      await applyDistrictPlan(client, compared.plan);
      return format(t.published, { year: compared.year.year });
    });
    if (ok) setCompared(undefined);
  };
  const dates = (list: readonly number[]) => (list.length === 0 ? t.none : list.map(isoFromDate).join("、"));
  const rows = compared
    ? ([
        ["added-holidays", t.addedHolidays, without(compared.year.holidays, compared.chain.holidays)],
        ["removed-holidays", t.removedHolidays, without(compared.chain.holidays, compared.year.holidays)],
        ["added-workdays", t.addedWorkdays, without(compared.year.makeupWorkdays, compared.chain.makeupWorkdays)],
        ["removed-workdays", t.removedWorkdays, without(compared.chain.makeupWorkdays, compared.year.makeupWorkdays)],
      ] as const)
    : [];
  return (
    <>
      <p className="muted">{t.intro}</p>
      <Refusals actions={["setYear"]} />
      <Field label={t.file}>
        <textarea
          rows={8}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setCompared(undefined);
          }}
          data-testid="calendar-json"
          style={{ fontFamily: "monospace" }}
        />
      </Field>
      <input
        type="file"
        accept="application/json,.json"
        aria-label={t.file}
        data-testid="calendar-file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) setText(await f.text());
          setCompared(undefined);
        }}
      />
      <p>
        <button type="button" className="secondary" onClick={compare} disabled={!reader} data-testid="calendar-compare">
          {t.compare}
        </button>{" "}
        <button
          type="button"
          onClick={publish}
          disabled={
            !compared ||
            compared.plan.changes.length === 0 ||
            compared.plan.refused.length > 0 ||
            action.busy ||
            !may("setYear")
          }
          data-testid="plan-apply"
        >
          {t.publish}
        </button>
      </p>
      {error ? (
        <p className="banner error" role="alert" data-testid="plan-error">
          {error}
        </p>
      ) : null}
      {compared ? (
        <section className="card" data-testid="calendar-diff">
          <h3>{format(t.year, { year: compared.year.year })}</h3>
          {!compared.chain.isSet ? <p>{format(t.notSet, { year: compared.year.year })}</p> : null}
          {compared.plan.changes.length === 0 && compared.plan.refused.length === 0 ? (
            <p data-testid="calendar-same">{t.same}</p>
          ) : null}
          <dl>
            {rows.map(([id, label, list]) => (
              <div key={id} data-testid={`calendar-${id}`}>
                <dt>{label}</dt>
                <dd>{dates(list)}</dd>
              </div>
            ))}
            <div data-testid="calendar-source">
              <dt>{t.source}</dt>
              <dd>
                {compared.chain.isSet && compared.chain.source !== compared.year.source ? (
                  <>
                    <del>{compared.chain.source}</del> → <ins>{compared.year.source}</ins>
                  </>
                ) : (
                  compared.year.source
                )}
              </dd>
            </div>
          </dl>
        </section>
      ) : null}
      {compared ? <PlanView plan={compared.plan} /> : null}
      <ResultBanner result={action.result} testId="admin-result" />
    </>
  );
}
