import Link from "next/link";

import { getLang } from "@/lib/server/lang.ts";
import { load } from "@/lib/server/load.ts";
import { getCatalogue } from "@/lib/server/platform.ts";
import { localName } from "@/lib/i18n.ts";
import { Designer, type DesignMatter } from "./_components/Designer.tsx";

export default async function DesignerPage() {
  const { lang, m } = await getLang();
  const catalogue = await load(lang, getCatalogue);
  if (!catalogue.ok)
    return (
      <p role="alert" className="banner error">
        {catalogue.message}
      </p>
    );
  const names = new Map(catalogue.value.departments.map((d) => [d.departmentId, localName(d, lang)]));
  const matters: DesignMatter[] = catalogue.value.matters.map((v) => ({
    code: v.code,
    name: localName(v, lang),
    steps: v.matter.definition.steps.map((s) => ({
      department: names.get(s.departmentId) ?? `#${s.departmentId}`,
      days: s.timeLimit,
      dependsOn: [...(s.dependsOn ?? [])],
    })),
  }));
  return (
    <>
      <h1>{m.designer.title}</h1>
      <p className="muted">{m.designer.intro}</p>
      <p>
        <Link href="/admin/matters" data-testid="designer-admin-link">
          {m.admin.designerLink}
        </Link>
      </p>
      <Designer matters={matters} initial="HD-VR-HALL" />
    </>
  );
}
