/**
 * What a search by 受理号 found, when it is not exactly one application: the typo the check symbol
 * caught, no match, several (a link to each), or an indexer that does not answer.
 */
import Link from "next/link";

import type { NumberLookup } from "@/lib/server/tracker.ts";
import { format, type Lang, type Messages } from "@/messages/index.ts";

export function ApplicationNumberResult({
  lookup,
  m,
  lang,
  hrefOf,
  matterName,
}: {
  lookup: NumberLookup;
  m: Messages;
  lang: Lang;
  hrefOf: (applicationId: string) => string;
  matterName: (matterId: number) => string;
}) {
  const t = m.tracker.search;
  if (lookup.kind === "none") return null;
  if (lookup.kind === "bad")
    return (
      <p role="alert" className="banner error" data-testid="number-bad">
        {lookup.messages[lang]}
      </p>
    );
  if (lookup.kind === "unavailable")
    return (
      <p role="alert" className="banner warn" data-testid="number-unavailable">
        {t.unavailable}
      </p>
    );
  if (lookup.applications.length === 1) return null;
  if (lookup.applications.length === 0)
    return (
      <p role="alert" className="banner warn" data-testid="number-none">
        {format(t.none, { number: lookup.number })}
      </p>
    );
  return (
    <div className="banner warn" data-testid="number-several">
      <p>{format(t.several, { number: lookup.number })}</p>
      <ul>
        {lookup.applications.map((a) => (
          <li key={a.applicationId}>
            <Link href={hrefOf(a.applicationId)}>
              {matterName(a.matterId)} ·{" "}
              {new Date(a.submittedAt * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", {
                timeZone: "Asia/Shanghai",
              })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
