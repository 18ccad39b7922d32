import { Workbench } from "./_components/Workbench.tsx";

export default function WorkbenchPage() {
  return <Workbench />;
}
