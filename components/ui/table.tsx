import type { ReactNode } from "react";

export type Column = { label: ReactNode; className?: string };

/** One header row of a table: a `<th scope="col">` per column, in order. */
export function HeaderRow({ columns, className }: { columns: Column[]; className?: string }) {
  return (
    <tr className={className}>
      {columns.map((c, i) => (
        <th key={i} scope="col" className={c.className}>
          {c.label}
        </th>
      ))}
    </tr>
  );
}
