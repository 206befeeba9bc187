import { getTranslations } from "next-intl/server";
import type { JobRun } from "@/db/schema";
import { kst } from "@/lib/admin/days";
import { Badge } from "../ui/badge";
import { DataTable, type Column } from "./table";
import { adminLabels } from "./labels";
import { LongValue } from "./long-value";

/** Job runs, newest first; `detailed` adds the trigger, attempt and error columns of the jobs page. */
export async function JobRunsTable({
  runs,
  detailed = false,
}: {
  runs: readonly JobRun[];
  detailed?: boolean;
}) {
  const tc = await getTranslations("admin.common");
  const label = await adminLabels();
  const t = await getTranslations("admin.jobs");
  const columns: Column<JobRun>[] = [
    { head: tc("job"), cell: (r) => r.job, className: "font-mono text-xs" },
    {
      head: tc("key"),
      cell: (r) => <LongValue value={r.businessKey} max="max-w-40" />,
      className: "font-mono text-xs",
    },
    {
      head: tc("status"),
      cell: (r) => (
        <Badge tone={r.status === "SUCCEEDED" ? "open" : r.status === "FAILED" ? "down" : "warn"}>
          {label(`jobStatus.${r.status}`, r.status)}
        </Badge>
      ),
    },
    ...(detailed
      ? [
          {
            head: t("trigger"),
            cell: (r: JobRun) => label(`trigger.${r.trigger}`, r.trigger),
            className: "text-xs whitespace-normal",
          },
          { head: t("attempt"), cell: (r: JobRun) => r.attempt, className: "tabular-nums" },
        ]
      : []),
    { head: tc("started"), cell: (r) => kst(r.startedAt), className: "text-xs" },
    { head: tc("duration"), cell: (r) => `${r.durationMs ?? "—"} ms`, className: "text-xs tabular-nums" },
    ...(detailed
      ? [
          {
            head: t("error"),
            cell: (r: JobRun) => r.error ?? "",
            title: (r: JobRun) => r.error ?? undefined,
            className: "max-w-80 truncate text-xs text-red-700 dark:text-red-300",
          },
        ]
      : []),
  ];
  return (
    <DataTable
      rows={runs}
      columns={columns}
      rowProps={detailed ? () => ({ "data-testid": "job-run-row" }) : undefined}
      // Not at least its content's width: the trigger wraps before a column leaves the card.
      className="min-w-0"
    />
  );
}
