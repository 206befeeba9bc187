import { getTableColumns, type InferSelectModel } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * A row of `table` from a hand-written statement (`RETURNING *` of a CTE, read with `rowsOf`),
 * keyed by the SQL column names (snake_case, as db/client.ts configures drizzle), mapped exactly
 * as the query builder maps it (each column's own driver mapping: dates, numerics), so both
 * drivers give the typed model.
 */
export function modelOf<T extends PgTable>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.keyAsName ? toSnakeCase(key) : column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}
