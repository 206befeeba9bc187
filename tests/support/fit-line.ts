/** Least-squares line through (x, y) points; one point gives a flat line through it. */
export function fitLine(points: ReadonlyArray<readonly [number, number]>): { at: (x: number) => number } {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
  return { at: (x) => my + slope * (x - mx) };
}
