/**
 * The latest session's line against one reference, the previous close (dotted): the line is
 * coloured by where the last point stands against it, the same comparison as the card's %, so
 * the two always agree. A called card adds the player's own price (dashed).
 */
export function Sparkline({
  points,
  baseline,
  snapshot,
  className,
}: {
  points: number[];
  baseline: number | null;
  snapshot?: number | null;
  className?: string;
}) {
  const last = points.at(-1);
  if (last === undefined || baseline === null) return <div className={className} aria-hidden />;
  // The line starts at the reference itself: the gap to the session's first trade is part of the move.
  const line = [baseline, ...points];
  const w = 100;
  const h = 32;
  const refs = [baseline, ...(snapshot ? [snapshot] : [])];
  const min = Math.min(...line, ...refs);
  const max = Math.max(...line, ...refs);
  const span = max - min || 1;
  const y = (p: number) => (h - ((p - min) / span) * (h - 4) - 2).toFixed(2);
  const d = line.map((p, i) => `${((i / (line.length - 1)) * w).toFixed(2)},${y(p)}`).join(" ");
  const direction = Math.sign(last - baseline);
  const stroke =
    direction > 0 ? "stroke-up" : direction < 0 ? "stroke-down" : "stroke-[var(--muted-foreground)]";
  return (
    <svg
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      className={className}
      aria-hidden
      data-testid="sparkline"
      data-direction={direction > 0 ? "up" : direction < 0 ? "down" : "flat"}
    >
      <line
        x1="0"
        x2={w}
        y1={y(baseline)}
        y2={y(baseline)}
        strokeWidth="1"
        strokeDasharray="1 3"
        vectorEffect="non-scaling-stroke"
        className="stroke-[var(--muted-foreground)]"
      />
      {snapshot ? (
        <line
          x1="0"
          x2={w}
          y1={y(snapshot)}
          y2={y(snapshot)}
          strokeWidth="1"
          strokeDasharray="4 3"
          vectorEffect="non-scaling-stroke"
          className="stroke-[var(--foreground)]"
          data-testid="snapshot-line"
        />
      ) : null}
      <polyline
        points={d}
        fill="none"
        strokeWidth="1.75"
        vectorEffect="non-scaling-stroke"
        className={stroke}
      />
    </svg>
  );
}

/** The card's direction against the previous close: the sign the line's colour and the % share. */
export function directionOf(price: number | null, previousClose: number | null): -1 | 0 | 1 | null {
  if (price === null || previousClose === null) return null;
  return Math.sign(price - previousClose) as -1 | 0 | 1;
}
