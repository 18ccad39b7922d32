import { getLang } from "@/lib/server/lang.ts";
import { load } from "@/lib/server/load.ts";
import { getCatalogue, LEVEL_NAMES } from "@/lib/server/platform.ts";
import { localName } from "@/lib/i18n.ts";
import { CatalogueList, type CatalogueItem } from "./_components/CatalogueList.tsx";

export default async function CataloguePage() {
  const { lang, m } = await getLang();
  const catalogue = await load(lang, getCatalogue);
  if (!catalogue.ok)
    return (
      <p role="alert" className="banner error">
        {catalogue.message}
      </p>
    );
  const { departments, matters } = catalogue.value;
  const items: CatalogueItem[] = matters.map((v) => ({
    code: v.code,
    name: localName(v, lang),
    level: LEVEL_NAMES[v.level as 1 | 2 | 3] ?? "district",
    departmentIds: v.departmentIds,
    active: v.active,
    visits: v.matter.definition.visits,
    materials: v.matter.definition.materials.length,
    days: v.matter.criticalPathDays,
    baseline: v.matter.definition.baseline,
  }));
  return (
    <>
      <h1>{m.catalogue.title}</h1>
      <p className="muted">{m.catalogue.intro}</p>
      <CatalogueList
        items={items}
        departments={departments.map((d) => ({ id: d.departmentId, name: localName(d, lang) }))}
      />
    </>
  );
}
