import { getCatalogue } from "@/lib/server/platform.ts";
import { MatterDesigner } from "../_components/MatterDesigner.tsx";

export const dynamic = "force-dynamic";

/** The designer, with the condition flags' names from the catalogue's published metadata (none when unreadable). */
export default async function AdminMattersPage() {
  const conditions = await getCatalogue().then(
    (c) => c.names.conditions,
    () => [],
  );
  return <MatterDesigner conditions={conditions} />;
}
