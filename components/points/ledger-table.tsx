import { getFormatter, getTranslations } from "next-intl/server";
import type { LedgerEntry } from "@/db/schema";
import { LEDGER_REASONS } from "@/lib/points/constants";
import { KST_DATE_TIME } from "@/lib/i18n/kst-format";
import { cn } from "../ui/cn";
import { HeaderRow } from "../ui/table";

/** Points history rows: a table from `sm` up, a stacked list on phones. Times in KST. */
export async function LedgerTable({ items }: { items: LedgerEntry[] }) {
  const t = await getTranslations("points");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, KST_DATE_TIME);
  const reason = (r: string) =>
    (LEDGER_REASONS as readonly string[]).includes(r)
      ? t(`reasons.${r as (typeof LEDGER_REASONS)[number]}`)
      : r;
  const signed = (n: number) => `${n > 0 ? "+" : "−"}${format.number(Math.abs(n))}`;

  if (items.length === 0) return <p className="py-6 text-center text-sm text-muted">{t("empty")}</p>;

  return (
    <table className="w-full text-sm" data-testid="ledger">
      <thead className="sr-only sm:not-sr-only">
        <HeaderRow
          className="border-b border-subtle text-left text-xs text-muted"
          columns={[
            { label: t("time"), className: "py-2 pr-2 font-medium" },
            { label: t("reason"), className: "py-2 pr-2 font-medium" },
            { label: t("amount"), className: "py-2 pr-2 text-right font-medium" },
            { label: t("balanceAfter"), className: "py-2 text-right font-medium" },
          ]}
        />
      </thead>
      <tbody className="divide-y divide-[var(--border)]">
        {items.map((e) => (
          <tr
            key={e.id}
            data-testid="ledger-row"
            className="grid grid-cols-[1fr_auto] gap-x-3 py-2.5 sm:table-row"
          >
            <td className="col-start-1 row-start-2 text-xs text-muted tabular-nums sm:py-2.5 sm:pr-2 sm:text-sm">
              <time dateTime={e.createdAt.toISOString()}>{when(e.createdAt)} KST</time>
            </td>
            <td className="col-start-1 row-start-1 font-medium sm:py-2.5 sm:pr-2">{reason(e.reason)}</td>
            <td
              data-testid="ledger-amount"
              className={cn(
                "col-start-2 row-start-1 text-right font-bold tabular-nums sm:py-2.5 sm:pr-2",
                e.amount > 0 ? "text-up" : "text-down",
              )}
            >
              {signed(e.amount)}
            </td>
            <td className="col-start-2 row-start-2 text-right text-xs text-muted tabular-nums sm:py-2.5 sm:text-sm sm:text-[inherit]">
              {format.number(e.balanceAfter)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
