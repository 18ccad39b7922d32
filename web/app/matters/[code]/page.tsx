import { criticalPath, fieldNamesOfMask, getLicenceType } from "@onewindow/sdk";
import Link from "next/link";

import { StepGraph, type GraphStep } from "@/components/StepGraph.tsx";
import { format } from "@/messages/index.ts";
import { getLang } from "@/lib/server/lang.ts";
import { load } from "@/lib/server/load.ts";
import { getCatalogue, getPlatform } from "@/lib/server/platform.ts";
import { localName } from "@/lib/i18n.ts";
import { conditionLabel, fieldList } from "@/lib/labels.ts";

export default async function MatterPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const { lang, m } = await getLang();
  const catalogue = await load(lang, getCatalogue);
  if (!catalogue.ok)
    return (
      <p role="alert" className="banner error">
        {catalogue.message}
      </p>
    );
  const view = catalogue.value.matters.find((v) => v.code === decodeURIComponent(code));
  if (!view)
    return (
      <p role="alert" className="banner error">
        {format(m.errors.notFound, { what: decodeURIComponent(code) })}
      </p>
    );
  const departments = new Map(catalogue.value.departments.map((d) => [d.departmentId, localName(d, lang)]));
  const { definition } = view.matter;
  // The field names of each licence type the materials pull, to name the fields a consent reads.
  const typeIds = [...new Set(definition.materials.flatMap((x) => (x.kind === "licence" ? [x.licenceTypeId] : [])))];
  const fieldNamesOf = new Map(
    await load(lang, async () => {
      const { client } = await getPlatform();
      return Promise.all(
        typeIds.map(async (typeId) => [typeId, (await getLicenceType(client, { typeId })).version.fieldNames] as const),
      );
    }).then((r) => (r.ok ? r.value : [])),
  );
  const path = criticalPath(definition.steps.map((s) => ({ dependsOn: s.dependsOn ?? [], limitDays: s.timeLimit })));
  const conditionNames = catalogue.value.names.conditions;
  const graph: GraphStep[] = definition.steps.map((s, index) => ({
    index,
    label: departments.get(s.departmentId) ?? `#${s.departmentId}`,
    sublabel: format(m.matter.timeLimit, { n: s.timeLimit }),
    dependsOn: s.dependsOn ?? [],
    tone: path.path.includes(index) ? "critical" : "pending",
    badge: view.extra.stepNotes[index] || undefined,
  }));
  const baseline = definition.baseline;
  const name = localName(view, lang);
  return (
    <>
      <p>
        <Link href="/">← {m.matter.back}</Link>
      </p>
      <h1>{name}</h1>
      <p className="muted mono">{view.code}</p>
      <p>
        <Link className="button" href={`/matters/${encodeURIComponent(view.code)}/apply`} data-testid="apply">
          {m.matter.apply}
        </Link>
      </p>
      <h2>{m.matter.figures}</h2>
      <div className="table-wrap">
        <table data-testid="figures">
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col">{m.matter.before}</th>
              <th scope="col">{m.matter.after}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{m.matter.materialsLabel}</th>
              <td>{baseline.materials}</td>
              <td>{definition.materials.length}</td>
            </tr>
            <tr>
              <th scope="row">{m.matter.daysLabel}</th>
              <td>{baseline.workingDays}</td>
              <td>{view.matter.criticalPathDays}</td>
            </tr>
            <tr>
              <th scope="row">{m.matter.visitsLabel}</th>
              <td>{baseline.visits}</td>
              <td>{definition.visits}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted">
        {view.extra.figures === "article" && view.extra.source
          ? format(m.matter.figuresSource, { source: view.extra.source })
          : m.matter.illustrative}
      </p>
      <h2>{m.matter.steps}</h2>
      <p>
        <span className="tag" style={{ borderColor: "#bc4c00", color: "#bc4c00" }}>
          {format(m.matter.criticalPath, { n: view.matter.criticalPathDays })}
        </span>
        <span className="tag">{format(m.matter.sequential, { n: view.matter.sequentialDays })}</span>
      </p>
      <StepGraph steps={graph} title={name} />
      <h2>{m.matter.materials}</h2>
      <ul data-testid="materials">
        {definition.materials.map((material, index) => {
          const conditions = conditionLabel(lang, conditionNames, material.condition ?? 0);
          const typeFields = material.kind === "licence" ? fieldNamesOf.get(material.licenceTypeId) : undefined;
          const consentFields =
            material.kind !== "licence" || !material.consent
              ? ""
              : material.consent.fieldMask === undefined
                ? m.tracker.matter.allFields
                : typeFields
                  ? fieldList(m, lang, fieldNamesOfMask(typeFields, material.consent.fieldMask))
                  : "…";
          return (
            <li key={index} data-kind={material.kind}>
              <span className={`tag ${material.kind === "licence" ? "chain" : "upload"}`}>
                {material.kind === "licence" ? m.matter.fromChain : m.matter.upload}
              </span>
              {material.name}
              {material.kind === "licence" && material.consent ? (
                <span className="muted" data-testid="consent-fields">
                  {" — "}
                  {format(m.tracker.matter.consentTo, {
                    department: departments.get(material.consent.departmentId) ?? "",
                    fields: consentFields,
                  })}
                </span>
              ) : null}
              {conditions.length > 0 ? (
                <span className="muted" data-testid="conditions">
                  {" "}
                  ({format(m.matter.conditional, { conditions: conditions.join(lang === "en" ? "; " : "；") })})
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
