import { getTranslations } from "next-intl/server";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "../ui/cn";

/** A compact data table that scrolls sideways on a phone instead of squeezing. */
export function Table({
  head,
  children,
  className,
  ...props
}: ComponentProps<"table"> & { head: ReactNode[] }) {
  return (
    // Focusable, so a keyboard can scroll a table wider than the screen (WCAG 2.1.1).
    <div tabIndex={0} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <table className={cn("w-full min-w-max border-collapse text-sm", className)} {...props}>
        <thead>
          <tr className="border-b border-subtle text-left text-xs tracking-wide text-muted uppercase">
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-2 py-2 font-semibold whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-[var(--border)]">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-2 py-1.5 align-top whitespace-nowrap", className)} {...props} />;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="py-6 text-center text-sm text-muted">{children}</p>;
}

/** One column of a DataTable: its heading, how a row fills its cell, the cell's classes. */
export type Column<R> = {
  head: ReactNode;
  cell: (row: R) => ReactNode;
  className?: string;
  title?: (row: R) => string | undefined;
};

type RowProps = { className?: string } & { [data: `data-${string}`]: string | undefined };

/**
 * Rows as a Table, one cell per column, or `empty` (the console's "Nothing yet.") when there are
 * none. Rows are keyed by position unless `rowKey` says otherwise: these lists are rendered once
 * on the server and never reordered in place.
 */
export async function DataTable<R>({
  rows,
  columns,
  rowKey,
  empty,
  rowProps,
  ...props
}: Omit<ComponentProps<"table">, "children"> & {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey?: (row: R) => string | number;
  empty?: ReactNode;
  rowProps?: (row: R) => RowProps;
}) {
  if (rows.length === 0) return <Empty>{empty ?? (await getTranslations("admin.common"))("none")}</Empty>;
  return (
    <Table head={columns.map((c) => c.head)} {...props}>
      {rows.map((row, i) => (
        <tr key={rowKey ? rowKey(row) : i} {...rowProps?.(row)}>
          {columns.map((c, j) => (
            <Td key={j} className={c.className} title={c.title?.(row)}>
              {c.cell(row)}
            </Td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

/** A small labelled figure for summaries. */
export function Stat({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: ReactNode;
  tone?: "bad" | "good";
  testId?: string;
}) {
  return (
    <div className="flex min-w-24 flex-col rounded-xl bg-muted px-3 py-2" data-testid={testId}>
      <span className="text-xs text-muted">{label}</span>
      <span
        className={cn(
          "text-lg font-bold tabular-nums",
          tone === "bad" && "text-red-600 dark:text-red-400",
          tone === "good" && "text-emerald-600 dark:text-emerald-400",
        )}
      >
        {value}
      </span>
    </div>
  );
}

/** A row of Stats. */
export function Stats({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap gap-2">{children}</div>;
}
