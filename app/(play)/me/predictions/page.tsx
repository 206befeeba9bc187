import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { OxMark } from "@/components/ox-mark";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { getDb } from "@/db";
import { requireUserPage } from "@/lib/auth/pages";
import { listPredictionDays, listPredictions } from "@/lib/predictions/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("myCalls");
  return { title: t("title") };
}

const daySchema = z.iso.date();
const tone = {
  PENDING: "neutral",
  CORRECT: "open",
  INCORRECT: "closed",
  VOID: "warn",
  CANCELLED: "closed",
} as const;

export default async function MyPredictionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUserPage("/me/predictions");
  const db = await getDb();
  const t = await getTranslations("myCalls");
  const format = await getFormatter();
  const days = await listPredictionDays(db, { userId: user.id, limit: 60 });
  const asked = daySchema.safeParse((await searchParams).day);
  const day = asked.success ? asked.data : days[0]?.tradingDay;
  const rows = day
    ? (await listPredictions(db, { userId: user.id, tradingDay: day })).filter(
        (p) => p.status !== "CANCELLED",
      )
    : [];
  const price = (v: string | null) =>
    v === null ? "—" : format.number(Number(v), { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
      {days.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">{t("none")}</p>
          <Link href="/" className="mt-2 inline-block text-sm font-semibold text-brand underline">
            {t("toBoard")}
          </Link>
        </Card>
      ) : (
        <>
          <nav aria-label={t("days")} className="flex gap-2 overflow-x-auto pb-1">
            {days.map((d) => (
              <Link
                key={d.tradingDay}
                href={`/me/predictions?day=${d.tradingDay}`}
                aria-current={d.tradingDay === day ? "page" : undefined}
                className={cn(
                  "flex shrink-0 flex-col rounded-xl border px-3 py-2 text-xs",
                  d.tradingDay === day
                    ? "border-brand bg-brand text-white"
                    : "border-subtle bg-card hover:bg-muted",
                )}
              >
                <span className="font-semibold">{d.tradingDay}</span>
                <span className="opacity-80">
                  {d.pending
                    ? t("pendingCount", { n: d.pending })
                    : t("dayScore", { correct: d.correct, total: d.total, points: d.points })}
                </span>
              </Link>
            ))}
          </nav>
          <Card className="p-0 sm:p-0">
            <ul className="divide-y divide-[var(--border)]" data-testid="my-calls">
              {rows.map((p) => (
                <li
                  key={p.id}
                  className="flex flex-wrap items-center gap-3 p-3 sm:p-4"
                  data-testid={`call-${p.symbol}`}
                >
                  <OxMark
                    kind={p.choice === "UP" ? "O" : "X"}
                    className="h-6 w-6"
                    title={p.choice === "UP" ? t("up") : t("down")}
                  />
                  <span className="w-16 font-mono font-bold">{p.symbol}</span>
                  <span className="text-xs text-muted">
                    {t("snapshot")}{" "}
                    <span className="font-mono text-[var(--foreground)]">{price(p.snapshotPrice)}</span>
                    {" → "}
                    {t("close")}{" "}
                    <span className="font-mono text-[var(--foreground)]">{price(p.closePrice)}</span>
                  </span>
                  <span className="ml-auto flex items-center gap-2">
                    {p.status === "VOID" && p.voidReason ? (
                      <Link
                        href={`/rules#void-${p.voidReason}`}
                        className="text-xs text-muted underline"
                        data-testid="void-reason"
                      >
                        {t(`void.${p.voidReason as "flat"}`)}
                      </Link>
                    ) : null}
                    {p.pointsAwarded > 0 ? (
                      <span className="text-sm font-bold text-up">+{p.pointsAwarded}</span>
                    ) : null}
                    <Badge tone={tone[p.status]} data-testid="call-status">
                      {t(`status.${p.status}`)}
                    </Badge>
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </div>
  );
}
