import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { DEFAULT_PG_URL } from "../support/pg-database";
import { startTcpProxy, TEST_TLS, type TcpProxy } from "../support/tcp-proxy";
import { describeOnPostgres, itOnPostgres } from "./support/postgres-only";

/**
 * The pooled PostgreSQL client behind a link that is cut or stalled under load (no Next server:
 * the driver and db/guarded-socket.ts alone). Two faults were seen here before: statements issued
 * in the few milliseconds between a socket's error and its close were never answered (postgres.js
 * does not reject them on a close after an error), and a connection refused while another one
 * probed the server left its unsent startup message behind, so later connections timed out
 * (CONNECT_TIMEOUT) or sent two startup messages (08P01 "invalid frontend message type 0") for
 * tens of seconds after the link came back.
 */
const ROUND = 20;

describeOnPostgres("the database client on a failing link", () => {
  let proxy: TcpProxy;
  let handle: DbHandle;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    const target = new URL(DEFAULT_PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    // Short bounds, so "hung" (a round unsettled after 12 s) is far beyond the longest wait the
    // client allows — silence (2 s) then a probe's connect timeout (1 s) — on a loaded machine
    // too; with the defaults (7 s + 3 s) a busy CI left two seconds of margin.
    handle = openDb({
      url: proxy.url(DEFAULT_PG_URL),
      poolSize: 10,
      timeouts: { connectMs: 1_000, statementMs: 1_000, silenceMs: 2_000 },
    });
  });

  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await handle?.close();
    await proxy?.close();
  });

  /** One round of parallel statements; each settles (answered or refused) or the round reports it hung. */
  async function round(deadlineMs: number) {
    const statements = Array.from({ length: ROUND }, () =>
      handle.db.execute(sql`select pg_sleep(0.005)`).then(
        () => "ok" as const,
        () => "refused" as const,
      ),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<"hung">((r) => (timer = setTimeout(() => r("hung"), deadlineMs)));
    const outcome = await Promise.race([Promise.all(statements), hung]);
    clearTimeout(timer);
    return outcome;
  }

  /** Rounds back to back for `ms`: none may hang past the silence bound of the client. */
  async function loadFor(ms: number) {
    const outcomes: string[] = [];
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const r = await round(12_000);
      outcomes.push(r === "hung" ? "hung" : r.every((x) => x === "ok") ? "ok" : "refused");
    }
    return outcomes;
  }

  /** After the restore, the time until a whole round succeeds. */
  async function recovery() {
    const started = performance.now();
    for (;;) {
      const r = await round(12_000);
      expect(r, "a statement hung after the link came back").not.toBe("hung");
      if (r !== "hung" && r.every((x) => x === "ok")) return performance.now() - started;
      expect(performance.now() - started, "not recovered").toBeLessThan(10_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  for (const fault of ["cut", "stall"] as const) {
    itOnPostgres(
      `${fault}: no statement hangs, and a whole round succeeds within seconds of the restore`,
      async () => {
        expect(await round(5_000)).toEqual(Array(ROUND).fill("ok"));
        const load = loadFor(fault === "cut" ? 1_500 : 8_000);
        await new Promise((r) => setTimeout(r, 200));
        proxy[fault]();
        const outcomes = await load;
        expect(outcomes).not.toContain("hung");
        expect(outcomes).toContain("refused");
        proxy.restore();
        const ms = await recovery();
        console.info(`${fault}: a whole round of ${ROUND} succeeded ${Math.round(ms)} ms after the restore`);
        expect(unhandled).toEqual([]);
      },
      60_000,
    );
  }
});

/**
 * A connection idle past the silence bound while the event loop was busy (a long synchronous
 * computation, a loaded machine): the statement issued right after must be answered, not
 * failed with CONNECTION_CLOSED. Node's timers measure from the loop's cached time, so after a
 * block every timer armed or refreshed in that tick looks overdue.
 */
describeOnPostgres("the database client after a busy event loop", () => {
  let handle: DbHandle;
  const SILENCE = 300;
  beforeAll(() => {
    handle = openDb({ url: DEFAULT_PG_URL, poolSize: 2, timeouts: { statementMs: 0, silenceMs: SILENCE } });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  for (const size of ["short", "long"] as const) {
    itOnPostgres(
      `a ${size} statement issued at the end of a block longer than the silence bound is answered`,
      async () => {
        // A long statement is written at once, a short one on the next turn of the loop.
        const statement =
          size === "short" ? sql`select 1 as one` : sql.raw(`select 1 as one /* ${"x".repeat(2_000)} */`);
        for (let i = 0; i < 3; i++) {
          await handle.db.execute(statement);
          busy(SILENCE * 2);
          await expect(handle.db.execute(statement)).resolves.toBeDefined();
        }
      },
    );
  }

  itOnPostgres("an answer that arrived while the loop was busy is read, not taken for silence", async () => {
    for (let i = 0; i < 3; i++) {
      const pending = handle.db.execute(sql`select pg_sleep(0.02)`);
      // Let the statement go out, then hold the loop past the silence bound while it is answered.
      await new Promise((r) => setImmediate(r));
      busy(SILENCE * 2);
      await expect(pending).resolves.toBeDefined();
    }
  });
});

/**
 * postgres.js pipelines statements on a connection. When the answer to the first arrives after
 * the second was written and the link then stalls, the second is still owed an answer: the
 * silence bound must hold for it (it once did not — "waiting" was "written after the last byte
 * received", which the first answer made false — and the statement waited until TCP gave up).
 * The same over TLS (a TLS-terminating proxy in front of the server): postgres.js would set TLS
 * up above the guarded socket, which then saw nothing but the negotiation.
 */
for (const link of ["plain", "TLS"] as const) {
  describeOnPostgres(`the database client, pipelined statements and a stall (${link})`, () => {
    let proxy: TcpProxy;
    let handle: DbHandle;
    const SILENCE = 600;

    beforeAll(async () => {
      const target = new URL(DEFAULT_PG_URL);
      proxy = await startTcpProxy(
        { host: target.hostname, port: Number(target.port || 5432) },
        0,
        link === "TLS" ? { tls: TEST_TLS } : {},
      );
      const url = new URL(proxy.url(DEFAULT_PG_URL));
      if (link === "TLS") url.searchParams.set("sslmode", "require");
      handle = openDb({
        url: url.toString(),
        poolSize: 1,
        timeouts: { connectMs: 1_000, statementMs: 0, silenceMs: SILENCE },
      });
    });

    afterAll(async () => {
      await handle?.close();
      await proxy?.close();
    });

    itOnPostgres(
      "the second statement on a connection is refused within the silence bound, not left waiting",
      async () => {
        const settled = (p: Promise<unknown>) =>
          p.then(
            () => "ok" as const,
            () => "refused" as const,
          );
        // One connection: the second statement is written while the first is still running.
        const first = settled(handle.db.execute(sql`select pg_sleep(0.3)`));
        await new Promise((r) => setTimeout(r, 50));
        const second = settled(handle.db.execute(sql`select pg_sleep(3)`));
        expect(await first).toBe("ok");
        // The first answer has arrived; the second is being computed. Now the link goes quiet.
        proxy.stall();
        const startedAt = performance.now();
        const outcome = await Promise.race([
          second,
          new Promise<"hung">((r) => setTimeout(() => r("hung"), 8_000)),
        ]);
        const waitedMs = performance.now() - startedAt;
        proxy.restore();
        expect(outcome).toBe("refused");
        // Refused by the silence bound (not by the 3 s statement finishing into a dead link).
        expect(waitedMs).toBeLessThan(2_700);
        // And the client recovers on a fresh connection.
        await expect(handle.db.execute(sql`select 1`)).resolves.toBeDefined();
        expect(proxy.tlsHandshakes()).toBe(link === "TLS" ? 2 : 0);
      },
      30_000,
    );
  });
}

describeOnPostgres("the database client's TLS", () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    const target = new URL(DEFAULT_PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, 0, {
      tls: TEST_TLS,
    });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const withSslMode = (mode: string) => {
    const url = new URL(proxy.url(DEFAULT_PG_URL));
    url.searchParams.set("sslmode", mode);
    return openDb({ url: url.toString(), poolSize: 1, timeouts: { connectMs: 1_000 } });
  };

  itOnPostgres(
    "sslmode=require answers over TLS; verify-full refuses a certificate it cannot verify",
    async () => {
      const before = proxy.tlsHandshakes();
      const required = withSslMode("require");
      try {
        await expect(required.db.execute(sql`select 1 as one`)).resolves.toBeDefined();
        expect(proxy.tlsHandshakes()).toBe(before + 1);
      } finally {
        await required.close();
      }
      const verified = withSslMode("verify-full");
      try {
        await expect(verified.db.execute(sql`select 1 as one`)).rejects.toThrow();
      } finally {
        await verified.close();
      }
    },
  );

  itOnPostgres(
    "a server without TLS: prefer goes on in plain text, require is refused with a reason",
    async () => {
      const direct = (mode: string) => {
        const url = new URL(DEFAULT_PG_URL);
        url.searchParams.set("sslmode", mode);
        return openDb({ url: url.toString(), poolSize: 1, timeouts: { connectMs: 1_000 } });
      };
      const preferred = direct("prefer");
      const required = direct("require");
      try {
        const rows = (await preferred.db.execute(sql`select current_setting('ssl') as ssl`)) as unknown as {
          ssl: string;
        }[];
        // Only where the test server itself runs without TLS (the machines this suite runs on).
        if (rows[0]?.ssl !== "off") return;
        const refused = await required.db.execute(sql`select 1 as one`).then(
          () => null,
          (e: { cause?: { message?: string } }) => e,
        );
        expect(refused?.cause?.message).toMatch(/does not accept TLS/);
      } finally {
        await preferred.close();
        await required.close();
      }
    },
  );
});
