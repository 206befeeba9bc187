import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiForm } from "@/components/admin/api-form";
import { Empty, Table, Td } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { requireAdminPage } from "@/lib/auth/pages";
import { JOB_NAMES, listJobRuns } from "@/lib/jobs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.jobs");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED"] as const;
const select = "h-9 rounded-lg border border-subtle bg-[var(--background)] px-2 text-sm";

export default async function AdminJobsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/jobs");
  const sp = await searchParams;
  const job = z.enum(JOB_NAMES).optional().catch(undefined).parse(sp.job || undefined);
  const status = z.enum(STATUSES).optional().catch(undefined).parse(sp.status || undefined);
  const runs = await listJobRuns(await getDb(), { job, status, limit: 100 });
  const t = await getTranslations("admin.jobs");
  const tc = await getTranslations("admin.common");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="jobs" title={t("title")} />
      <Card className="flex flex-col gap-3">
        <CardTitle>{t("rerun")}</CardTitle>
        <p className="text-sm text-muted">{t("rerunHint")}</p>
        <ApiForm
          endpoint="/api/admin/jobs/{job}/run"
          testId="job-run"
          submitLabel={t("runNow")}
          summaryKeys={["job", "skipped", "runs"]}
          fields={[
            { name: "job", label: tc("job"), kind: "select", inPath: true, options: JOB_NAMES.filter((j) => j !== "cooldown-refill").map((j) => ({ value: j, label: j })) },
            { name: "tradingDay", label: t("dayOptional"), kind: "date", optional: true },
          ]}
        />
      </Card>
      <Card className="flex flex-col gap-3" data-testid="job-runs">
        <form action="/admin/jobs" method="get" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium text-muted">
            {tc("job")}
            <select name="job" defaultValue={job ?? ""} className={select} data-testid="jobs-filter-job">
              <option value="">{tc("all")}</option>
              {JOB_NAMES.map((j) => (
                <option key={j} value={j}>
                  {j}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-muted">
            {tc("status")}
            <select name="status" defaultValue={status ?? ""} className={select} data-testid="jobs-filter-status">
              <option value="">{tc("all")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" size="sm" variant="outline" data-testid="jobs-filter-submit">
            {t("filter")}
          </Button>
        </form>
        {runs.length === 0 ? (
          <Empty>{tc("none")}</Empty>
        ) : (
          <Table head={[tc("job"), tc("key"), tc("status"), t("trigger"), t("attempt"), tc("started"), tc("duration"), t("error")]}>
            {runs.map((r) => (
              <tr key={r.id} data-testid="job-run-row">
                <Td className="font-mono text-xs">{r.job}</Td>
                <Td className="font-mono text-xs">{r.businessKey}</Td>
                <Td>
                  <Badge tone={r.status === "SUCCEEDED" ? "open" : r.status === "FAILED" ? "down" : "warn"}>{r.status}</Badge>
                </Td>
                <Td className="text-xs">{r.trigger}</Td>
                <Td className="tabular-nums">{r.attempt}</Td>
                <Td className="text-xs">{kst(r.startedAt)}</Td>
                <Td className="text-xs tabular-nums">{r.durationMs ?? "—"} ms</Td>
                <Td className="max-w-80 truncate text-xs text-red-700 dark:text-red-300" title={r.error ?? undefined}>
                  {r.error ?? ""}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
