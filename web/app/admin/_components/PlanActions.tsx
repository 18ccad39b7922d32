"use client";
/**
 * The plan-then-sign block of the console's forms: "make the plan" (planDistrict, no signature),
 * "apply" (enabled only for a plan with changes, no refusals, nothing busy and the ability held),
 * the planning error, the plan in words and the result of applying it.
 */
import type { DistrictPlan } from "@onewindow/sdk";
import type { ReactNode } from "react";

import { ResultBanner, type ActionResult } from "@/components/ResultBanner.tsx";
import { useMessages } from "@/lib/platform-context.tsx";
import { FIELD, PlanView } from "./AdminParts.tsx";

export function PlanActions({
  plan,
  error,
  allowed,
  busy,
  result,
  onPlan,
  onApply,
  planDisabled = false,
  planLabel,
  applyLabel,
}: {
  plan: DistrictPlan | undefined;
  /** Why the plan could not be made, in words. */
  error: string | undefined;
  /** Whether the account holds the ability the plan needs. */
  allowed: boolean;
  busy: boolean;
  result: ActionResult | undefined;
  onPlan: () => void;
  onApply: () => void;
  planDisabled?: boolean | undefined;
  /** Default: the console's "make the plan" and "apply". */
  planLabel?: string | undefined;
  applyLabel?: string | undefined;
}) {
  const { m } = useMessages();
  return (
    <>
      <p>
        <button type="button" className="secondary" onClick={onPlan} disabled={planDisabled} data-testid="plan-make">
          {planLabel ?? m.admin.plan}
        </button>{" "}
        <button
          type="button"
          onClick={onApply}
          disabled={!plan || plan.changes.length === 0 || plan.refused.length > 0 || !allowed || busy}
          data-testid="plan-apply"
        >
          {applyLabel ?? m.admin.apply}
        </button>
      </p>
      {error ? (
        <p className="banner error" role="alert" data-testid="plan-error">
          {error}
        </p>
      ) : null}
      {plan ? <PlanView plan={plan} /> : null}
      <ResultBanner result={result} testId="admin-result" />
    </>
  );
}

/** A form field with its label above it. */
export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <label style={FIELD}>
      {label}
      {children}
    </label>
  );
}
