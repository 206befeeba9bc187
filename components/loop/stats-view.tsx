"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { MyStats } from "@/lib/loop/stats";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { Chart, type ChartSeries } from "./chart";

/**
 * Personal stats: uPlot charts (canvas, loaded on this page only) with a table for each, read
 * by screen readers and shown to anyone who switches to tables.
 */
export function StatsView({ stats }: { stats: MyStats }) {
  const t = useTranslations("loop.stats");
  const format = useFormatter();
  const [tables, setTables] = useState(false);
  const pct = (v: number | null) =>
    v === null ? "–" : format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const mmdd = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}`;
  const xs = stats.days.map((d) => mmdd(d.day));
  const hundred = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const accuracy: ChartSeries[] = [
    { label: t("series.me"), values: stats.days.map((d) => hundred(d.accuracy)), color: "brand", width: 3 },
    {
      label: t("series.alwaysO"),
      values: stats.days.map((d) => hundred(d.alwaysO)),
      color: "orange",
      dash: [6, 4],
    },
    {
      label: t("series.crowd"),
      values: stats.days.map((d) => hundred(d.crowd)),
      color: "teal",
      dash: [2, 3],
    },
  ];
  const streakXs = stats.streak.map((s) => mmdd(s.day));
  const tableClass = cn("w-full text-sm", !tables && "sr-only");
  const head = (cols: string[]) => (
    <thead>
      <tr className="text-left text-xs text-muted">
        {cols.map((c) => (
          <th key={c} scope="col" className="py-1 pr-2">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <div className="flex flex-col gap-4" data-testid="stats-view">
      <div className="flex justify-end">
        <Button variant="outline" size="sm" onClick={() => setTables((v) => !v)} aria-pressed={tables}>
          {tables ? t("hideTable") : t("showTable")}
        </Button>
      </div>
      <Card className="flex flex-col gap-2">
        <h2 className="font-bold">{t("accuracyTitle")}</h2>
        <p className="text-xs text-muted">{t("accuracyHelp")}</p>
        {tables ? null : <Chart labels={xs} series={accuracy} yUnit="%" kind="line" />}
        <table className={tableClass}>
          <caption className="sr-only">{t("accuracyTitle")}</caption>
          {head([t("table.day"), t("series.me"), t("series.alwaysO"), t("series.crowd")])}
          <tbody>
            {stats.days.map((d) => (
              <tr key={d.day} className="border-t border-subtle">
                <td className="py-1 pr-2">{d.day}</td>
                <td className="py-1 pr-2">{pct(d.accuracy)}</td>
                <td className="py-1 pr-2">{pct(d.alwaysO)}</td>
                <td className="py-1 pr-2">{pct(d.crowd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card className="flex flex-col gap-2">
        <h2 className="font-bold">{t("pointsTitle")}</h2>
        {tables ? null : (
          <Chart
            labels={xs}
            series={[
              {
                label: t("series.points"),
                values: stats.days.map((d) => d.cumulativePoints),
                color: "brand",
                width: 3,
              },
            ]}
            kind="line"
          />
        )}
        <table className={tableClass}>
          <caption className="sr-only">{t("pointsTitle")}</caption>
          {head([t("table.day"), t("series.points")])}
          <tbody>
            {stats.days.map((d) => (
              <tr key={d.day} className="border-t border-subtle">
                <td className="py-1 pr-2">{d.day}</td>
                <td className="py-1 pr-2">{format.number(d.cumulativePoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card className="flex flex-col gap-2">
        <h2 className="font-bold">{t("symbolsTitle")}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {(
            [
              ["best", stats.bestSymbols],
              ["worst", stats.worstSymbols],
            ] as const
          ).map(([key, list]) => (
            <table key={key} className="w-full text-sm" data-testid={`symbols-${key}`}>
              <caption className="text-left font-semibold">{t(key)}</caption>
              {head([t("table.symbol"), t("table.correct"), t("table.decided"), t("table.accuracy")])}
              <tbody>
                {list.map((s) => (
                  <tr key={s.symbol} className="border-t border-subtle">
                    <td className="py-1 pr-2 font-semibold">{s.symbol}</td>
                    <td className="py-1 pr-2 tabular-nums">{s.correct}</td>
                    <td className="py-1 pr-2 tabular-nums">{s.decided}</td>
                    <td className="py-1 pr-2 tabular-nums">{pct(s.accuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </Card>
      <Card className="flex flex-col gap-2">
        <h2 className="font-bold">{t("hoursTitle")}</h2>
        {tables ? null : (
          <Chart
            labels={stats.byHour.map((_, h) => String(h))}
            series={[{ label: t("series.calls"), values: stats.byHour, color: "brand" }]}
            kind="bars"
          />
        )}
        <table className={tableClass}>
          <caption className="sr-only">{t("hoursTitle")}</caption>
          {head([t("table.hour"), t("series.calls")])}
          <tbody>
            {stats.byHour.map((n, h) =>
              n > 0 ? (
                <tr key={h} className="border-t border-subtle">
                  <td className="py-1 pr-2">{String(h).padStart(2, "0")}:00</td>
                  <td className="py-1 pr-2">{n}</td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      </Card>
      <Card className="flex flex-col gap-2">
        <h2 className="font-bold">{t("streakTitle")}</h2>
        {tables ? null : (
          <Chart
            labels={streakXs}
            series={[
              {
                label: t("series.streak"),
                values: stats.streak.map((s) => s.streak),
                color: "orange",
                width: 2,
              },
            ]}
            kind="steps"
          />
        )}
        <table className={tableClass} data-testid="streak-history">
          <caption className="sr-only">{t("streakTitle")}</caption>
          {head([t("table.day"), t("table.kind"), t("series.streak")])}
          <tbody>
            {stats.streak.map((s) => (
              <tr key={s.day} className="border-t border-subtle" data-kind={s.kind}>
                <td className="py-1 pr-2">{s.day}</td>
                <td className="py-1 pr-2">{t(`kinds.${s.kind}`)}</td>
                <td className="py-1 pr-2">{s.streak}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
