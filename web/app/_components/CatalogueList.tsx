"use client";
import Link from "next/link";
import { useMemo, useState } from "react";

import { format } from "@/messages/index.ts";
import { useMessages } from "@/lib/platform-context.tsx";

export type CatalogueItem = {
  code: string;
  name: string;
  level: "national" | "municipal" | "district";
  departmentIds: number[];
  active: boolean;
  visits: number;
  materials: number;
  days: number;
  baseline: { materials: number; workingDays: number; visits: number };
};

/** The catalogue with search and filters (level, department, no visit needed), filtered in the browser. */
export function CatalogueList({
  items,
  departments,
}: {
  items: CatalogueItem[];
  departments: { id: number; name: string }[];
}) {
  const { m } = useMessages();
  const [query, setQuery] = useState("");
  const [level, setLevel] = useState("");
  const [department, setDepartment] = useState("");
  const [noVisit, setNoVisit] = useState(false);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return items.filter(
      (item) =>
        (q === "" || item.name.toLowerCase().includes(q) || item.code.toLowerCase().includes(q)) &&
        (level === "" || item.level === level) &&
        (department === "" || item.departmentIds.includes(Number(department))) &&
        (!noVisit || item.visits === 0),
    );
  }, [items, query, level, department, noVisit]);
  const used = departments.filter((d) => items.some((i) => i.departmentIds.includes(d.id)));
  return (
    <>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {m.catalogue.search}
          <input
            type="search"
            value={query}
            placeholder={m.catalogue.searchPlaceholder}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="search"
          />
        </label>
        <label>
          {m.catalogue.level}
          <select value={level} onChange={(e) => setLevel(e.target.value)} data-testid="level">
            <option value="">{m.catalogue.allLevels}</option>
            <option value="national">{m.levels.national}</option>
            <option value="municipal">{m.levels.municipal}</option>
            <option value="district">{m.levels.district}</option>
          </select>
        </label>
        <label>
          {m.catalogue.department}
          <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="department">
            <option value="">{m.catalogue.allDepartments}</option>
            {used.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={noVisit}
            onChange={(e) => setNoVisit(e.target.checked)}
            data-testid="no-visit"
          />
          {m.catalogue.noVisit}
        </label>
      </form>
      <p className="muted" aria-live="polite" data-testid="count">
        {format(m.catalogue.count, { n: shown.length })}
      </p>
      {shown.length === 0 ? <p>{m.catalogue.none}</p> : null}
      <ul className="cards">
        {shown.map((item) => (
          <li key={item.code} className="card" data-testid="matter-card">
            <h3>
              <Link href={`/matters/${encodeURIComponent(item.code)}`}>{item.name}</Link>
            </h3>
            <div className="muted mono">{item.code}</div>
            <div>
              <span className="tag">{m.levels[item.level]}</span>
              <span className="tag">
                {item.visits === 0 ? m.catalogue.zeroVisits : format(m.catalogue.visits, { n: item.visits })}
              </span>
              {item.active ? null : <span className="tag">{m.catalogue.inactive}</span>}
            </div>
            <div className="muted">
              {format(m.catalogue.materials, { before: item.baseline.materials, after: item.materials })}
              {" · "}
              {format(m.catalogue.days, { before: item.baseline.workingDays, after: item.days })}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
