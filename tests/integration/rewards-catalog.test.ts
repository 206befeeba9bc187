import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, rewardItems, users } from "@/db/schema";
import { addStock, createItem, getItemBySku, listCatalog, toPublicItem, updateItem } from "@/lib/rewards";
import { useTestDb } from "./support/db";

const t = useTestDb();
const NOW = new Date("2031-05-06T01:02:03Z");

async function newUser(role: "player" | "admin" = "player"): Promise<string> {
  const id = randomUUID();
  await t.db.insert(users).values({ id, nickname: `u${id.slice(0, 8)}`, role });
  return id;
}

/** The plain test item ("컵"/"Cup", cost 10) under a fresh SKU, as `actorId` creates it at NOW. */
const createCup = (actorId: string, s: string, extra: Partial<Parameters<typeof createItem>[1]> = {}) =>
  createItem(t.db, { actorId, now: NOW, sku: s, nameKo: "컵", nameEn: "Cup", cost: 10, ...extra });

const sku = () => `T-${randomUUID().slice(0, 8).toUpperCase()}`;
const auditOf = (target: string) =>
  t.db.select().from(auditLog).where(eq(auditLog.target, target)).orderBy(auditLog.id);
const itemRow = async (s: string) =>
  (await t.db.select().from(rewardItems).where(eq(rewardItems.sku, s)))[0]!;

describe("createItem", () => {
  it("creates an item with its stock on sale and audits it", async () => {
    const admin = await newUser("admin");
    const s = sku();
    const item = await createItem(t.db, {
      actorId: admin,
      now: NOW,
      sku: s.toLowerCase(),
      nameKo: "머그",
      nameEn: "Mug",
      cost: 1500,
      stock: 12,
    });
    expect(item).toMatchObject({
      sku: s,
      cost: 1500,
      stock: 12,
      stockTotal: 12,
      active: true,
      vendor: "manual",
      imageUrl: null,
    });
    const audit = await auditOf(`reward:${s}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin,
      action: "reward.create",
      details: { sku: s, cost: 1500, stock: 12 },
    });
  });

  it("refuses a taken SKU, a non-admin and bad input, writing nothing", async () => {
    const admin = await newUser("admin");
    const player = await newUser();
    const s = sku();
    const base = { sku: s, nameKo: "컵", nameEn: "Cup", cost: 10 };
    await createItem(t.db, { actorId: admin, now: NOW, ...base });
    await expect(createItem(t.db, { actorId: admin, now: NOW, ...base })).rejects.toMatchObject({
      code: "conflict:sku_taken",
    });
    const other = sku();
    await expect(createItem(t.db, { actorId: player, now: NOW, ...base, sku: other })).rejects.toMatchObject({
      code: "forbidden:admin_only",
    });
    await expect(
      createItem(t.db, { actorId: "nobody", now: NOW, ...base, sku: other }),
    ).rejects.toMatchObject({ code: "forbidden:admin_only" });
    await expect(
      createItem(t.db, { actorId: admin, now: NOW, ...base, sku: other, cost: 0 }),
    ).rejects.toMatchObject({
      code: "unprocessable:reward_invalid",
      fieldErrors: { cost: expect.any(Array) },
    });
    expect(await getItemBySku(t.db, other)).toBeNull();
    expect(await auditOf(`reward:${s}`)).toHaveLength(1);
  });

  it("10 concurrent creates of one SKU: one item, nine conflicts", async () => {
    const admin = await newUser("admin");
    const s = sku();
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        createItem(t.db, { actorId: admin, now: NOW, sku: s, nameKo: "컵", nameEn: "Cup", cost: 10 }),
      ),
    );
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of settled)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict:sku_taken" });
    expect(await auditOf(`reward:${s}`)).toHaveLength(1);
  });
});

describe("updateItem", () => {
  it("changes only the given fields and audits before and after", async () => {
    const admin = await newUser("admin");
    const s = sku();
    await createCup(admin, s, { stock: 3 });
    const later = new Date(NOW.getTime() + 60_000);
    const item = await updateItem(t.db, {
      actorId: admin,
      now: later,
      sku: s,
      cost: 25,
      active: false,
      nameEn: "Cup",
    });
    expect(item).toMatchObject({ cost: 25, active: false, nameEn: "Cup", stock: 3, stockTotal: 3 });
    expect(item.updatedAt.toISOString()).toBe(later.toISOString());
    const audit = await auditOf(`reward:${s}`);
    expect(audit.map((a) => a.action)).toEqual(["reward.create", "reward.update"]);
    expect(audit[1]!.details).toEqual({ from: { cost: 10, active: true }, to: { cost: 25, active: false } });
    // Nothing actually different: no write, no audit.
    await updateItem(t.db, { actorId: admin, now: later, sku: s, cost: 25 });
    expect(await auditOf(`reward:${s}`)).toHaveLength(2);
  });

  it("refuses an unknown SKU and a non-admin", async () => {
    const admin = await newUser("admin");
    const player = await newUser();
    await expect(updateItem(t.db, { actorId: admin, now: NOW, sku: sku(), cost: 5 })).rejects.toMatchObject({
      code: "not_found:reward",
    });
    const s = sku();
    await createCup(admin, s);
    await expect(updateItem(t.db, { actorId: player, now: NOW, sku: s, cost: 1 })).rejects.toMatchObject({
      code: "forbidden:admin_only",
    });
    expect((await itemRow(s)).cost).toBe(10);
  });
});

describe("addStock", () => {
  it("moves stock and stockTotal together, and never takes off more than is unsold", async () => {
    const admin = await newUser("admin");
    const s = sku();
    await createCup(admin, s, { stock: 5 });
    expect(await addStock(t.db, { actorId: admin, now: NOW, sku: s, quantity: 7 })).toMatchObject({
      stock: 12,
      stockTotal: 12,
    });
    expect(await addStock(t.db, { actorId: admin, now: NOW, sku: s, quantity: -12 })).toMatchObject({
      stock: 0,
      stockTotal: 0,
    });
    await expect(addStock(t.db, { actorId: admin, now: NOW, sku: s, quantity: -1 })).rejects.toMatchObject({
      code: "conflict:stock_too_low",
      details: { stock: 0 },
    });
    await expect(addStock(t.db, { actorId: admin, now: NOW, sku: sku(), quantity: 1 })).rejects.toMatchObject(
      { code: "not_found:reward" },
    );
    await expect(addStock(t.db, { actorId: admin, now: NOW, sku: s, quantity: 0 })).rejects.toMatchObject({
      code: "unprocessable:stock_invalid",
    });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `reward:${s}`), eq(auditLog.action, "reward.stock")))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.details)).toEqual([
      { quantity: 7, stock: 12, stockTotal: 12 },
      { quantity: -12, stock: 0, stockTotal: 0 },
    ]);
  });

  it("20 concurrent removals of 1 from a stock of 5: five succeed, stock 0", async () => {
    const admin = await newUser("admin");
    const s = sku();
    await createCup(admin, s, { stock: 5 });
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, () => addStock(t.db, { actorId: admin, now: NOW, sku: s, quantity: -1 })),
    );
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await itemRow(s)).toMatchObject({ stock: 0, stockTotal: 0 });
  });

  it("refuses a non-admin", async () => {
    const player = await newUser();
    const admin = await newUser("admin");
    const s = sku();
    await createCup(admin, s, { stock: 1 });
    await expect(addStock(t.db, { actorId: player, now: NOW, sku: s, quantity: 100 })).rejects.toMatchObject({
      code: "forbidden:admin_only",
    });
    expect((await itemRow(s)).stock).toBe(1);
  });
});

describe("listCatalog and getItemBySku", () => {
  it("lists active items cheapest first, inactive ones only on request", async () => {
    const admin = await newUser("admin");
    const [a, b, c] = [sku(), sku(), sku()];
    await createItem(t.db, { actorId: admin, now: NOW, sku: a, nameKo: "가", nameEn: "A", cost: 600 });
    await createItem(t.db, {
      actorId: admin,
      now: NOW,
      sku: b,
      nameKo: "나",
      nameEn: "B",
      cost: 1,
      stock: 2,
    });
    await createItem(t.db, {
      actorId: admin,
      now: NOW,
      sku: c,
      nameKo: "다",
      nameEn: "C",
      cost: 2,
      active: false,
    });
    const visible = (await listCatalog(t.db)).map((i) => i.sku);
    expect(visible).toContain(a);
    expect(visible).toContain(b);
    expect(visible).not.toContain(c);
    expect(visible.indexOf(b)).toBeLessThan(visible.indexOf(a));
    expect((await listCatalog(t.db, { includeInactive: true })).map((i) => i.sku)).toContain(c);
    expect(await getItemBySku(t.db, b.toLowerCase())).toMatchObject({ sku: b });
    expect(await getItemBySku(t.db, "no such sku!")).toBeNull();
    const pub = toPublicItem((await getItemBySku(t.db, c))!);
    expect(pub).toMatchObject({ sku: c, soldOut: true, active: false });
    expect(pub).not.toHaveProperty("vendor");
    expect(pub).not.toHaveProperty("stockTotal");
  });
});
