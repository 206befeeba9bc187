/**
 * Figures for redemptions under contention: many players racing for one item (every
 * transaction queues on the item's row lock) and one player spending concurrently (the
 * balance's row lock as well). Each run uses a fresh database, dropped at the end.
 *
 * Run: npx tsx --conditions=react-server bench/rewards-redeem.ts
 *      BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx --conditions=react-server bench/rewards-redeem.ts
 */
import { randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { rewardItems, users } from "@/db/schema";
import { runIntegrityChecks } from "@/lib/integrity/checks";
import { postEntry } from "@/lib/points";
import { redeem } from "@/lib/rewards";

const adminUrl = process.env.BENCH_PG_URL;
const POOL = 20;
const NOW = new Date("2031-05-06T01:02:03Z");

async function open(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const handle = openDb({});
    await migrateDb(handle);
    return { handle, drop: handle.close };
  }
  const name = `oxu_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDb({ url: url.toString(), poolSize: POOL });
  await migrateDb(handle);
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function race(label: string, calls: (() => Promise<unknown>)[]) {
  const latencies: number[] = [];
  let ok = 0;
  const refused = new Map<string, number>();
  const t0 = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      const s = performance.now();
      try {
        await call();
        ok++;
      } catch (e) {
        const code = (e as { code?: string }).code ?? "error";
        refused.set(code, (refused.get(code) ?? 0) + 1);
      }
      latencies.push(performance.now() - s);
    }),
  );
  const wall = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const why = [...refused].map(([c, n]) => `${n} ${c}`).join(", ") || "none refused";
  console.log(
    `${label.padEnd(44)} ${String(calls.length).padStart(4)} calls ${wall.toFixed(0).padStart(6)} ms  ` +
      `${((calls.length / wall) * 1000).toFixed(0).padStart(5)}/s  p50 ${percentile(latencies, 50).toFixed(0)} ms  ` +
      `p95 ${percentile(latencies, 95).toFixed(0)} ms  ok ${ok}; ${why}`,
  );
}

const { handle, drop } = await open();
const db = handle.db;
try {
  console.log(`driver: ${handle.driver}${adminUrl ? ` (pool ${POOL})` : ""}`);
  const newPlayer = async (points: number) => {
    const id = randomUUID();
    await db.insert(users).values({ id, nickname: `b${id.slice(0, 8)}` });
    await postEntry(db, { userId: id, amount: points, reason: "SIGNUP_BONUS", refId: `signup:${id}` });
    return id;
  };
  const newItem = async (stock: number, cost: number) => {
    const sku = `B-${randomUUID().slice(0, 8).toUpperCase()}`;
    await db
      .insert(rewardItems)
      .values({ sku, nameKo: "벤치", nameEn: "Bench", cost, stock, stockTotal: stock });
    return sku;
  };

  for (const [players, stock] of [
    [200, 10],
    [500, 500],
  ] as const) {
    const sku = await newItem(stock, 100);
    const ids = await Promise.all(Array.from({ length: players }, () => newPlayer(1000)));
    await race(
      `${players} players, stock ${stock}`,
      ids.map((userId) => () => redeem(db, { userId, sku, requestKey: randomUUID(), now: NOW })),
    );
  }
  const sku = await newItem(1000, 7);
  const one = await newPlayer(1000);
  await race(
    "1 player, 200 concurrent spends",
    Array.from(
      { length: 200 },
      () => () => redeem(db, { userId: one, sku, requestKey: randomUUID(), now: NOW }),
    ),
  );
  const key = randomUUID();
  const clicker = await newPlayer(1000);
  await race(
    "1 player, one request key ×50 (1 redemption)",
    Array.from({ length: 50 }, () => () => redeem(db, { userId: clicker, sku, requestKey: key, now: NOW })),
  );

  const problems = await runIntegrityChecks(db);
  console.log(
    problems.length
      ? `integrity: ${problems.length} problems ${JSON.stringify(problems.slice(0, 3))}`
      : "integrity: ok",
  );
} finally {
  await drop();
}
