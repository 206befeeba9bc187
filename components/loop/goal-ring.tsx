/** A progress ring drawn with SVG: the share of the daily goal done (capped at full). */
export function GoalRing({ done, goal, label }: { done: number; goal: number; label: string }) {
  const r = 14;
  const c = 2 * Math.PI * r;
  const share = Math.min(1, goal > 0 ? done / goal : 0);
  return (
    <svg width="36" height="36" viewBox="0 0 36 36" role="img" aria-label={label}>
      <circle cx="18" cy="18" r={r} fill="none" strokeWidth="4" className="stroke-[var(--border)]" />
      <circle
        cx="18"
        cy="18"
        r={r}
        fill="none"
        strokeWidth="4"
        strokeLinecap="round"
        strokeDasharray={`${c * share} ${c}`}
        transform="rotate(-90 18 18)"
        className="stroke-brand motion-safe:transition-[stroke-dasharray] motion-safe:duration-500"
      />
      <text x="18" y="22" textAnchor="middle" className="fill-current text-[11px] font-bold" aria-hidden>
        {Math.min(done, 99)}
      </text>
    </svg>
  );
}
