/**
 * A value built at most once per `ttlMs` and shared while it is fresh: concurrent readers of a
 * key share one build, a build that fails is forgotten (the next reader builds again), an entry
 * made after `now` (a clock moved back, in tests) or older than `ttlMs` is built again, and past
 * `max` entries the map starts afresh. `now` is the caller's clock, in ms.
 */
export type Kept<T> = { at: number; value: Promise<T> };

export function keptOrBuilt<T>(
  kept: Map<string, Kept<T>>,
  key: string,
  opts: { now: number; ttlMs: number; max: number },
  build: () => Promise<T>,
): Promise<T> {
  const hit = kept.get(key);
  if (hit && hit.at <= opts.now && opts.now - hit.at < opts.ttlMs) return hit.value;
  const value = build();
  if (kept.size > opts.max) kept.clear();
  kept.set(key, { at: opts.now, value });
  value.catch(() => kept.get(key)?.value === value && kept.delete(key));
  return value;
}
