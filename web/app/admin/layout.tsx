import type { ReactNode } from "react";

import { getLang } from "@/lib/server/lang.ts";
import { AdminNav } from "./_components/AdminParts.tsx";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { m } = await getLang();
  return (
    <>
      <h1>{m.admin.title}</h1>
      <AdminNav />
      {children}
    </>
  );
}
