/** The figures of one run, printed as `<figure> <value>` lines (or one JSON object with --json). */
export type Figures = Map<string, number | string>;

/** Figures that are also logged as each is measured, so a run cut short still shows what it had. */
export function loggedFigures(log: (s: string) => void): Figures {
  const figures: Figures = new Map();
  const set = figures.set.bind(figures);
  figures.set = (k, v) => {
    log(`  = ${k} ${v}`);
    return set(k, v);
  };
  return figures;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function printFigures(figures: Figures, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(Object.fromEntries(figures), null, 2));
    return;
  }
  const width = Math.max(...[...figures.keys()].map((k) => k.length));
  for (const [k, v] of figures) console.log(`${k.padEnd(width)} ${v}`);
}
