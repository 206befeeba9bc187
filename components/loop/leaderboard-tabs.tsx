import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { METRICS, PERIODS, type Metric, type Period } from "@/lib/loop/periods";
import { cn } from "../ui/cn";

const href = (period: Period, by: Metric, day?: string) =>
  `/leaderboard?period=${period}&by=${by}${day ? `&day=${day}` : ""}`;

/** Period and metric as links (a server component: no JavaScript for switching boards). */
export async function LeaderboardTabs({ period, by, day }: { period: Period; by: Metric; day?: string }) {
  const t = await getTranslations("loop.leaderboard");
  const tab = (active: boolean) =>
    cn(
      "rounded-lg px-3 py-1.5 text-sm font-medium",
      active ? "bg-brand text-white" : "border border-subtle bg-card hover:bg-muted",
    );
  return (
    <div className="flex flex-col gap-2">
      <nav aria-label={t("period")} className="flex flex-wrap gap-1.5">
        {PERIODS.map((p) => (
          <Link
            key={p}
            href={href(p, by, day)}
            aria-current={p === period ? "page" : undefined}
            className={tab(p === period)}
            data-testid={`period-${p}`}
          >
            {t(`periods.${p}`)}
          </Link>
        ))}
      </nav>
      <nav aria-label={t("metric")} className="flex flex-wrap gap-1.5">
        {METRICS.map((m) => (
          <Link
            key={m}
            href={href(period, m, day)}
            aria-current={m === by ? "page" : undefined}
            className={tab(m === by)}
            data-testid={`metric-${m}`}
          >
            {t(`metrics.${m}`)}
          </Link>
        ))}
      </nav>
    </div>
  );
}
