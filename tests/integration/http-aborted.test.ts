/**
 * A client that closes the connection is not an error of ours (docs/operations.md, "Aborted
 * requests"): no 500, no error-log row. Called as Next calls the route handler, with a request
 * whose upload breaks off (the body stream errors) and one whose signal says the client left.
 */
import { count } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/predictions/route";
import { errorLog } from "@/db/schema";
import { resetAppClock, shiftAppClockTo } from "@/lib/clock";
import { env } from "@/lib/env";
import { sessionCookie } from "../support/session-cookie";
import { serveAppFrom } from "./support/app-process";
import { useTestDb } from "./support/db";
import { createPlayer } from "./support/players";

const t = useTestDb();
const NOON = new Date("2026-11-27T12:00:00+09:00");
const undo: Array<() => void> = [];
beforeAll(() => {
  undo.push(serveAppFrom(t));
  shiftAppClockTo(NOON);
});
afterAll(() => {
  resetAppClock();
  for (const u of undo.splice(0)) u();
});

const errorRows = async () => (await t.db.select({ n: count() }).from(errorLog))[0]!.n;

/** A body that sends a few bytes, then breaks off as a closed connection does. */
function brokenUpload(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"symbol":"NV'));
      setTimeout(() => controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" })), 5);
    },
  });
}

async function request(opts: { signal?: AbortSignal }) {
  const player = await createPlayer(t.db);
  return new NextRequest("http://localhost/api/predictions", {
    method: "POST",
    headers: {
      cookie: await sessionCookie(t.db, player.id, env().AUTH_SECRET, NOON),
      origin: "http://localhost",
      "content-type": "application/json",
    },
    body: brokenUpload(),
    duplex: "half",
    signal: opts.signal,
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe("aborted client connections", () => {
  it("an upload that breaks off → 400 body_aborted, no error-log row", async () => {
    const before = await errorRows();
    const res = await POST(await request({}));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("bad_request:body_aborted");
    expect(await errorRows()).toBe(before);
  });

  it("a client that has left → 499 with no body, no error-log row", async () => {
    const before = await errorRows();
    const gone = new AbortController();
    const req = await request({ signal: gone.signal });
    gone.abort();
    const res = await POST(req);
    expect(res.status).toBe(499);
    expect(await res.text()).toBe("");
    expect(await errorRows()).toBe(before);
  });
});
