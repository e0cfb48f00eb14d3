/**
 * Charts as plain SVG rendered with the page: no chart library in the browser bundle, readable
 * without JavaScript, values written on the chart (hover titles give the exact figure too).
 */

/** Brand palette shared by every chart, so a category keeps its colour from chart to chart. */
export const PALETTE = ["#0f5f8c", "#e0872b", "#1f7a4d", "#6b3aa0", "#126e79", "#9b2f5a", "#8a5a00", "#3a8fc2", "#5b6878", "#b3261e", "#2948a8", "#7a8a99"];

export interface Datum {
  label: string;
  [series: string]: string | number;
}

type Series = { key: string; name: string }[];
const num = (d: Datum, key: string) => Number(d[key] ?? 0) || 0;

function Legend({ series }: { series: { name: string }[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s, i) => (
        <li key={s.name}>
          <span className="chart-swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars (HTML, so labels stay readable at any width), stacked when there are several series; the total after each bar. */
export function HBarChart({ data, series }: { data: Datum[]; series: Series; height?: number }) {
  const max = Math.max(1, ...data.map((d) => series.reduce((s, x) => s + num(d, x.key), 0)));
  return (
    <figure className="chart">
      <div className="hbars" aria-hidden>
        {data.map((d) => {
          const total = series.reduce((s, k) => s + num(d, k.key), 0);
          return (
            <div className="hbar" key={d.label}>
              <span className="hbar-label" title={d.label}>
                {d.label}
              </span>
              <span className="hbar-track">
                {series.map((s, k) => (
                  <span
                    key={s.key}
                    className="hbar-part"
                    style={{ width: `${(num(d, s.key) / max) * 88}%`, background: PALETTE[k % PALETTE.length] }}
                    title={`${d.label} · ${s.name}: ${num(d, s.key)}`}
                  />
                ))}
                <span className="hbar-value">{total}</span>
              </span>
            </div>
          );
        })}
      </div>
      {series.length > 1 ? <Legend series={series} /> : null}
    </figure>
  );
}

/** A ring of shares with each part's value and percentage in the legend. */
export function DonutChart({ data }: { data: { label: string; value: number }[] }) {
  const total = data.reduce((s, d) => s + d.value, 0);
  const r = 70;
  const c = 2 * Math.PI * r;
  let offset = 0;
  return (
    <figure className="chart chart-donut">
      <svg viewBox="0 0 200 200" width="180" height="180" role="img" aria-hidden>
        <circle cx="100" cy="100" r={r} fill="none" stroke="#e6ebf0" strokeWidth="28" />
        {total > 0
          ? data.map((d, i) => {
              const len = (d.value / total) * c;
              const arc = (
                <circle
                  key={d.label}
                  cx="100"
                  cy="100"
                  r={r}
                  fill="none"
                  stroke={PALETTE[i % PALETTE.length]}
                  strokeWidth="28"
                  strokeDasharray={`${len} ${c - len}`}
                  strokeDashoffset={-offset}
                  transform="rotate(-90 100 100)"
                >
                  <title>{`${d.label}: ${d.value}`}</title>
                </circle>
              );
              offset += len;
              return arc;
            })
          : null}
        <text x="100" y="108" textAnchor="middle" className="chart-total">
          {total}
        </text>
      </svg>
      <ul className="chart-legend chart-legend-col">
        {data.map((d, i) => (
          <li key={d.label}>
            <span className="chart-swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden />
            {d.label} <strong>{d.value}</strong> <span className="muted">({total ? Math.round((d.value / total) * 100) : 0}%)</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Lines over months; each series has its own dash and marker, so equal values never hide one another. */
export function TrendChart({ data, series }: { data: Datum[]; series: Series }) {
  const width = 340;
  const height = 190;
  const pad = { left: 26, right: 10, top: 12, bottom: 24 };
  // Month labels every other point on long series, so they never run together.
  const every = data.length > 7 ? 2 : 1;
  const max = Math.max(1, ...data.flatMap((d) => series.map((s) => num(d, s.key))));
  const step = data.length > 1 ? (width - pad.left - pad.right) / (data.length - 1) : 0;
  const x = (i: number) => pad.left + i * step;
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const ticks = [0, Math.round(max / 2), max];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-hidden>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#e6ebf0" />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" className="chart-label">
              {v}
            </text>
          </g>
        ))}
        {data.map((d, i) =>
          i % every === (data.length - 1) % every ? (
            <text key={d.label} x={x(i)} y={height - 6} textAnchor="middle" className="chart-label">
              {d.label.slice(-5)}
            </text>
          ) : null,
        )}
        {series.map((s, k) => (
          <g key={s.key}>
            <polyline
              fill="none"
              stroke={PALETTE[k]}
              strokeWidth="2.5"
              strokeDasharray={k === 0 ? undefined : "6 4"}
              points={data.map((d, i) => `${x(i)},${y(num(d, s.key))}`).join(" ")}
            />
            {data.map((d, i) =>
              k === 0 ? (
                <circle key={d.label} cx={x(i)} cy={y(num(d, s.key))} r="4" fill={PALETTE[k]}>
                  <title>{`${d.label} · ${s.name}: ${num(d, s.key)}`}</title>
                </circle>
              ) : (
                <rect key={d.label} x={x(i) - 4} y={y(num(d, s.key)) - 4} width="8" height="8" fill="#fff" stroke={PALETTE[k]} strokeWidth="2">
                  <title>{`${d.label} · ${s.name}: ${num(d, s.key)}`}</title>
                </rect>
              ),
            )}
          </g>
        ))}
      </svg>
      <Legend series={series} />
    </figure>
  );
}
