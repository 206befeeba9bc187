import { Bell, Database, LineChart, Timer } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AdminHeader, ADMIN_SECTIONS } from "@/components/admin/admin-nav";
import { ApiButton } from "@/components/admin/api-form";
import { Empty, Table, Td } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { adminHealth } from "@/lib/admin/health";
import { listOpenAlerts } from "@/lib/admin/logs";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { listJobRuns } from "@/lib/jobs";
import { getSessionStatus } from "@/lib/sessions/status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.dashboard");
  return { title: t("title"), robots: { index: false } };
}

/** The admin dashboard: health, today's session, open alerts, last job runs, links. Guarded here, not only by the proxy. */
export default async function AdminPage() {
  const admin = await requireAdminPage("/admin");
  const db = await getDb();
  const now = appClock.now();
  const [health, session, alerts, runs] = [await adminHealth(), await getSessionStatus(db, now), await listOpenAlerts(db, { limit: 20 }), await listJobRuns(db, { limit: 8 })];
  const t = await getTranslations("admin.dashboard");
  const tNav = await getTranslations("admin.nav");
  const tc = await getTranslations("admin.common");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="dashboard" title={t("title")}>
        <p className="text-sm text-muted" data-testid="admin-title">
          {t("welcome", { nickname: admin.nickname })}
        </p>
      </AdminHeader>

      <div className="grid gap-4 md:grid-cols-3">
        <Card className="flex flex-col gap-2" data-testid="health-database">
          <CardTitle className="flex items-center gap-1.5">
            <Database className="h-4 w-4" aria-hidden />
            {t("database")}
          </CardTitle>
          <Badge tone={health.database.status === "ok" ? "open" : "down"} className="self-start">
            {health.database.status === "ok" ? tc("ok") : tc("down")}
          </Badge>
          <p className="text-sm text-muted">
            {health.database.driver ?? "—"} · {health.database.latencyMs ?? "—"} ms
          </p>
        </Card>
        <Card className="flex flex-col gap-2" data-testid="health-prices">
          <CardTitle className="flex items-center gap-1.5">
            <LineChart className="h-4 w-4" aria-hidden />
            {t("priceProvider")}
          </CardTitle>
          <div className="flex flex-wrap gap-1.5">
            <Badge>{health.priceProvider.kind}</Badge>
            {health.priceProvider.simulated && (
              <Badge tone="warn" data-testid="simulated-badge">
                {t("simulated")}
              </Badge>
            )}
          </div>
          <p className="text-sm text-muted">{health.priceProvider.simulated ? t("simulatedHint") : t("liveHint")}</p>
        </Card>
        <Card className="flex flex-col gap-2" data-testid="health-scheduler">
          <CardTitle className="flex items-center gap-1.5">
            <Timer className="h-4 w-4" aria-hidden />
            {t("scheduler")}
          </CardTitle>
          <Badge className="self-start">{health.scheduler.kind}</Badge>
          <p className="text-sm text-muted">{t(`schedulerHint.${health.scheduler.kind === "qstash" ? "qstash" : health.scheduler.kind === "off" ? "off" : "inprocess"}`)}</p>
        </Card>
      </div>

      <Card className="flex flex-col gap-2" data-testid="today-session">
        <CardTitle>{t("today")}</CardTitle>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-semibold">{session.tradingDay ?? t("noSession", { next: session.nextTradingDay })}</span>
          <Badge tone={session.phase === "OPEN" ? "open" : "closed"}>{session.phase}</Badge>
          <Badge>{tc("market")}: {session.marketState}</Badge>
          <span className="text-muted">
            {tc("now")}: {kst(now)} KST
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
              <li key={a.id} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-start sm:justify-between" data-testid="alert-row">
                <div className="flex min-w-0 flex-col gap-0.5">
                  <div className="flex items-center gap-2">
                    <Badge tone={a.severity === "info" ? "neutral" : a.severity === "warning" ? "warn" : "down"}>{a.severity}</Badge>
                    <span className="font-mono text-xs">{a.kind}</span>
                    <span className="text-xs text-muted">{kst(a.createdAt)}</span>
                  </div>
                  <p className="text-sm break-words">{a.message}</p>
                </div>
                <ApiButton endpoint={`/api/admin/alerts/${a.id}/ack`} label={t("acknowledge")} testId={`ack-${a.id}`} showOutcome={false} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card className="flex flex-col gap-3" data-testid="recent-jobs">
        <div className="flex items-center justify-between">
          <CardTitle>{t("lastJobs")}</CardTitle>
          <Link href="/admin/jobs" className="text-sm text-brand hover:underline">
            {tc("all")}
          </Link>
        </div>
        {runs.length === 0 ? (
          <Empty>{tc("none")}</Empty>
        ) : (
          <Table head={[tc("job"), tc("key"), tc("status"), tc("started"), tc("duration")]}>
            {runs.map((r) => (
              <tr key={r.id}>
                <Td className="font-mono text-xs">{r.job}</Td>
                <Td className="font-mono text-xs">{r.businessKey}</Td>
                <Td>
                  <Badge tone={r.status === "SUCCEEDED" ? "open" : r.status === "FAILED" ? "down" : "warn"}>{r.status}</Badge>
                </Td>
                <Td className="text-xs">{kst(r.startedAt)}</Td>
                <Td className="text-xs tabular-nums">{r.durationMs ?? "—"} ms</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>

      <Card className="flex flex-col gap-3">
        <CardTitle>{t("links")}</CardTitle>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
          {ADMIN_SECTIONS.map((s) => (
            <Link key={s} href={`/admin/${s}`} className="rounded-xl border border-subtle px-3 py-3 text-center text-sm font-semibold hover:bg-muted" data-testid={`quick-${s}`}>
              {tNav(s)}
            </Link>
          ))}
        </div>
      </Card>
    </div>
  );
}
