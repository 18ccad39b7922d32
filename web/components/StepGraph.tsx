/** A matter's steps as a DAG in inline SVG: columns by depth, edges from each dependency. */
export type GraphStep = {
  index: number;
  label: string;
  sublabel: string;
  dependsOn: readonly number[];
  /** CSS colour class: pending, active, paused, approved, closed, critical. */
  tone: string;
  badge?: string | undefined;
};

const BOX_W = 190;
const BOX_H = 64;
const GAP_X = 50;
const GAP_Y = 18;

/** Depth of each step: 0 for roots, else 1 + the deepest dependency (steps in a cycle stay at 0). */
export function depths(steps: readonly { dependsOn: readonly number[] }[]): number[] {
  const depth = new Array<number>(steps.length).fill(0);
  for (let pass = 0; pass < steps.length; pass++) {
    let changed = false;
    steps.forEach((s, i) => {
      for (const d of s.dependsOn) {
        if (d >= 0 && d < steps.length && depth[d]! + 1 > depth[i]! && depth[d]! + 1 < steps.length) {
          depth[i] = depth[d]! + 1;
          changed = true;
        }
      }
    });
    if (!changed) break;
  }
  return depth;
}

const FILL: Record<string, string> = {
  pending: "#f6f8fa",
  active: "#ddeeff",
  paused: "#fff3cd",
  approved: "#dcf5e3",
  closed: "#eeeeee",
  critical: "#ffe4d6",
  overdue: "#fdecea",
};
const STROKE: Record<string, string> = {
  pending: "#8c959f",
  active: "#0b5cad",
  paused: "#9a6700",
  approved: "#1a7f37",
  closed: "#6e7781",
  critical: "#bc4c00",
  overdue: "#b42318",
};

export function StepGraph({ steps, title }: { steps: readonly GraphStep[]; title: string }) {
  const depth = depths(steps);
  const columns = Math.max(1, ...depth.map((d) => d + 1));
  const rowOf: number[] = [];
  const perColumn = new Array<number>(columns).fill(0);
  steps.forEach((_, i) => {
    rowOf[i] = perColumn[depth[i]!]!;
    perColumn[depth[i]!]! += 1;
  });
  const rows = Math.max(1, ...perColumn);
  const width = columns * BOX_W + (columns - 1) * GAP_X + 20;
  const height = rows * BOX_H + (rows - 1) * GAP_Y + 20;
  const x = (i: number) => 10 + depth[i]! * (BOX_W + GAP_X);
  const y = (i: number) => 10 + rowOf[i]! * (BOX_H + GAP_Y);
  return (
    <svg className="graph" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="step-graph">
      <title>{title}</title>
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a" />
        </marker>
      </defs>
      {steps.flatMap((s, i) =>
        s.dependsOn
          .filter((d) => d >= 0 && d < steps.length)
          .map((d) => (
            <path
              key={`${d}-${i}`}
              d={`M ${x(d) + BOX_W} ${y(d) + BOX_H / 2} C ${x(d) + BOX_W + GAP_X / 2} ${y(d) + BOX_H / 2}, ${x(i) - GAP_X / 2} ${y(i) + BOX_H / 2}, ${x(i)} ${y(i) + BOX_H / 2}`}
              fill="none"
              stroke="#57606a"
              strokeWidth="1.4"
              markerEnd="url(#arrow)"
            />
          )),
      )}
      {steps.map((s, i) => (
        <g key={s.index} data-testid="graph-step" data-state={s.tone} transform={`translate(${x(i)} ${y(i)})`}>
          <rect
            width={BOX_W}
            height={BOX_H}
            rx="8"
            fill={FILL[s.tone] ?? FILL.pending}
            stroke={STROKE[s.tone] ?? STROKE.pending}
            strokeWidth="2"
          />
          <text x="10" y="22" fontSize="13" fontWeight="600" fill="#1b1f24">
            {`${s.index + 1}. ${s.label}`.slice(0, 24)}
          </text>
          <text x="10" y="40" fontSize="12" fill="#1b1f24">
            {s.sublabel.slice(0, 28)}
          </text>
          {s.badge ? (
            <text x="10" y="56" fontSize="11" fill="#3d444d">
              {s.badge.slice(0, 30)}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
