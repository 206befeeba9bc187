/**
 * The 06:00 open burst: many players submit their first calls at once. Prints calls per
 * second and latency percentiles; checks that exactly 3 calls per player were accepted.
 *
 * Run: npm run bench (all benchmarks) or
 *      BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx --conditions=react-server bench/predictions-burst.ts
 */
import { users } from "@/db/schema";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { submitPrediction } from "@/lib/predictions";
import { upsertUniverse, DEFAULT_SYMBOLS } from "@/lib/universe";
import { benchDb, percentile } from "./support";

const PLAYERS = Number(process.env.BENCH_PLAYERS ?? 300);
const CALLS_EACH = 4; // one more than the slots: the fourth must be refused
const DAY = "2026-11-27";
const OPEN = new Date("2026-11-27T06:00:05+09:00");

async function main() {
  const { handle, label, drop } = await benchDb();
  const db = handle.db;
  try {
    await upsertUniverse(db, { tradingDay: DAY });
    const players = await db
      .insert(users)
      .values(Array.from({ length: PLAYERS }, (_, i) => ({ nickname: `bench${i}` })))
      .returning({ id: users.id });
    const latencies: number[] = [];
    let accepted = 0;
    let refused = 0;
    const started = performance.now();
    await Promise.all(
      players.flatMap((p, i) =>
        Array.from({ length: CALLS_EACH }, async (_, k) => {
          const symbol = DEFAULT_SYMBOLS[(i * 7 + k * 13) % DEFAULT_SYMBOLS.length]!;
          const t0 = performance.now();
          try {
            await submitPrediction(db, {
              userId: p.id,
              symbol,
              choice: k % 2 ? "UP" : "DOWN",
              now: OPEN,
              takeSnapshot: async () => ({ price: 100 + k, at: OPEN, source: "simulated" }),
            });
            accepted++;
          } catch {
            refused++;
          }
          latencies.push(performance.now() - t0);
        }),
      ),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const problems = await runIntegrityChecks(db);
    console.log(`predictions-burst on ${label}: ${PLAYERS} players × ${CALLS_EACH} concurrent submits`);
    console.log(`  accepted ${accepted} (expected ${PLAYERS * 3}), refused ${refused} (expected ${PLAYERS})`);
    console.log(
      `  ${((accepted + refused) / elapsed) | 0} requests/s, ${(accepted / elapsed) | 0} accepted calls/s over ${elapsed.toFixed(2)} s`,
    );
    console.log(
      `  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    console.log(`  integrity problems: ${problems.length}`);
    if (accepted !== PLAYERS * 3 || problems.length) process.exitCode = 1;
  } finally {
    await drop();
  }
}

void main();
