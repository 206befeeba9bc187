import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { FilterForm } from "@/components/admin/filter-form";
import { JobRunsTable } from "@/components/admin/job-runs-table";
import { getDb } from "@/db";
import { requireAdminPage } from "@/lib/auth/pages";
import { recentSince } from "@/lib/admin/days";
import { appClock } from "@/lib/clock";
import { JOB_NAMES, listJobRuns, runsToFollow } from "@/lib/jobs";
import { runJobAction } from "./actions";
import { adminLabels } from "@/components/admin/labels";

export const generateMetadata = adminMetadata("admin.jobs");

const STATUSES = ["RUNNING", "SUCCEEDED", "INCOMPLETE", "FAILED"] as const;

export default async function AdminJobsPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/jobs");
  const sp = await searchParams;
  const job = z
    .enum(JOB_NAMES)
    .optional()
    .catch(undefined)
    .parse(sp.job || undefined);
  const status = z
    .enum(STATUSES)
    .optional()
    .catch(undefined)
    .parse(sp.status || undefined);
  const db = await getDb();
  const runs = await listJobRuns(db, { job, status, limit: 100 });
  // Runs started from the console (any job), running or just ended.
  const following = await runsToFollow(db, {
    jobs: JOB_NAMES,
    trigger: "admin",
    finishedSince: recentSince(appClock.now()),
  });
  const t = await getTranslations("admin.jobs");
  const label = await adminLabels();
  const tc = await getTranslations("admin.common");
  const all = { value: "", label: tc("all") };

  return (
    <AdminPage current="jobs" title={t("title")}>
      <Section title={t("rerun")} hint={t("rerunHint")}>
        <ActionForm
          action={runJobAction}
          testId="job-run"
          submitLabel={t("runNow")}
          follow={following}
          fields={[
            {
              name: "job",
              label: tc("job"),
              kind: "select",
              // A refill answers one player's timer; a backfill takes its range on the prices page.
              options: JOB_NAMES.filter((j) => j !== "cooldown-refill" && j !== "backfill-eod").map((j) => ({
                value: j,
                label: j,
              })),
            },
            { name: "tradingDay", label: t("dayOptional"), kind: "date", optional: true },
          ]}
        />
      </Section>
      <Section data-testid="job-runs">
        <FilterForm
          action="/admin/jobs"
          submitLabel={t("filter")}
          submitTestId="jobs-filter-submit"
          fields={[
            {
              name: "job",
              label: tc("job"),
              kind: "select",
              defaultValue: job ?? "",
              options: [all, ...JOB_NAMES.map((j) => ({ value: j, label: j }))],
              testId: "jobs-filter-job",
            },
            {
              name: "status",
              label: tc("status"),
              kind: "select",
              defaultValue: status ?? "",
              options: [all, ...STATUSES.map((s) => ({ value: s, label: label(`jobStatus.${s}`, s) }))],
              testId: "jobs-filter-status",
            },
          ]}
        />
        <JobRunsTable runs={runs} detailed />
      </Section>
    </AdminPage>
  );
}
