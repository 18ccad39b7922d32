"use client";
/** Step 5: exactly which department reads which fields of which licence, for what, until when. */
import { fieldNamesOfMask } from "@onewindow/sdk";
import type { Hex } from "viem";

import { CONSENT_DAYS, type ConsentRow } from "@/hooks/useConsents.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

/** The field names a mask selects (empty when the mask does not fit the names). */
export function maskedFields(fieldNames: readonly string[], mask: bigint): string[] {
  try {
    return fieldNamesOfMask(fieldNames, mask);
  } catch {
    return [];
  }
}

export function ConsentStep(props: {
  rows: ConsentRow[];
  purpose: Hex | undefined;
  /** Unix seconds (chain time + CONSENT_DAYS), once known. */
  expiresAt: number | undefined;
  granted: string | undefined;
}) {
  const { m, lang } = useMessages();
  const label = (name: string) => {
    const text = m.consent.fieldLabels[name];
    return text && text !== name ? `${text} (${name})` : name;
  };
  const until =
    props.expiresAt === undefined
      ? "…"
      : new Date(props.expiresAt * 1000).toLocaleDateString(lang === "en" ? "en-GB" : "zh-CN", {
          timeZone: "Asia/Shanghai",
        });
  return (
    <section aria-labelledby="consent-title" data-testid="consent-step">
      <h3 id="consent-title">{m.consent.title}</h3>
      <p data-testid="consent-intro">{format(m.consent.intro, { days: CONSENT_DAYS, date: until })}</p>
      <p className="muted mono" data-testid="consent-purpose">
        {props.purpose ? format(m.consent.purpose, { id: props.purpose }) : m.consent.purposeLater}
      </p>
      <div className="table-wrap">
        <table data-testid="consent-list">
          <thead>
            <tr>
              <th scope="col">{m.consent.department}</th>
              <th scope="col">{m.consent.licence}</th>
              <th scope="col">{m.consent.fields}</th>
              <th scope="col">{m.consent.until}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.material} data-testid="consent-row" data-department={r.departmentId}>
                <td>{r.departmentName}</td>
                <td>
                  {r.licenceName}
                  <br />
                  <span className="muted mono">
                    {r.licenceId
                      ? format(m.consent.licenceId, { id: `${r.licenceId.slice(0, 12)}…` })
                      : m.consent.pullFirst}
                  </span>
                </td>
                <td>
                  <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
                    {maskedFields(r.fieldNames, r.fieldMask).map((f) => (
                      <li key={f} data-testid="consent-field" data-field={f}>
                        {label(f)}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{until}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{format(m.consent.oneSignature, { n: props.rows.length })}</p>
      {props.granted ? (
        <p role="status" className="banner ok" data-testid="consent-granted">
          {props.granted}
        </p>
      ) : null}
    </section>
  );
}
