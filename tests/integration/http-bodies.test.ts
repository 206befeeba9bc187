import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openDb, type DbHandle } from "@/db/client";
import { route } from "@/lib/http/route";
import { createCronHandler, MAX_CRON_BODY_BYTES } from "@/lib/jobs/cron-handler";
import { serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";

/**
 * Bodies are read as a stream and abandoned at the limit: a chunked upload, a lying
 * Content-Length and an honest oversized one all answer 413 having read at most the limit
 * (plus one chunk). JSON routes take JSON only (415). A database that does not answer is a
 * 503 `unavailable:database` with Retry-After, with no driver text.
 */
const t = useTestDb();
const undo: Array<() => void> = [];
const ORIGIN = "http://localhost";
const LIMIT = 16 * 1024;
const CHUNK = 64 * 1024;

beforeAll(() => {
  // The route wrapper asks the process for its database: give it this file's.
  undo.push(serveAppFrom(t));
});
afterAll(() => {
  for (const u of undo.splice(0)) u();
});

/** An endless-looking body of `total` bytes, produced only as it is pulled; `pulled()` counts. */
function lazyBody(total: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(CHUNK, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
  return { stream, pulled: () => sent };
}

/** A streamed body needs `duplex: "half"`, which the init type does not list yet. */
type NextInit = ConstructorParameters<typeof NextRequest>[1];

function post(url: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  return new NextRequest(url, {
    method: "POST",
    body,
    headers: { origin: ORIGIN, ...headers },
    duplex: "half",
  } as NextInit);
}

const echo = route({ auth: "public", body: z.object({ note: z.string() }).strict() }, async ({ body }) => ({
  ok: true,
  note: body.note,
}));
const JSON_TYPE = { "content-type": "application/json" };

describe("route(): bounded JSON bodies", () => {
  it("a chunked 200 MB body (no Content-Length) → 413 after reading at most the limit plus one chunk", async () => {
    const body = lazyBody(200 * 1024 * 1024);
    const res = await echo(post(`${ORIGIN}/api/x`, body.stream, JSON_TYPE));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, code: "too_large:body" });
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
  });

  it("a Content-Length that lies (says 100, sends 50 MB) → 413, read no further than the limit", async () => {
    const body = lazyBody(50 * 1024 * 1024);
    const res = await echo(post(`${ORIGIN}/api/x`, body.stream, { ...JSON_TYPE, "content-length": "100" }));
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
  });

  it("a declared length above the limit → 413 before a byte is read", async () => {
    const body = lazyBody(1024 * 1024 * 1024);
    const res = await echo(
      post(`${ORIGIN}/api/x`, body.stream, { ...JSON_TYPE, "content-length": String(1024 * 1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(CHUNK);
  });

  it("exactly the limit is accepted; one byte more is not", async () => {
    const fill = (n: number) => JSON.stringify({ note: "x".repeat(n - JSON.stringify({ note: "" }).length) });
    const ok = await echo(post(`${ORIGIN}/api/x`, fill(LIMIT), JSON_TYPE));
    expect(ok.status).toBe(200);
    const over = await echo(post(`${ORIGIN}/api/x`, fill(LIMIT + 1), JSON_TYPE));
    expect(over.status).toBe(413);
  });

  it.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["a form", { "content-type": "application/x-www-form-urlencoded" }],
    ["no Content-Type", {}],
  ])("JSON sent as %s → 415 unsupported_media_type:json", async (_label, headers) => {
    const res = await echo(post(`${ORIGIN}/api/x`, JSON.stringify({ note: "hi" }), headers));
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ ok: false, code: "unsupported_media_type:json" });
  });

  it("a declared non-JSON type is refused before the body is read", async () => {
    const body = lazyBody(10 * 1024 * 1024);
    const res = await echo(
      post(`${ORIGIN}/api/x`, body.stream, { "content-type": "multipart/form-data; boundary=x" }),
    );
    expect(res.status).toBe(415);
    expect(body.pulled()).toBeLessThanOrEqual(CHUNK);
  });

  it("application/json with a charset is JSON; an empty body is an empty object", async () => {
    const res = await echo(
      post(`${ORIGIN}/api/x`, JSON.stringify({ note: "hi" }), {
        "content-type": "application/json; charset=utf-8",
      }),
    );
    expect(await res.json()).toEqual({ ok: true, note: "hi" });
    const empty = route({ auth: "public", body: z.object({}).strict() }, async () => ({ ok: true }));
    expect((await empty(post(`${ORIGIN}/api/x`, null))).status).toBe(200);
  });
});

describe("the scheduler callback: bounded before any signature work", () => {
  let signatureChecks = 0;
  // The config is read only to check a signature: counting the reads counts the checks.
  const handler = createCronHandler(() => ({
    getDb: async () => t.db,
    get config() {
      signatureChecks += 1;
      return {
        publicBaseUrl: "https://ox.example.test",
        currentSigningKey: "k1",
        nextSigningKey: "k2",
        qstashDev: false,
        isProduction: true,
      };
    },
    now: new Date("2026-12-01T01:00:00Z"),
    get jobDeps(): never {
      throw new Error("no job may run");
    },
  }));
  const call = (req: NextRequest) => handler(req, { params: Promise.resolve({ job: "integrity-check" }) });

  it("an anonymous chunked 400 MB body → 413, the signature never looked at, at most the limit read", async () => {
    const body = lazyBody(400 * 1024 * 1024);
    const res = await call(
      new NextRequest("https://ox.example.test/api/cron/integrity-check", {
        method: "POST",
        body: body.stream,
        duplex: "half",
      } as NextInit),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, code: "too_large:body" });
    expect(body.pulled()).toBeLessThanOrEqual(MAX_CRON_BODY_BYTES + 2 * CHUNK);
    expect(signatureChecks).toBe(0);
  });

  it("a lying Content-Length → 413 as well; a small unsigned body → 401", async () => {
    const body = lazyBody(20 * 1024 * 1024);
    const lying = await call(
      new NextRequest("https://ox.example.test/api/cron/integrity-check", {
        method: "POST",
        body: body.stream,
        headers: { "content-length": "10" },
        duplex: "half",
      } as NextInit),
    );
    expect(lying.status).toBe(413);
    expect(signatureChecks).toBe(0);
    const small = await call(
      new NextRequest("https://ox.example.test/api/cron/integrity-check", { method: "POST", body: "{}" }),
    );
    expect(small.status).toBe(401);
  });
});

describe("a database that does not answer", () => {
  let dead: DbHandle;
  beforeAll(() => {
    // Nothing listens on port 1: every connection attempt is refused at once.
    dead = openDb({ url: "postgres://postgres@127.0.0.1:1/none", poolSize: 2 });
  });
  afterAll(async () => {
    await dead.close();
  });

  it("→ 503 unavailable:database with Retry-After, and no driver text in the body", async () => {
    const handler = route({ auth: "public" }, async () => {
      await dead.db.execute(sql`select 1`);
      return { ok: true };
    });
    const res = await handler(new NextRequest(`${ORIGIN}/api/x`));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ ok: false, code: "unavailable:database" });
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|select/i);
  });
});
