/**
 * A week of daily mood averages as a small line (1–10, oldest left), for scanning a caseload: an
 * image to assistive technology, labelled with the numbers it draws. A day without a check-in
 * breaks the line.
 */
export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const width = 84;
  const height = 26;
  const pad = 3;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / Math.max(1, values.length - 1);
  const y = (v: number) => height - pad - ((Math.min(10, Math.max(1, v)) - 1) * (height - 2 * pad)) / 9;
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 1) runs.push(run.join(" "));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length > 1) runs.push(run.join(" "));
  return (
    <svg
      class="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <line x1={pad} x2={width - pad} y1={y(5.5)} y2={y(5.5)} class="mid" />
      {runs.map((points) => (
        <polyline key={points} points={points} />
      ))}
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={2} />))}
    </svg>
  );
}

/** The sparkline's words: each day's average, or "none". */
export function sparklineLabel(values: readonly (number | null)[]): string {
  if (values.every((v) => v === null)) return "No check-ins in the last 7 days";
  return `Mood over the last 7 days, oldest first: ${values.map((v) => (v === null ? "none" : v.toFixed(1))).join(", ")}`;
}
