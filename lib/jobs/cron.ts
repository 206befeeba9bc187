/**
 * A small evaluator of the 5-field cron expressions in the schedule table (numbers, `*`,
 * lists, ranges and steps), evaluated in UTC like QStash does. Used to test the table against
 * the trading calendar and to print upcoming runs.
 */
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
] as const;

function parseField(text: string, { min, max }: { min: number; max: number }): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    const bounds = range === "*" ? [min, max] : range.split("-").map(Number);
    const lo = bounds[0] ?? NaN;
    const hi = bounds[1] ?? (stepText === undefined ? lo : max);
    if (
      !Number.isInteger(lo) ||
      !Number.isInteger(hi) ||
      !Number.isInteger(step) ||
      step < 1 ||
      lo < min ||
      hi > max ||
      lo > hi
    ) {
      throw new Error(`invalid cron field "${text}"`);
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

export type ParsedCron = {
  minute: Set<number>;
  hour: Set<number>;
  day: Set<number>;
  month: Set<number>;
  weekday: Set<number>;
};

export function parseCron(expr: string): ParsedCron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`a cron expression has 5 fields: "${expr}"`);
  const [minute, hour, day, month, weekday] = parts.map((p, i) => parseField(p, FIELDS[i]!));
  return { minute: minute!, hour: hour!, day: day!, month: month!, weekday: weekday! };
}

/** Does the cron fire at this UTC minute? (Day-of-month and weekday are both restricted only with `*` in one of them, as used here.) */
export function cronFiresAt(expr: string | ParsedCron, instant: Date): boolean {
  const c = typeof expr === "string" ? parseCron(expr) : expr;
  return (
    instant.getUTCSeconds() === 0 &&
    instant.getUTCMilliseconds() === 0 &&
    c.minute.has(instant.getUTCMinutes()) &&
    c.hour.has(instant.getUTCHours()) &&
    c.day.has(instant.getUTCDate()) &&
    c.month.has(instant.getUTCMonth() + 1) &&
    c.weekday.has(instant.getUTCDay())
  );
}

/** Every firing instant in [from, to). */
export function cronFirings(expr: string, from: Date, to: Date): Date[] {
  const c = parseCron(expr);
  const out: Date[] = [];
  const start = Math.ceil(from.getTime() / 60_000) * 60_000;
  for (let t = start; t < to.getTime(); t += 60_000) {
    const d = new Date(t);
    if (cronFiresAt(c, d)) out.push(d);
  }
  return out;
}
