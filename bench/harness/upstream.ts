/**
 * Upstream requests: the app on the Yahoo provider pointed at a local fake (the recorded
 * responses of tests/fixtures/yahoo, served over HTTP, every request counted). The price
 * refresh job is delivered as QStash would deliver it (a signed callback); page views are
 * signed-in `GET /` and `GET /api/board`, right after a refresh and again after the clock has
 * moved past the next 5-minute bucket (and the job has run again, as the scheduler would).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeYahoo } from "@/tests/fixtures/yahoo/fake-yahoo";
import { qstashSignature } from "@/tests/support/qstash-sign";
import { cookie, startServer } from "./app";
import { round, type Figures } from "./figures";
import { send, target } from "./load";

const PORT = Number(process.env.BENCH_PORT ?? 4040) + 2;
const KEY = "sig_bench_current_0123456789abcdef";
const NEXT_KEY = "sig_bench_next_abcdef0123456789";
/** 09:40 in New York: the market is open (30 s quote TTL) and the day's session still takes calls. */
const CLOCK = "2026-12-01T23:40:00+09:00";
const VIEWS = 5;

async function fakeYahooServer() {
  const fake = createFakeYahoo();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "https://query1.finance.yahoo.com");
    const known =
      ["/v1/test/getcrumb", "/v7/finance/quote"].includes(url.pathname) || url.pathname.startsWith("/v8/");
    const asked = known ? url : new URL(`https://finance.yahoo.com${url.pathname}${url.search}`);
    fake.fetch(asked.href).then(
      async (r) => {
        const headers: Record<string, string | string[]> = {};
        r.headers.forEach((v, k) => (headers[k] = v));
        const cookies = r.headers.getSetCookie();
        if (cookies.length) headers["set-cookie"] = cookies;
        res.writeHead(r.status, headers);
        res.end(await r.text());
      },
      (e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => fake.requests.length,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function upstreamFigures(
  databaseUrl: string,
  ctx: { log: (s: string) => void; figures: Figures },
): Promise<void> {
  const { log, figures } = ctx;
  log("upstream: Yahoo provider on a local fake; refresh job, then page views");
  const yahoo = await fakeYahooServer();
  const app = await startServer(PORT, databaseUrl, CLOCK, {
    PRICE_PROVIDER: "yahoo",
    YAHOO_BASE_URL: yahoo.url,
    QSTASH_CURRENT_SIGNING_KEY: KEY,
    QSTASH_NEXT_SIGNING_KEY: NEXT_KEY,
  });
  try {
    const t = target(app.baseUrl, 8);
    const refresh = async () => {
      const url = `${app.publicUrl}/api/cron/refresh-prices`;
      const before = yahoo.count();
      const r = await send(
        t,
        {
          method: "POST",
          path: "/api/cron/refresh-prices",
          headers: {
            "content-type": "application/json",
            "upstash-signature": qstashSignature(KEY, url, "{}"),
          },
          body: "{}",
        },
        { keepBody: true },
      );
      if (r.status >= 300) throw new Error(`refresh-prices answered ${r.status}: ${r.body}`);
      return yahoo.count() - before;
    };
    const pageViews = async () => {
      const before = yahoo.count();
      for (let i = 1; i <= VIEWS; i++) {
        await send(t, { path: "/", headers: { cookie: cookie(i) } });
        await send(t, { path: "/api/board", headers: { cookie: cookie(i) } });
      }
      return yahoo.count() - before;
    };
    const firstRefresh = await refresh();
    const firstViews = await pageViews();
    const moved = await send(
      t,
      {
        method: "POST",
        path: "/api/test/clock",
        headers: { origin: app.publicUrl, "content-type": "application/json" },
        body: JSON.stringify({ advanceMs: 5 * 60_000 + 1_000 }),
      },
      { keepBody: true },
    );
    if (moved.status !== 200) throw new Error(`could not move the clock: ${moved.status} ${moved.body}`);
    const secondRefresh = await refresh();
    const secondViews = await pageViews();
    log(
      `  refreshes: ${firstRefresh}, ${secondRefresh} upstream requests; page views: ${firstViews}, ${secondViews} for ${VIEWS} × (GET / + GET /api/board)`,
    );
    figures.set("upstream.requests_per_refresh", Math.max(firstRefresh, secondRefresh));
    figures.set("upstream.requests_per_page_view", round((firstViews + secondViews) / (4 * VIEWS), 2));
  } finally {
    await app.stop();
    await yahoo.close();
  }
}
