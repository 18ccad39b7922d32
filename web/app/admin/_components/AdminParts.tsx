"use client";
/** Pieces every console page uses: the section links, the refusal in words, a district plan in words. */
import {
  describeChange,
  describePending,
  describePlan,
  describeRefusal,
  type AdminActionId,
  type DistrictPlan,
} from "@onewindow/sdk";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { useAdminAbilities } from "@/hooks/useAdmin.ts";
import { useMessages } from "@/lib/platform-context.tsx";

const SECTIONS = [
  ["/admin", "home"],
  ["/admin/departments", "departments"],
  ["/admin/licence-types", "licenceTypes"],
  ["/admin/calendars", "calendars"],
  ["/admin/matters", "matters"],
] as const;

export function AdminNav() {
  const { m } = useMessages();
  const path = usePathname();
  return (
    <nav
      aria-label={m.admin.title}
      data-testid="admin-nav"
      style={{ display: "flex", flexWrap: "wrap", gap: "0.4rem 1rem", margin: "0.5rem 0 1rem" }}
    >
      {SECTIONS.map(([href, key]) => (
        <Link
          key={href}
          href={href}
          aria-current={path === href ? "page" : undefined}
          style={path === href ? { fontWeight: 700 } : undefined}
        >
          {m.admin.sections[key]}
        </Link>
      ))}
    </nav>
  );
}

/** Says which of `actions` the connected account may not take, and why (from the chain), or asks to connect. */
export function Refusals({ actions }: { actions: readonly AdminActionId[] }) {
  const { m, lang } = useMessages();
  const { account, data, isLoading } = useAdminAbilities();
  if (!account)
    return (
      <p className="banner warn" role="status" data-testid="admin-connect">
        {m.admin.connectFirst}
      </p>
    );
  if (isLoading || !data) return <p className="muted">{m.admin.loading}</p>;
  const refused = data.abilities.filter((a) => actions.includes(a.id) && a.may === "no");
  if (refused.length === 0) return null;
  return (
    <div className="banner error" role="alert" data-testid="admin-refused">
      <p>{m.admin.refused}</p>
      <ul>
        {refused.map((a) => (
          <li key={a.id}>
            {a.label[lang]}: {a.reason?.[lang]}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A Unix time in the browser's local time, with its zone (e.g. "3 Dec 2026, 15:04 GMT+8"). */
export function localTimeText(lang: "zh" | "en", seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** A district plan in the words of `onewindow district plan` (times in local time with the zone). */
export function PlanView({ plan }: { plan: DistrictPlan }) {
  const { m, lang } = useMessages();
  const time = (seconds: number) => localTimeText(lang, seconds);
  return (
    <section className="card" data-testid="plan" aria-label={m.admin.planTitle}>
      <h3>{m.admin.planTitle}</h3>
      <p data-testid="plan-summary">{describePlan(plan, lang, time).split("\n")[0]}</p>
      <ul>
        {plan.changes.map((c, i) => (
          <li key={`c${i}`} data-testid="plan-change" data-kind={c.kind} data-action={c.action}>
            {describeChange(c, lang, time)}
          </li>
        ))}
        {plan.pending.map((p, i) => (
          <li key={`p${i}`} data-testid="plan-pending">
            {describePending(p, lang, time)}
          </li>
        ))}
        {plan.refused.map((r, i) => (
          <li key={`r${i}`} data-testid="plan-refused" className="error">
            {describeRefusal(r, lang)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A form's fields in columns that wrap on a phone. */
export const FORM_GRID = {
  display: "grid",
  gridTemplateColumns: "repeat(auto-fit, minmax(14rem, 1fr))",
  gap: "0.6rem 1rem",
  margin: "0.6rem 0",
} as const;

/** A label above its field, the field as wide as the column. */
export const FIELD = { display: "flex", flexDirection: "column", alignItems: "stretch", margin: "0.4rem 0" } as const;
