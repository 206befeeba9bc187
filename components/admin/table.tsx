import type { ComponentProps, ReactNode } from "react";
import { cn } from "../ui/cn";

/** A compact data table that scrolls sideways on a phone instead of squeezing. */
export function Table({ head, children, className, ...props }: ComponentProps<"table"> & { head: ReactNode[] }) {
  return (
    <div className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
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

/** A small labelled figure for summaries. */
export function Stat({ label, value, tone, testId }: { label: string; value: ReactNode; tone?: "bad" | "good"; testId?: string }) {
  return (
    <div className="flex min-w-24 flex-col rounded-xl bg-muted px-3 py-2" data-testid={testId}>
      <span className="text-xs text-muted">{label}</span>
      <span className={cn("text-lg font-bold tabular-nums", tone === "bad" && "text-red-600 dark:text-red-400", tone === "good" && "text-emerald-600 dark:text-emerald-400")}>{value}</span>
    </div>
  );
}
