import { getFormatter, getTranslations } from "next-intl/server";
import type { DayMetrics, Metrics } from "@/lib/admin/metrics";
import { CALL_STATUSES, REDEMPTION_STATUSES } from "@/lib/admin/metrics";
import { LEDGER_REASONS } from "@/lib/points/constants";
import { Section } from "./admin-page";
import { adminLabels } from "./labels";

/** One series as a row of bars: plain SVG, the values in its title and a screen-reader table. */
function Bars({ label, values, days }: { label: string; values: (number | null)[]; days: string[] }) {
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const w = 4;
  const gap = 1;
  const h = 36;
  return (
    <svg
      viewBox={`0 0 ${values.length * (w + gap)} ${h}`}
      preserveAspectRatio="none"
      className="text-brand h-9 w-full"
      role="img"
      aria-label={label}
    >
      {values.map((v, i) => {
        const bh = v === null ? 0 : Math.max(1, (v / max) * h);
        return (
          <rect
            key={days[i]}
            x={i * (w + gap)}
            y={h - bh}
            width={w}
            height={bh}
            className={i === values.length - 1 ? "fill-current" : "fill-current opacity-40"}
          >
            <title>{`${days[i]}: ${v ?? "—"}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/**
 * The morning numbers on the dashboard: today's figures, each with its last-30-trading-days
 * bars, then today's calls by status, points by reason and redemptions by status.
 */
export async function MetricsView({ metrics }: { metrics: Metrics }) {
  const t = await getTranslations("admin.metrics");
  const label = await adminLabels();
  const format = await getFormatter();
  const days = metrics.days;
  const today = days[days.length - 1];
  if (!today) return null;
  const n = (v: number | null) => (v === null ? "—" : format.number(v));
  const pct = (v: number | null) =>
    v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const made = (m: DayMetrics) => m.calls.PENDING + m.calls.CORRECT + m.calls.INCORRECT + m.calls.VOID;
  const figures: { key: string; value: string; series: (number | null)[] }[] = [
    {
      key: "registeredPlayers",
      value: n(today.registeredPlayers),
      series: days.map((d) => d.registeredPlayers),
    },
    { key: "playersWithCall", value: n(today.playersWithCall), series: days.map((d) => d.playersWithCall) },
    { key: "calls", value: n(made(today)), series: days.map(made) },
    {
      key: "callsPerActivePlayer",
      value: n(today.callsPerActivePlayer),
      series: days.map((d) => d.callsPerActivePlayer),
    },
    { key: "crowdAccuracy", value: pct(today.crowdAccuracy), series: days.map((d) => d.crowdAccuracy) },
    { key: "pointsIssued", value: n(today.pointsIssuedTotal), series: days.map((d) => d.pointsIssuedTotal) },
    { key: "pointsSpent", value: n(today.pointsSpent), series: days.map((d) => d.pointsSpent) },
    {
      key: "pointsOutstanding",
      value: n(today.pointsOutstanding),
      series: days.map((d) => d.pointsOutstanding),
    },
    { key: "adsCompleted", value: n(today.adsCompleted), series: days.map((d) => d.adsCompleted) },
  ];
  const dayList = days.map((d) => d.tradingDay);
  return (
    <Section
      title={t("title", { day: today.tradingDay })}
      hint={t("hint", { count: days.length, from: metrics.from })}
      aside={
        <nav aria-label={t("exports")} className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
          {(
            [
              ["metrics", `?from=${metrics.from}&to=${metrics.to}`],
              ["players", ""],
              ["redemptions", ""],
              ["audit", ""],
            ] as const
          ).map(([table, query]) => (
            <a
              key={table}
              href={`/api/admin/export/${table}.csv${query}`}
              className="text-brand font-semibold underline"
              data-testid={`export-${table}`}
              download
            >
              {t(`csv.${table}`)}
            </a>
          ))}
        </nav>
      }
      data-testid="metrics"
    >
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
        {figures.map((f) => (
          <div key={f.key} className="flex min-w-0 flex-col gap-1 rounded-xl border border-subtle p-3">
            <dt className="text-xs text-muted">{t(`figure.${f.key}`)}</dt>
            <dd className="text-xl font-bold tabular-nums" data-testid={`metric-${f.key}`}>
              {f.value}
            </dd>
            <dd>
              <Bars label={t("trend", { name: t(`figure.${f.key}`) })} values={f.series} days={dayList} />
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-3 text-sm md:grid-cols-3">
        <Breakdown
          title={t("callsByStatus")}
          rows={CALL_STATUSES.map((s) => [label(`outcome.${s}`, s), n(today.calls[s])])}
          testId="metrics-calls"
        />
        <Breakdown
          title={t("pointsByReason")}
          rows={LEDGER_REASONS.filter((r) => r !== "REDEMPTION").map((r) => [
            label(`reason.${r}`, r),
            n(today.pointsIssued[r]),
          ])}
          testId="metrics-points"
        />
        <Breakdown
          title={t("redemptionsByStatus")}
          rows={REDEMPTION_STATUSES.map((s) => [label(`redemption.${s}`, s), n(today.redemptions[s])])}
          testId="metrics-redemptions"
        />
      </div>
    </Section>
  );
}

function Breakdown({ title, rows, testId }: { title: string; rows: [string, string][]; testId: string }) {
  return (
    <div className="rounded-xl border border-subtle p-3" data-testid={testId}>
      <h3 className="mb-1 text-xs font-semibold text-muted">{title}</h3>
      <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt>{k}</dt>
            <dd className="text-right tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
