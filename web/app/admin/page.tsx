import { AdminHome } from "./_components/AdminHome.tsx";

export default function AdminPage() {
  return <AdminHome />;
}
