import { sql } from "drizzle-orm";
import { gameDayAt, nextTradingDay, tradingDayAt } from "@/lib/calendar";
import { upsertUniverse } from "@/lib/universe/universe";
import type { Database } from "./client";
import { rewardItems, universeEntries, type NewRewardItem } from "./schema";

/** A small demo catalog; the manual vendor means an admin fulfils each redemption by hand. */
export const DEMO_REWARDS: NewRewardItem[] = [
  {
    sku: "COFFEE-AMERICANO",
    nameKo: "아메리카노 기프티콘",
    nameEn: "Americano gift voucher",
    descriptionKo: "전국 카페에서 쓸 수 있는 아메리카노 한 잔.",
    descriptionEn: "One Americano at participating cafés.",
    imageUrl: "/rewards/coffee.svg",
    cost: 2000,
    stock: 50,
    stockTotal: 50,
  },
  {
    sku: "CONVENIENCE-5000",
    nameKo: "편의점 5,000원권",
    nameEn: "Convenience store ₩5,000 voucher",
    descriptionKo: "전국 편의점에서 쓸 수 있는 5,000원 상품권.",
    descriptionEn: "A ₩5,000 voucher for convenience stores nationwide.",
    imageUrl: "/rewards/store.svg",
    cost: 4500,
    stock: 30,
    stockTotal: 30,
  },
  {
    sku: "MOVIE-TICKET",
    nameKo: "영화 관람권",
    nameEn: "Cinema ticket",
    descriptionKo: "2D 일반 영화 1인 관람권.",
    descriptionEn: "One standard 2D cinema ticket.",
    imageUrl: "/rewards/movie.svg",
    cost: 9000,
    stock: 10,
    stockTotal: 10,
  },
  {
    sku: "OX-STICKER-PACK",
    nameKo: "OX 스티커 팩",
    nameEn: "OX sticker pack",
    descriptionKo: "OX 유니버스 한정 스티커 5종.",
    descriptionEn: "Five limited-edition OX Universe stickers.",
    imageUrl: "/rewards/sticker.svg",
    cost: 800,
    stock: 200,
    stockTotal: 200,
  },
];

/** The trading day a seed or a newcomer's first visit is about: today's, or the next one. */
export function seedTradingDay(now: Date): string {
  return tradingDayAt(now) ?? nextTradingDay(gameDayAt(now));
}

/** Default universe for the current trading day and the demo catalog. Safe to run twice. */
export async function seedDatabase(
  db: Database,
  now: Date,
): Promise<{ tradingDay: string; universeAdded: number; rewardsAdded: number }> {
  const tradingDay = seedTradingDay(now);
  const counts = await upsertUniverse(db, { tradingDay, now });
  const inserted = await db
    .insert(rewardItems)
    .values(DEMO_REWARDS)
    .onConflictDoNothing()
    .returning({ id: rewardItems.id });
  return { tradingDay, universeAdded: counts.added, rewardsAdded: inserted.length };
}

/** First run of the embedded default: seed only a database that has never been seeded. */
export async function seedIfEmpty(db: Database, now: Date): Promise<boolean> {
  const [row] = await db
    .select({
      universe: sql<number>`(select count(*)::int from ${universeEntries})`,
      rewards: sql<number>`(select count(*)::int from ${rewardItems})`,
    })
    .from(sql`(select 1) as one`);
  if (row && (Number(row.universe) > 0 || Number(row.rewards) > 0)) return false;
  await seedDatabase(db, now);
  return true;
}
