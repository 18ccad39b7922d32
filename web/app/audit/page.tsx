import { applicationNumberOf } from "@onewindow/sdk";
import Link from "next/link";
import type { Hex } from "viem";

import { ApplicationNumberResult } from "@/components/ApplicationNumberResult.tsx";
import { lookUpApplicationNumber } from "@/lib/server/tracker.ts";

import { BarChart, Ring } from "@/components/BarChart.tsx";
import { format } from "@/messages/index.ts";
import { getKpis, getTrail, getVerifications, listApplications } from "@/lib/server/audit.ts";
import { APPLICATION_ID } from "@/lib/server/application.ts";
import { getLang } from "@/lib/server/lang.ts";
import { load } from "@/lib/server/load.ts";
import { getCatalogue } from "@/lib/server/platform.ts";
import { localName } from "@/lib/i18n.ts";

type Search = { application?: string; licence?: string };

function when(timestamp: number, lang: string): string {
  return new Date(timestamp * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai" });
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { application: asked = "", licence = "" } = await searchParams;
  const { lang, m } = await getLang();
  // The search box takes a 受理号 (or a hex id): one match opens its trail.
  const lookup = await lookUpApplicationNumber(asked);
  const application =
    lookup.kind === "found" && lookup.applications.length === 1 ? lookup.applications[0]!.applicationId : asked;
  const loaded = await load(lang, async () => {
    const [kpis, catalogue, recent] = await Promise.all([getKpis(), getCatalogue(), listApplications()]);
    const trail = APPLICATION_ID.test(application) ? await getTrail(application as Hex) : undefined;
    const verifications = APPLICATION_ID.test(licence) ? await getVerifications(licence as Hex) : undefined;
    return { kpis, catalogue, recent, trail, verifications };
  });
  if (!loaded.ok)
    return (
      <p role="alert" className="banner error">
        {loaded.message}
      </p>
    );
  const { kpis, catalogue, recent, trail, verifications } = loaded.value;
  const matterName = (id: number) => {
    const v = catalogue.matters.find((x) => x.matterId === id);
    return v ? localName(v, lang) : `#${id}`;
  };
  const departmentName = (id: number) => {
    const d = catalogue.departments.find((x) => x.departmentId === id);
    return d ? localName(d, lang) : `#${id}`;
  };
  const perMatter = [...kpis.kpis.perMatter].sort((a, b) => b.applications - a.applications);
  const sourceName = (s: string) => (s === "indexer" ? m.audit.sourceIndexer : m.audit.sourceChain);
  return (
    <>
      <h1>{m.audit.title}</h1>
      <p className="muted" data-testid="audit-source">
        {format(m.audit.source, { source: sourceName(kpis.source) })}
      </p>
      <h2>{m.audit.trail}</h2>
      <form method="get" className="filters">
        <label>
          {m.audit.trail}
          <input
            name="application"
            defaultValue={asked}
            placeholder={m.tracker.search.placeholder}
            size={40}
            data-testid="trail-input"
          />
        </label>
        <button type="submit" data-testid="trail-find">
          {m.audit.find}
        </button>
      </form>
      {application !== "" && !APPLICATION_ID.test(application) && lookup.kind === "none" ? (
        <p role="alert" className="banner error">
          {m.errors.badApplicationId}
        </p>
      ) : null}
      <ApplicationNumberResult
        lookup={lookup}
        m={m}
        lang={lang}
        hrefOf={(id) => `/audit?application=${id}`}
        matterName={matterName}
      />
      {trail ? (
        <>
          <h3>
            <span data-testid="trail-number">
              {format(m.audit.trailOf, { id: applicationNumberOf(application as Hex) })}
            </span>{" "}
            · <Link href={`/applications/${application}`}>{m.application.lookup}</Link>
          </h3>
          {trail.entries.length === 0 ? <p>{m.audit.noEvents}</p> : null}
          <div className="table-wrap">
            <table data-testid="trail">
              <thead>
                <tr>
                  <th scope="col">{m.audit.when}</th>
                  <th scope="col">{m.audit.event}</th>
                  <th scope="col">{m.workbench.step.replace(" {n}", "").replace("{n}", "")}</th>
                  <th scope="col">{m.audit.details}</th>
                  <th scope="col">{m.audit.block}</th>
                </tr>
              </thead>
              <tbody>
                {trail.entries.map((e, i) => (
                  <tr key={i} data-kind={e.kind}>
                    <td>{when(e.timestamp, lang)}</td>
                    <td>{e.kind}</td>
                    <td>{e.step === undefined ? "" : e.step + 1}</td>
                    <td className="mono">{e.details}</td>
                    <td>{e.block}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <ul>
          {recent.applications.slice(0, 8).map((a) => (
            <li key={a.applicationId}>
              <Link href={`/audit?application=${a.applicationId}`} data-testid="recent-application">
                {matterName(a.matterId)}
              </Link>{" "}
              <span className="muted">{applicationNumberOf(a.applicationId)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{m.audit.verifications}</h2>
      <form method="get" className="filters">
        <label>
          {m.audit.verifications}
          <input name="licence" defaultValue={licence} placeholder={m.audit.licencePlaceholder} size={40} />
        </label>
        <button type="submit">{m.audit.find}</button>
      </form>
      {licence !== "" && !APPLICATION_ID.test(licence) ? (
        <p role="alert" className="banner error">
          {m.errors.badLicenceId}
        </p>
      ) : null}
      {verifications ? (
        verifications.entries.length === 0 ? (
          <p>{m.audit.noEvents}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="verifications">
              <thead>
                <tr>
                  <th scope="col">{m.audit.when}</th>
                  <th scope="col">{m.audit.department}</th>
                  <th scope="col">{m.audit.result}</th>
                  <th scope="col">{m.audit.details}</th>
                </tr>
              </thead>
              <tbody>
                {verifications.entries.map((v, i) => (
                  <tr key={i}>
                    <td>{when(v.timestamp, lang)}</td>
                    <td>{departmentName(v.department)}</td>
                    <td>{v.result}</td>
                    <td className="mono">
                      {v.officer} mask={v.fieldMask}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <h2>{m.audit.kpis}</h2>
      <div className="charts" data-testid="kpis">
        <BarChart
          title={m.audit.materialsSaved}
          testId="chart-materials"
          bars={perMatter.slice(0, 10).map((k) => ({ label: matterName(k.matterId), value: k.materialsSaved }))}
        />
        <BarChart
          title={m.audit.daysSaved}
          testId="chart-days"
          bars={perMatter
            .filter((k) => k.completed > 0)
            .slice(0, 10)
            .map((k) => ({ label: matterName(k.matterId), value: k.daysSaved }))}
        />
        <Ring
          title={m.audit.deadlines}
          testId="chart-deadlines"
          parts={[
            {
              label: format(m.audit.met, { n: kpis.kpis.deadlinesMet }),
              value: kpis.kpis.deadlinesMet,
              colour: "#1a7f37",
            },
            {
              label: format(m.audit.missed, { n: kpis.kpis.deadlinesMissed }),
              value: kpis.kpis.deadlinesMissed,
              colour: "#b42318",
            },
          ]}
        />
        <BarChart
          title={m.audit.dailyVolume}
          testId="chart-daily"
          bars={kpis.kpis.daily.slice(-10).map((d) => ({ label: d.date, value: d.applications }))}
        />
      </div>
    </>
  );
}
