/** A tiny SVG line of the day's prices, coloured by direction against the first point. */
export function Sparkline({ points, className }: { points: number[]; className?: string }) {
  if (points.length < 2) return <div className={className} aria-hidden />;
  const w = 100;
  const h = 32;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  const d = points.map((p, i) => `${((i / (points.length - 1)) * w).toFixed(2)},${(h - ((p - min) / span) * (h - 4) - 2).toFixed(2)}`).join(" ");
  const up = points[points.length - 1]! >= points[0]!;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" className={className} aria-hidden>
      <polyline points={d} fill="none" strokeWidth="1.75" vectorEffect="non-scaling-stroke" className={up ? "stroke-up" : "stroke-down"} />
    </svg>
  );
}
