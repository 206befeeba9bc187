"use client";

import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type ChartSeries = {
  label: string;
  values: (number | null)[];
  color: "brand" | "orange" | "teal";
  width?: number;
  dash?: number[];
};

/** Series colours readable on both themes (checked against the light and dark card). */
const COLORS = {
  light: { brand: "#6d28d9", orange: "#c2410c", teal: "#0f766e", axis: "#52525b", grid: "#e4e4e7" },
  dark: { brand: "#c4b5fd", orange: "#fdba74", teal: "#5eead4", axis: "#d4d4d8", grid: "#3f3f46" },
};

const isDark = () => document.documentElement.classList.contains("dark");

/**
 * One uPlot chart (canvas; uPlot, ~22 kB gzipped, is loaded with the first chart). Decorative for assistive
 * technology: each chart has a table next to it. Redrawn when the theme or the width changes.
 */
export function Chart({
  labels,
  series,
  kind,
  yUnit = "",
}: {
  /** One label per point (a day "MM/DD", an hour); the x axis is their index. */
  labels: string[];
  series: ChartSeries[];
  kind: "line" | "bars" | "steps";
  yUnit?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    // uPlot is fetched with the first chart, not with the page's first load.
    let UPlot: typeof uPlot | null = null;
    let live = true;
    const draw = () => {
      if (!UPlot) return;
      plot?.destroy();
      const c = COLORS[isDark() ? "dark" : "light"];
      const axis = {
        stroke: c.axis,
        grid: { stroke: c.grid, width: 1 },
        ticks: { stroke: c.grid, width: 1 },
      };
      const paths =
        kind === "bars"
          ? UPlot.paths.bars!({ size: [0.7, 40] })
          : kind === "steps"
            ? UPlot.paths.stepped!({ align: 1 })
            : undefined;
      plot = new UPlot(
        {
          width: Math.max(240, el.clientWidth),
          height: 220,
          legend: { show: series.length > 1 },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false } },
          axes: [
            {
              ...axis,
              values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? (labels[v] ?? "") : "")),
            },
            { ...axis, values: (_u, ticks) => ticks.map((v) => `${v}${yUnit}`) },
          ],
          series: [
            {},
            ...series.map((s) => ({
              label: s.label,
              stroke: c[s.color],
              width: s.width ?? 2,
              dash: s.dash,
              fill: kind === "bars" ? c[s.color] : undefined,
              paths,
              points: { show: labels.length < 40 },
            })),
          ],
        },
        [labels.map((_, i) => i), ...series.map((s) => s.values)] as uPlot.AlignedData,
        el,
      );
    };
    void import("uplot").then((m) => {
      if (!live) return;
      UPlot = m.default;
      draw();
    });
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    const resize = new ResizeObserver(() =>
      plot?.setSize({ width: Math.max(240, el.clientWidth), height: 220 }),
    );
    resize.observe(el);
    return () => {
      live = false;
      theme.disconnect();
      resize.disconnect();
      plot?.destroy();
    };
  }, [labels, series, kind, yUnit]);
  return <div ref={box} aria-hidden className="w-full [&_.u-legend]:text-sm" />;
}
