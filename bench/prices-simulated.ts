/**
 * Figures for the simulated market: how long quotes, closes and sparklines take for the
 * 101-symbol default universe. Run: npx tsx bench/prices-simulated.ts
 */
import { SimulatedMarketProvider } from "@/lib/prices/simulated-market";
import { DEFAULT_SYMBOLS } from "@/lib/universe/default-list";

const symbols = [...DEFAULT_SYMBOLS];
const start = new Date("2026-11-24T15:00:00Z"); // Tue 10:00 ET

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn(i);
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms/run  (${runs} runs)`);
}

const market = new SimulatedMarketProvider("bench");
await time("quotes ×101, cold (calendar + chains)", 1, () => market.getQuotes(symbols, start));
await time("quotes ×101, same session, next minutes", 200, (i) =>
  market.getQuotes(symbols, new Date(start.getTime() + i * 60_000)),
);
await time("quotes ×101, a new day each run", 20, (i) =>
  market.getQuotes(symbols, new Date(start.getTime() + (i + 1) * 86_400_000)),
);
await time("EOD closes ×101 (final)", 50, () => market.getEodCloses(symbols, "2026-11-20", start));
await time("1d sparkline ×101", 10, () => Promise.all(symbols.map((s) => market.getSeries(s, "1d", start))));
await time("5d sparkline ×101", 10, () => Promise.all(symbols.map((s) => market.getSeries(s, "5d", start))));
