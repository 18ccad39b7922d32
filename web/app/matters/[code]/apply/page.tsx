import { getLicenceType } from "@onewindow/sdk";

import { format } from "@/messages/index.ts";
import { getLang } from "@/lib/server/lang.ts";
import { load } from "@/lib/server/load.ts";
import { getCatalogue, getPlatform } from "@/lib/server/platform.ts";
import { licenceTypeName, localName } from "@/lib/i18n.ts";
import type { ApplyMaterial } from "@/hooks/useApply.ts";
import { ApplyWizard } from "./_components/ApplyWizard.tsx";

export default async function ApplyPage({ params }: { params: Promise<{ code: string }> }) {
  const code = decodeURIComponent((await params).code);
  const { lang, m } = await getLang();
  const loaded = await load(lang, async () => {
    const [catalogue, { client }] = await Promise.all([getCatalogue(), getPlatform()]);
    const view = catalogue.matters.find((v) => v.code === code);
    if (!view) return undefined;
    const typeIds = [
      ...new Set(view.matter.definition.materials.flatMap((x) => (x.kind === "licence" ? [x.licenceTypeId] : []))),
    ];
    const types = await Promise.all(typeIds.map((typeId) => getLicenceType(client, { typeId })));
    return { view, types, departments: catalogue.departments, typeNames: catalogue.names.licenceTypes };
  });
  if (!loaded.ok || !loaded.value)
    return (
      <p role="alert" className="banner error">
        {loaded.ok ? format(m.errors.notFound, { what: code }) : loaded.message}
      </p>
    );
  const { view, types, departments, typeNames } = loaded.value;
  const departmentName = (id: number) => {
    const d = departments.find((x) => x.departmentId === id);
    return d ? localName(d, lang) : `#${id}`;
  };
  // Materials required without any condition flag (the wizard applies with conditions 0; only a
  // salted commitment to them goes on chain).
  const materials: ApplyMaterial[] = view.matter.definition.materials.flatMap((x, index) =>
    (x.condition ?? 0) !== 0
      ? []
      : [
          x.kind === "licence"
            ? {
                index,
                kind: "licence" as const,
                name: x.name,
                typeId: x.licenceTypeId,
                typeName: ((t) => (t ? licenceTypeName(lang, t.name, typeNames.get(t.code)) : x.name))(
                  types.find((t) => t.typeId === x.licenceTypeId),
                ),
                consent:
                  x.consent && (x.consent.fieldMask ?? 0n) !== 0n
                    ? {
                        departmentId: x.consent.departmentId,
                        departmentName: departmentName(x.consent.departmentId),
                        // bigint as text: the props cross to the browser as JSON.
                        fieldMask: (x.consent.fieldMask ?? 0n).toString(),
                        typeFieldNames: types.find((t) => t.typeId === x.licenceTypeId)?.version.fieldNames ?? [],
                      }
                    : undefined,
              }
            : { index, kind: "upload" as const, name: x.name },
        ],
  );
  return (
    <ApplyWizard
      matterId={view.matterId}
      name={localName(view, lang)}
      materials={materials}
      stepDepartments={view.departmentIds}
      departments={Object.fromEntries(departments.map((d) => [d.departmentId, localName(d, lang)]))}
    />
  );
}
