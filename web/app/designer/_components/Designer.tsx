"use client";
import { criticalPath } from "@onewindow/sdk";
import { useMemo, useState } from "react";

import { StepGraph } from "@/components/StepGraph.tsx";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

export type DesignStep = { department: string; days: number; dependsOn: number[] };
export type DesignMatter = { code: string; name: string; steps: DesignStep[] };

/** Edits a matter's steps (a step may only wait for earlier ones, so no cycle can be drawn). */
export function Designer({ matters, initial }: { matters: DesignMatter[]; initial: string }) {
  const { m } = useMessages();
  const [code, setCode] = useState(matters.some((x) => x.code === initial) ? initial : (matters[0]?.code ?? ""));
  const [steps, setSteps] = useState<DesignStep[]>(() => matters.find((x) => x.code === code)?.steps ?? []);
  const pick = (next: string) => {
    setCode(next);
    setSteps(matters.find((x) => x.code === next)?.steps ?? []);
  };
  const result = useMemo(() => {
    try {
      return criticalPath(steps.map((s) => ({ dependsOn: s.dependsOn, limitDays: s.days })));
    } catch {
      return undefined;
    }
  }, [steps]);
  const update = (i: number, change: Partial<DesignStep>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const remove = (i: number) =>
    setSteps(
      steps
        .filter((_, j) => j !== i)
        .map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => d !== i).map((d) => (d > i ? d - 1 : d)) })),
    );
  return (
    <>
      <label>
        {m.designer.pick}
        <select value={code} onChange={(e) => pick(e.target.value)} data-testid="designer-matter">
          {matters.map((x) => (
            <option key={x.code} value={x.code}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      {result ? (
        <p data-testid="designer-result">
          <span className="tag" style={{ borderColor: "#bc4c00", color: "#bc4c00" }}>
            {format(m.designer.criticalPath, { n: result.days })}
          </span>
          <span className="tag">{format(m.designer.sequential, { n: result.sequentialDays })}</span>
          <span className="tag">{format(m.designer.saved, { n: result.sequentialDays - result.days })}</span>
        </p>
      ) : (
        <p role="alert" className="banner error">
          {m.designer.cycle}
        </p>
      )}
      <StepGraph
        title={m.designer.title}
        steps={steps.map((s, index) => ({
          index,
          label: s.department,
          sublabel: `${s.days} ${m.designer.days}`,
          dependsOn: s.dependsOn,
          tone: result?.path.includes(index) ? "critical" : "pending",
        }))}
      />
      <div className="table-wrap">
        <table data-testid="designer-steps">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{m.audit.department}</th>
              <th scope="col">{m.designer.days}</th>
              <th scope="col">{m.designer.dependsOn}</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  <input
                    aria-label={`${m.audit.department} ${i + 1}`}
                    value={s.department}
                    onChange={(e) => update(i, { department: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={1000}
                    aria-label={`${m.designer.days} ${i + 1}`}
                    value={s.days}
                    onChange={(e) => update(i, { days: Math.min(1000, Math.max(1, Number(e.target.value) || 1)) })}
                    style={{ width: "5rem" }}
                  />
                </td>
                <td>
                  {steps.slice(0, i).map((_, d) => (
                    <label key={d} style={{ marginRight: "0.5rem" }}>
                      <input
                        type="checkbox"
                        checked={s.dependsOn.includes(d)}
                        onChange={(e) =>
                          update(i, {
                            dependsOn: e.target.checked
                              ? [...s.dependsOn, d].sort((a, b) => a - b)
                              : s.dependsOn.filter((x) => x !== d),
                          })
                        }
                      />
                      {d + 1}
                    </label>
                  ))}
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => remove(i)}>
                    {m.designer.removeStep}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button
          type="button"
          onClick={() =>
            setSteps([...steps, { department: "", days: 5, dependsOn: steps.length ? [steps.length - 1] : [] }])
          }
          data-testid="add-step"
        >
          {m.designer.addStep}
        </button>
      </p>
    </>
  );
}
