import { Bell, Database, LineChart, Timer, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ActionButton } from "@/components/admin/action-form";
import { ADMIN_SECTIONS } from "@/components/admin/admin-nav";
import { AdminPage, adminMetadata, Section } from "@/components/admin/admin-page";
import { JobRunsTable } from "@/components/admin/job-runs-table";
import { MetricsView } from "@/components/admin/metrics-view";
import { Empty } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { adminHealth } from "@/lib/admin/health";
import { loadMetrics, metricsRange } from "@/lib/admin/metrics";
import { listOpenAlerts } from "@/lib/admin/logs";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { listJobRuns } from "@/lib/jobs";
import { getSessionStatus } from "@/lib/sessions/status";
import { acknowledgeAlertAction } from "./actions";
import { adminLabels } from "@/components/admin/labels";

export const generateMetadata = adminMetadata("admin.dashboard");

/** The admin dashboard: the morning numbers, health, today's session, open alerts, last job runs, links. Guarded here, not only by the proxy. */
export default async function AdminDashboardPage() {
  const admin = await requireAdminPage("/admin");
  const db = await getDb();
  const now = appClock.now();
  const [metrics, health, session, alerts, runs] = [
    await loadMetrics(db, metricsRange(now), now),
    await adminHealth(),
    await getSessionStatus(db, now),
    await listOpenAlerts(db, { limit: 20 }),
    await listJobRuns(db, { limit: 8 }),
  ];
  const t = await getTranslations("admin.dashboard");
  const label = await adminLabels();
  const tNav = await getTranslations("admin.nav");
  const tc = await getTranslations("admin.common");

  return (
    <AdminPage
      current="dashboard"
      title={t("title")}
      aside={
        <p className="text-sm text-muted" data-testid="admin-title">
          {t("welcome", { nickname: admin.nickname })}
        </p>
      }
    >
      <MetricsView metrics={metrics} />
      <div className="grid gap-4 md:grid-cols-3">
        <HealthCard icon={Database} title={t("database")} testId="health-database">
          <Badge tone={health.database.status === "ok" ? "open" : "down"} className="self-start">
            {health.database.status === "ok" ? tc("ok") : tc("down")}
          </Badge>
          <p className="text-sm text-muted">
            {health.database.driver ? label(`driver.${health.database.driver}`, health.database.driver) : "—"}{" "}
            · {health.database.latencyMs ?? "—"} ms
          </p>
        </HealthCard>
        <HealthCard icon={LineChart} title={t("priceProvider")} testId="health-prices">
          <div className="flex flex-wrap gap-1.5">
            <Badge>{label(`source.${health.priceProvider.kind}`, health.priceProvider.kind)}</Badge>
            {health.priceProvider.simulated && (
              <Badge tone="warn" data-testid="simulated-badge">
                {t("simulated")}
              </Badge>
            )}
          </div>
          <p className="text-sm text-muted">
            {health.priceProvider.simulated ? t("simulatedHint") : t("liveHint")}
          </p>
        </HealthCard>
        <HealthCard icon={Timer} title={t("scheduler")} testId="health-scheduler">
          <Badge className="self-start">
            {label(`scheduler.${health.scheduler.kind}`, health.scheduler.kind)}
          </Badge>
          <p className="text-sm text-muted">
            {t(
              `schedulerHint.${health.scheduler.kind === "qstash" ? "qstash" : health.scheduler.kind === "off" ? "off" : "inprocess"}`,
            )}
          </p>
        </HealthCard>
      </div>

      <Card className="flex flex-col gap-2" data-testid="today-session">
        <CardTitle>{t("today")}</CardTitle>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-semibold">
            {session.tradingDay ?? t("noSession", { next: session.nextTradingDay })}
          </span>
          <Badge tone={session.phase === "OPEN" ? "open" : "closed"}>
            {label(`phase.${session.phase}`, session.phase)}
          </Badge>
          <Badge>
            {tc("market")}: {label(`marketState.${session.marketState}`, session.marketState)}
          </Badge>
          <span className="text-muted">
            {tc("now")}: {kst(now)}
          </span>
        </div>
      </Card>

      <Card className="flex flex-col gap-3" data-testid="alerts">
        <CardTitle className="flex items-center gap-1.5">
          <Bell className="h-4 w-4" aria-hidden />
          {t("alerts", { count: alerts.length })}
        </CardTitle>
        {alerts.length === 0 ? (
          <Empty>{t("noAlerts")}</Empty>
        ) : (
          <ul className="flex flex-col divide-y divide-[var(--border)]">
            {alerts.map((a) => (
              <li
                key={a.id}
                className="flex flex-col gap-2 py-2 sm:flex-row sm:items-start sm:justify-between"
                data-testid="alert-row"
              >
                <div className="flex min-w-0 flex-col gap-0.5">
                  <div className="flex items-center gap-2">
                    <Badge
                      tone={a.severity === "info" ? "neutral" : a.severity === "warning" ? "warn" : "down"}
                    >
                      {a.severity}
                    </Badge>
                    <span className="font-mono text-xs">{a.kind}</span>
                    <span className="text-xs text-muted">{kst(a.createdAt)}</span>
                  </div>
                  <p className="text-sm break-words">{a.message}</p>
                </div>
                <ActionButton
                  action={acknowledgeAlertAction}
                  input={{ alertId: a.id }}
                  label={t("acknowledge")}
                  testId={`ack-${a.id}`}
                  showOutcome={false}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Section
        title={t("lastJobs")}
        aside={
          <Link href="/admin/jobs" className="text-sm text-brand hover:underline">
            {tc("all")}
          </Link>
        }
        data-testid="recent-jobs"
      >
        <JobRunsTable runs={runs} />
      </Section>

      <Section title={t("links")}>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
          {ADMIN_SECTIONS.map((s) => (
            <Link
              key={s}
              href={`/admin/${s}`}
              className="rounded-xl border border-subtle px-3 py-3 text-center text-sm font-semibold hover:bg-muted"
              data-testid={`quick-${s}`}
            >
              {tNav(s)}
            </Link>
          ))}
        </div>
      </Section>
    </AdminPage>
  );
}

function HealthCard({
  icon: Icon,
  title,
  testId,
  children,
}: {
  icon: LucideIcon;
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card className="flex flex-col gap-2" data-testid={testId}>
      <CardTitle className="flex items-center gap-1.5">
        <Icon className="h-4 w-4" aria-hidden />
        {title}
      </CardTitle>
      {children}
    </Card>
  );
}
