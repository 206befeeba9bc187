import { createHash, createHmac, randomUUID } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import {
  adminAlerts,
  eodPrices,
  errorLog,
  jobRuns,
  pointsLedger,
  predictions,
  tradingSessions,
} from "@/db/schema";
import { settlementDueAt } from "@/lib/calendar";
import { createCronHandler, type CronDeps, type QstashVerifyConfig } from "@/lib/jobs";
import type { EodResult, PriceProvider } from "@/lib/prices";
import { postEntry } from "@/lib/points";
import { processSingleton } from "@/lib/process-singleton";
import { upsertUniverse } from "@/lib/universe";
import { createPlayer } from "./support/players";
import { useTestDb } from "./support/db";
import { closedTwoSymbolDay } from "./support/fixtures";

const t = useTestDb();

const BASE = "https://ox.example.test";
const CURRENT = "sig_test_current_key_0123456789abcdef";
const NEXT = "sig_test_next_key_abcdef0123456789";
/** The public development key the QStash SDK ships (its local dev server signs with it). */
const SDK_DEV_KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

const DAY = "2026-11-24";
const NOW = new Date(settlementDueAt(DAY).getTime() + 5 * 60_000);

const prodConfig: QstashVerifyConfig = {
  publicBaseUrl: BASE,
  currentSigningKey: CURRENT,
  nextSigningKey: NEXT,
  qstashDev: false,
  isProduction: true,
};

/** A price provider with fixed closes; nothing else is asked of it here. */
function fixedCloses(closes: Record<string, number>): PriceProvider {
  const eod = (symbol: string, tradingDay: string): EodResult =>
    closes[symbol] !== undefined
      ? { status: "ok", symbol, tradingDay, close: closes[symbol]!, asOf: NOW, source: "simulated" }
      : { status: "unavailable", symbol, tradingDay, reason: "no_data" };
  return {
    id: "simulated",
    label: "fixed closes",
    simulated: true,
    getQuotes: async () => new Map(),
    getEodClose: async (s, d) => eod(s, d),
    getEodCloses: async (symbols, d) => new Map(symbols.map((s) => [s, eod(s, d)])),
    getSeries: async () => [],
    lookupSymbols: async () => new Map(),
    mostActive: async () => [],
  };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** A QStash-style signature: HS256 JWT over the URL and the SHA-256 of the raw body. */
function sign(key: string, body: string, claims: Record<string, unknown> = {}): string {
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    iss: "Upstash",
    sub: `${BASE}/api/cron/collect-eod`,
    iat,
    nbf: iat,
    exp: iat + 300,
    jti: randomUUID(),
    body: createHash("sha256").update(body).digest("base64url"),
    ...claims,
  };
  const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
  return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

function request(job: string, body: string, signature?: string, host = "ox.example.test") {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers["upstash-signature"] = signature;
  return new NextRequest(`https://${host}/api/cron/${job}`, { method: "POST", body, headers });
}

function handler(config: QstashVerifyConfig = prodConfig, extra: Partial<CronDeps> = {}) {
  return createCronHandler(() => ({
    getDb: async () => t.db,
    config,
    now: NOW,
    jobDeps: { priceProvider: fixedCloses({ UPW: 101, DNW: 99 }) },
    waitForRunningMs: 30_000,
    ...extra,
  }));
}

const call = (h: ReturnType<typeof handler>, req: NextRequest, job = "collect-eod") =>
  h(req, { params: Promise.resolve({ job }) });

async function writes() {
  const [runs] = await t.db.select({ n: count() }).from(jobRuns);
  const [ledger] = await t.db.select({ n: count() }).from(pointsLedger);
  const [sessions] = await t.db.select({ n: count() }).from(tradingSessions);
  const [eod] = await t.db.select({ n: count() }).from(eodPrices);
  const [errors] = await t.db.select({ n: count() }).from(errorLog);
  const [alerts] = await t.db.select({ n: count() }).from(adminAlerts);
  return {
    runs: runs!.n,
    ledger: ledger!.n,
    sessions: sessions!.n,
    eod: eod!.n,
    errors: errors!.n,
    alerts: alerts!.n,
  };
}

/** Each player calls both symbols the same way; exactly one of the two is right. */
const CORRECT_CALLS = 40;

beforeAll(async () => {
  // A closed day with calls waiting for settlement: the effect a valid delivery has.
  await closedTwoSymbolDay(t.db, DAY);
  for (let i = 0; i < 40; i++) {
    const p = await createPlayer(t.db);
    await postEntry(t.db, { userId: p.id, amount: 1000, reason: "SIGNUP_BONUS", refId: `signup:${p.id}` });
    const choice = i % 3 === 0 ? ("DOWN" as const) : ("UP" as const);
    await t.db.insert(predictions).values([
      {
        userId: p.id,
        tradingDay: DAY,
        symbol: "UPW",
        choice,
        snapshotPrice: "100",
        snapshotAt: new Date(`${DAY}T03:00:00Z`),
        snapshotSource: "simulated",
      },
      {
        userId: p.id,
        tradingDay: DAY,
        symbol: "DNW",
        choice,
        snapshotPrice: "100",
        snapshotAt: new Date(`${DAY}T03:00:00Z`),
        snapshotSource: "simulated",
      },
    ]);
  }
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe("POST /api/cron/[job]: signature matrix (fails closed, writes nothing)", () => {
  const body = "{}";
  const bad: [string, () => Promise<Response>][] = [
    ["missing signature", () => call(handler(), request("collect-eod", body))],
    ["empty signature", () => call(handler(), request("collect-eod", body, ""))],
    ["garbage signature", () => call(handler(), request("collect-eod", body, "not.a.jwt"))],
    ["body changed by one byte", () => call(handler(), request("collect-eod", "{ }", sign(CURRENT, body)))],
    [
      "token for another URL",
      () =>
        call(
          handler(),
          request("collect-eod", body, sign(CURRENT, body, { sub: `${BASE}/api/cron/settle` })),
        ),
    ],
    [
      "token for another host",
      () =>
        call(
          handler(),
          request(
            "collect-eod",
            body,
            sign(CURRENT, body, { sub: "https://evil.example/api/cron/collect-eod" }),
          ),
        ),
    ],
    [
      "right token, but the request's Host is not what is checked",
      () =>
        call(
          handler(),
          request(
            "collect-eod",
            body,
            sign(CURRENT, body, { sub: "https://evil.example/api/cron/collect-eod" }),
            "evil.example",
          ),
        ),
    ],
    [
      "expired",
      () =>
        call(
          handler(),
          request("collect-eod", body, sign(CURRENT, body, { exp: Math.floor(Date.now() / 1000) - 120 })),
        ),
    ],
    [
      "not yet valid (nbf in the future)",
      () =>
        call(
          handler(),
          request("collect-eod", body, sign(CURRENT, body, { nbf: Math.floor(Date.now() / 1000) + 300 })),
        ),
    ],
    [
      "no exp claim",
      () => call(handler(), request("collect-eod", body, sign(CURRENT, body, { exp: undefined }))),
    ],
    [
      "wrong issuer",
      () => call(handler(), request("collect-eod", body, sign(CURRENT, body, { iss: "Upstash-not" }))),
    ],
    [
      "wrong key",
      () => call(handler(), request("collect-eod", body, sign("sig_someone_else_0000000000", body))),
    ],
    [
      "SDK development key in production",
      () => call(handler(), request("collect-eod", body, sign(SDK_DEV_KEY, body))),
    ],
    [
      "QSTASH_DEV in production, even with a valid signature",
      () =>
        call(handler({ ...prodConfig, qstashDev: true }), request("collect-eod", body, sign(CURRENT, body))),
    ],
    [
      "SDK development key while QSTASH_DEV=1 is in the process environment",
      async () => {
        vi.stubEnv("QSTASH_DEV", "1");
        try {
          return await call(handler(), request("collect-eod", body, sign(SDK_DEV_KEY, body)));
        } finally {
          vi.unstubAllEnvs();
        }
      },
    ],
    [
      "no signing keys configured",
      () =>
        call(
          handler({ ...prodConfig, currentSigningKey: undefined, nextSigningKey: undefined }),
          request("collect-eod", body, sign(CURRENT, body)),
        ),
    ],
    [
      "only one signing key configured",
      () =>
        call(
          handler({ ...prodConfig, nextSigningKey: undefined }),
          request("collect-eod", body, sign(CURRENT, body)),
        ),
    ],
    [
      "no public base URL configured",
      () =>
        call(
          handler({ ...prodConfig, publicBaseUrl: undefined }),
          request("collect-eod", body, sign(CURRENT, body)),
        ),
    ],
    [
      "valid token of another job's URL used on this job",
      () => call(handler(), request("settle", body, sign(CURRENT, body)), "settle"),
    ],
  ];

  it.each(bad)("%s → 401, no job run, no effect", async (_name, send) => {
    const before = await writes();
    const res = await send();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      ok: false,
      code: "unauthorized:signature",
      message: "Missing or invalid signature.",
    });
    expect(await writes()).toEqual(before);
  });

  it("an unknown job is 404 after the signature check, writing nothing", async () => {
    const before = await writes();
    const res = await call(
      handler(),
      request("drop-tables", body, sign(CURRENT, body, { sub: `${BASE}/api/cron/drop-tables` })),
      "drop-tables",
    );
    expect(res.status).toBe(404);
    expect(await writes()).toEqual(before);
  });
});

describe("valid deliveries", () => {
  it("current key and next key → 2xx, whatever Host the request came through", async () => {
    const at09Kst = handler(prodConfig, { now: new Date("2026-11-25T00:00:00Z") });
    for (const [key, host] of [
      [CURRENT, "ox.example.test"],
      [NEXT, "10.0.0.7:3000"],
    ] as const) {
      const b = JSON.stringify({ n: key.length });
      const res = await call(
        at09Kst,
        request("integrity-check", b, sign(key, b, { sub: `${BASE}/api/cron/integrity-check` }), host),
        "integrity-check",
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        ok: true,
        job: "integrity-check",
        runs: [{ businessKey: "2026-11-25", status: "SUCCEEDED", result: { problems: 0 } }],
      });
    }
  });

  it("one valid request replayed 10× in a row → one settlement, the same answer each time", async () => {
    const b = "{}";
    const signature = sign(CURRENT, b);
    const h = handler();
    const answers: string[] = [];
    const fresh: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await call(h, request("collect-eod", b, signature));
      expect(res.status).toBe(200);
      answers.push(await res.text());
      fresh.push(res.headers.get("x-job-fresh") ?? "");
    }
    expect(new Set(answers).size).toBe(1);
    expect(fresh).toEqual(["1", ...Array(9).fill("0")]);
    const answer = JSON.parse(answers[0]!);
    expect(answer).toMatchObject({
      ok: true,
      job: "collect-eod",
      runs: [{ businessKey: DAY, status: "SUCCEEDED", attempt: 1 }],
    });
    expect(answer.runs[0].result.settlement).toMatchObject({
      complete: true,
      settled: 80,
      awards: CORRECT_CALLS,
      pending: 0,
    });
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.job, "collect-eod"))).toHaveLength(1);
    const awards = await t.db
      .select({ n: count() })
      .from(pointsLedger)
      .where(eq(pointsLedger.reason, "PREDICTION_CORRECT"));
    expect(awards[0]!.n).toBe(CORRECT_CALLS);

    // …and 50 more at once answer the same, still without a second effect.
    const burst = await Promise.all(
      Array.from({ length: 50 }, () => call(h, request("collect-eod", b, signature))),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(await Promise.all(burst.map((r) => r.text())))).toEqual(new Set([answers[0]]));
    expect(
      (
        await t.db
          .select({ n: count() })
          .from(pointsLedger)
          .where(eq(pointsLedger.reason, "PREDICTION_CORRECT"))
      )[0]!.n,
    ).toBe(CORRECT_CALLS);
  });
});

describe("200 concurrent deliveries of one settlement", () => {
  it("→ one award per CORRECT call, every delivery answered 2xx with the same answer", async () => {
    const day = "2026-11-25";
    const now = new Date(settlementDueAt(day).getTime() + 60_000);
    await upsertUniverse(t.db, { tradingDay: day, symbols: ["UPW", "DNW"] });
    await t.db
      .insert(tradingSessions)
      .values({ tradingDay: day, phase: "CLOSED", opensAt: now, closesAt: now });
    const players = await Promise.all(Array.from({ length: 30 }, () => createPlayer(t.db)));
    await t.db.insert(predictions).values(
      players.flatMap((p) => [
        {
          userId: p.id,
          tradingDay: day,
          symbol: "UPW",
          choice: "UP" as const,
          snapshotPrice: "100",
          snapshotAt: new Date(`${day}T03:00:00Z`),
        },
        {
          userId: p.id,
          tradingDay: day,
          symbol: "DNW",
          choice: "UP" as const,
          snapshotPrice: "100",
          snapshotAt: new Date(`${day}T03:00:00Z`),
        },
      ]),
    );
    const h = handler(prodConfig, { now });
    const b = "{}";
    const signature = sign(NEXT, b);
    const res = await Promise.all(
      Array.from({ length: 200 }, () => call(h, request("collect-eod", b, signature))),
    );
    expect(new Set(res.map((r) => r.status))).toEqual(new Set([200]));
    const bodies = new Set(await Promise.all(res.map((r) => r.text())));
    expect(bodies.size).toBe(1);
    const ids = await t.db
      .select({ id: predictions.id, status: predictions.status })
      .from(predictions)
      .where(eq(predictions.tradingDay, day));
    expect(ids.filter((r) => r.status === "CORRECT")).toHaveLength(30);
    const [awarded] = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from points_ledger l join predictions p on l.ref_id = 'settle:' || p.id::text where p.trading_day = ${day}`,
      ),
    );
    expect(Number(awarded!.n)).toBe(30);
    const runs = await t.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, "collect-eod"), eq(jobRuns.businessKey, day)));
    expect(runs.map((r) => r.status)).toEqual(["SUCCEEDED"]);
  });
});

describe("the route module itself", () => {
  it("app/api/cron/[job]/route.ts verifies against PUBLIC_BASE_URL from the configuration", async () => {
    vi.stubEnv("PUBLIC_BASE_URL", BASE);
    vi.stubEnv("QSTASH_CURRENT_SIGNING_KEY", CURRENT);
    vi.stubEnv("QSTASH_NEXT_SIGNING_KEY", NEXT);
    vi.stubEnv("QSTASH_DEV", "");
    // The route reads the process database through db/index.ts's process singleton.
    const opened = processSingleton<{ handle?: unknown }>("database", () => ({}));
    opened.handle = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {} });
    vi.resetModules();
    const { POST } = await import("@/app/api/cron/[job]/route");
    const b = JSON.stringify({ at: randomUUID() });
    const unsigned = await POST(request("integrity-check", b), {
      params: Promise.resolve({ job: "integrity-check" }),
    });
    expect(unsigned.status).toBe(401);
    const signed = await POST(
      request("integrity-check", b, sign(CURRENT, b, { sub: `${BASE}/api/cron/integrity-check` })),
      {
        params: Promise.resolve({ job: "integrity-check" }),
      },
    );
    expect(signed.status).toBe(200);
    opened.handle = undefined;
    vi.unstubAllEnvs();
  });
});
