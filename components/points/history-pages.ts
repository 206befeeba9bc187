import { z } from "zod";

/**
 * The history's keyset pages as links. A page is named by its cursor (none for the newest);
 * `trail` lists the cursors of the pages before it, so "Newer" can step back without a
 * backwards query. Anything malformed in the address means the first page.
 */
const MAX_TRAIL = 100;
const cursor = z.coerce.number<unknown>().int().positive().max(Number.MAX_SAFE_INTEGER);
const pageParams = z.object({
  cursor: cursor.optional(),
  trail: z
    .string()
    .regex(/^\d{1,16}(,\d{1,16}){0,99}$/)
    .optional(),
});

export type HistoryPage = { cursor: number | undefined; trail: number[] };

export function parseHistoryPage(params: Record<string, string | string[] | undefined>): HistoryPage {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = pageParams.safeParse({ cursor: first(params.cursor), trail: first(params.trail) });
  if (!parsed.success || parsed.data.cursor === undefined) return { cursor: undefined, trail: [] };
  const trail = parsed.data.trail ? parsed.data.trail.split(",").map(Number) : [];
  return {
    cursor: parsed.data.cursor,
    trail: trail.filter((n) => Number.isSafeInteger(n) && n > 0).slice(-MAX_TRAIL),
  };
}

function href(base: string, cursorValue: number | undefined, trail: number[]): string {
  if (cursorValue === undefined) return base;
  const q = new URLSearchParams({ cursor: String(cursorValue) });
  if (trail.length) q.set("trail", trail.join(","));
  return `${base}?${q}`;
}

/** Links to the newer and older neighbours of `page` (null where there is none). */
export function historyLinks(
  base: string,
  page: HistoryPage,
  nextCursor: number | null,
): { newer: string | null; older: string | null } {
  const newer = page.cursor === undefined ? null : href(base, page.trail.at(-1), page.trail.slice(0, -1));
  const olderTrail = page.cursor === undefined ? [] : [...page.trail, page.cursor].slice(-MAX_TRAIL);
  const older = nextCursor === null ? null : href(base, nextCursor, olderTrail);
  return { newer, older };
}
