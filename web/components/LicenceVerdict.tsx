"use client";
/**
 * A checked licence as a person reads it: first the one line that matters (revoked, suspended,
 * expired, altered… or valid), then the verdict's parts, each with ✓/✗ and its reasons in words
 * (any number of parts: more can be added later), the fields with their labels, each proven or not,
 * and the block the answer was read at.
 */
import type { ReactNode } from "react";

import type { CheckedLicence } from "@/lib/licence-check.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { fieldLabel, verdictHeadline, verdictParts, type VerdictPart } from "@/lib/verdict.ts";
import { format } from "@/messages/index.ts";

const BAD = { color: "#b42318", borderColor: "#b42318" } as const;

export function VerdictHeadline({ checked }: { checked: CheckedLicence }) {
  const { m, lang } = useMessages();
  const headline = verdictHeadline(checked, m, lang);
  return (
    <p
      role={headline.ok ? "status" : "alert"}
      className={`banner ${headline.ok ? "ok" : "error"}`}
      data-testid="verdict-headline"
      data-verdict={headline.key}
      style={headline.ok ? undefined : { fontWeight: 700 }}
    >
      {headline.ok ? "✓ " : "✗ "}
      {headline.text}
    </p>
  );
}

/** The verdict's parts: the three of the SDK, then any `extraParts` (e.g. a seal check). */
export function VerdictParts({ checked, extraParts = [] }: { checked: CheckedLicence; extraParts?: VerdictPart[] }) {
  const { m, lang } = useMessages();
  const parts = [...verdictParts(checked, m, lang), ...extraParts];
  return (
    <>
      <ul
        className="verdict-parts"
        data-testid="verdict-parts"
        style={{ listStyle: "none", padding: 0, margin: "0.5rem 0" }}
      >
        {parts.map((part) => (
          <li
            key={part.key}
            data-testid="verdict-part"
            data-part={part.key}
            data-ok={part.ok}
            style={{ margin: "0.3rem 0" }}
          >
            <span className={part.ok ? "tag chain" : "tag"} style={part.ok ? undefined : BAD}>
              {part.ok ? "✓" : "✗"} {part.title}: {part.ok ? m.holder.verdict.ok : m.holder.verdict.failed}
            </span>{" "}
            <span>{part.reasons.join(" ")}</span>
          </li>
        ))}
      </ul>
      <p className="muted" data-testid="verdict-block" data-block={checked.verdict.blockNumber.toString()}>
        {format(m.holder.verdict.readAt, { block: checked.verdict.blockNumber.toString() })}
      </p>
    </>
  );
}

/** The fields shown, by label, each proven against the licence id or named as not matching. */
export function VerdictFields({ checked, caption }: { checked: CheckedLicence; caption?: ReactNode }) {
  const { m } = useMessages();
  const t = m.holder.verdict;
  return (
    <div className="table-wrap">
      <table data-testid="licence-fields">
        {caption ? <caption style={{ textAlign: "left", fontWeight: 600 }}>{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{t.field}</th>
            <th scope="col">{t.value}</th>
            <th scope="col">{t.proof}</th>
          </tr>
        </thead>
        <tbody>
          {checked.fields.map((f) => (
            <tr key={f.name} data-testid="licence-field" data-field={f.name} data-proven={f.proven}>
              <th scope="row" style={{ fontWeight: 500 }} title={f.name}>
                {fieldLabel(m, f.name)}
              </th>
              <td data-testid="field-value" style={{ wordBreak: "break-word" }}>
                {f.value}
              </td>
              <td>
                <span className={f.proven ? "tag chain" : "tag"} style={f.proven ? undefined : BAD}>
                  {f.proven ? `✓ ${t.proven}` : `✗ ${t.notProven}`}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
