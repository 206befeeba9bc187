/**
 * One value per process, however many times its module is evaluated: Next gives every route
 * bundle (and every development reload) its own copy of a module, so a plain module-level
 * `const` would open a second database, a second scheduler, a second cache. The value lives
 * on `globalThis` under a registered symbol; `init` runs once, on first use. Keep mutable
 * state inside the value (an object), never by replacing it.
 */
export function processSingleton<T>(key: string, init: () => T): T {
  const store = globalThis as unknown as Record<symbol, unknown>;
  const slot = Symbol.for(`ox-universe:${key}`);
  if (!(slot in store)) store[slot] = init();
  return store[slot] as T;
}
