/** A horizontal bar chart in inline SVG (no chart library): one bar per row, value at its end. */
export type Bar = { label: string; value: number; second?: number | undefined };

export function BarChart({
  title,
  bars,
  unit = "",
  testId,
}: {
  title: string;
  bars: readonly Bar[];
  unit?: string;
  testId: string;
}) {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.second ?? 0)));
  const row = 26;
  const labelW = 170;
  const chartW = 260;
  const height = Math.max(1, bars.length) * row + 10;
  return (
    <figure className="card" style={{ margin: 0 }}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <svg
        viewBox={`0 0 ${labelW + chartW + 60} ${height}`}
        width="100%"
        role="img"
        aria-label={title}
        data-testid={testId}
      >
        <title>{title}</title>
        {bars.map((b, i) => {
          const w = (b.value / max) * chartW;
          return (
            <g key={`${b.label}-${i}`} transform={`translate(0 ${i * row + 5})`} data-testid="bar">
              <text x={labelW - 6} y="15" fontSize="12" textAnchor="end" fill="#1b1f24">
                {b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label}
              </text>
              <rect x={labelW} y="3" width={Math.max(1, w)} height="16" fill="#0b5cad" rx="3" />
              <text x={labelW + Math.max(1, w) + 4} y="15" fontSize="12" fill="#1b1f24">
                {`${b.value}${unit}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Two parts of a whole as a ring (e.g. deadlines met and missed). */
export function Ring({
  title,
  parts,
  testId,
}: {
  title: string;
  parts: readonly { label: string; value: number; colour: string }[];
  testId: string;
}) {
  const total = parts.reduce((n, p) => n + p.value, 0);
  const r = 40;
  const c = 2 * Math.PI * r;
  let offset = 0;
  return (
    <figure className="card" style={{ margin: 0 }}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <svg viewBox="0 0 260 110" width="100%" role="img" aria-label={title} data-testid={testId}>
        <title>{title}</title>
        <circle cx="55" cy="55" r={r} fill="none" stroke="#eaeef2" strokeWidth="18" />
        {parts.map((p) => {
          const length = total === 0 ? 0 : (p.value / total) * c;
          const arc = (
            <circle
              key={p.label}
              cx="55"
              cy="55"
              r={r}
              fill="none"
              stroke={p.colour}
              strokeWidth="18"
              strokeDasharray={`${length} ${c - length}`}
              strokeDashoffset={-offset}
              transform="rotate(-90 55 55)"
            />
          );
          offset += length;
          return arc;
        })}
        {parts.map((p, i) => (
          <text
            key={p.label}
            x="115"
            y={40 + i * 22}
            fontSize="13"
            fill={p.colour === "#1a7f37" ? "#0f5a27" : "#8a1c12"}
          >
            {p.label}
          </text>
        ))}
      </svg>
    </figure>
  );
}
