import { MatterDesigner } from "../_components/MatterDesigner.tsx";

export default function AdminMattersPage() {
  return <MatterDesigner />;
}
