import Link from "next/link";

import { ApplicationNumberResult } from "@/components/ApplicationNumberResult.tsx";
import { localName } from "@/lib/i18n.ts";
import { getLang } from "@/lib/server/lang.ts";
import { getCatalogue } from "@/lib/server/platform.ts";
import { lookUpApplicationNumber } from "@/lib/server/tracker.ts";
import { format } from "@/messages/index.ts";

import { Workbench } from "./_components/Workbench.tsx";

export default async function WorkbenchPage({ searchParams }: { searchParams: Promise<{ number?: string }> }) {
  const { number = "" } = await searchParams;
  const { lang, m } = await getLang();
  const lookup = await lookUpApplicationNumber(number);
  const found = lookup.kind === "found" && lookup.applications.length === 1 ? lookup.applications[0] : undefined;
  const matters = lookup.kind === "found" ? (await getCatalogue().catch(() => undefined))?.matters : undefined;
  const matterName = (id: number) => {
    const v = matters?.find((x) => x.matterId === id);
    return v ? localName(v, lang) : m.tracker.number;
  };
  return (
    <>
      <Workbench match={found?.applicationId} />
      <form method="get" className="filters" data-testid="number-search">
        <label>
          {m.tracker.search.label}
          <input
            name="number"
            defaultValue={number}
            placeholder={m.tracker.search.placeholder}
            autoComplete="off"
            size={14}
            data-testid="number-input"
          />
        </label>
        <button type="submit" data-testid="number-find">
          {m.tracker.search.go}
        </button>
      </form>
      {number !== "" && lookup.kind === "none" ? (
        <p role="alert" className="banner error">
          {format(m.tracker.search.none, { number })}
        </p>
      ) : null}
      {found && lookup.kind === "found" ? (
        <p className="banner ok" data-testid="number-found">
          {format(m.tracker.numberIs, { number: lookup.number })} ·{" "}
          <Link href={`/applications/${found.applicationId}`}>{matterName(found.matterId)}</Link>
        </p>
      ) : null}
      <ApplicationNumberResult
        lookup={lookup}
        m={m}
        lang={lang}
        hrefOf={(id) => `/applications/${id}`}
        matterName={matterName}
      />
    </>
  );
}
