import { Departments } from "../_components/Departments.tsx";

export default function DepartmentsPage() {
  return <Departments />;
}
