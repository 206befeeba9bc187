import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminAlerts, errorLog, jobRuns } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { done, incomplete, runJob, type JobOutcome } from "@/lib/jobs";
import { useTestDb } from "./support/db";

const t = useTestDb();
const now = new Date("2026-11-24T21:30:00Z");
const base = { trigger: "qstash" as const, now };

const runsOf = (job: string, businessKey: string) =>
  t.db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.businessKey, businessKey)))
    .orderBy(jobRuns.attempt);

describe("runJob", () => {
  it("records a run RUNNING → SUCCEEDED; a duplicate answers with the stored result and runs nothing", async () => {
    let calls = 0;
    const fn = async ({ attempt }: { attempt: number }): Promise<JobOutcome> => {
      calls += 1;
      return done({ attempt, settled: 3, when: now.toISOString() });
    };
    const first = await runJob(t.db, { ...base, job: "test-a", businessKey: "2026-11-24" }, fn);
    expect(first).toMatchObject({
      status: "SUCCEEDED",
      fresh: true,
      attempt: 1,
      result: { attempt: 1, settled: 3 },
      error: null,
    });
    const second = await runJob(t.db, { ...base, job: "test-a", businessKey: "2026-11-24" }, fn);
    expect(second).toEqual({ ...first, fresh: false });
    expect(calls).toBe(1);
    const [row] = await runsOf("test-a", "2026-11-24");
    expect(row).toMatchObject({
      status: "SUCCEEDED",
      trigger: "qstash",
      attempt: 1,
      startedAt: now,
      error: null,
    });
    expect(row!.durationMs).toBeGreaterThanOrEqual(0);
    expect(row!.finishedAt!.getTime()).toBeGreaterThanOrEqual(now.getTime());
    // Another business key is another run.
    expect(await runJob(t.db, { ...base, job: "test-a", businessKey: "2026-11-25" }, fn)).toMatchObject({
      fresh: true,
      status: "SUCCEEDED",
    });
  });

  it("a failure is recorded with its error, logged, alerted once, and retried as the next attempt", async () => {
    const fail = async (): Promise<JobOutcome> => {
      throw new AppError("conflict:eod_missing", "no closes yet");
    };
    const r1 = await runJob(t.db, { ...base, job: "test-b", businessKey: "k" }, fail);
    const r2 = await runJob(t.db, { ...base, job: "test-b", businessKey: "k" }, fail);
    expect(r1).toMatchObject({
      status: "FAILED",
      attempt: 1,
      fresh: true,
      error: "conflict:eod_missing: no closes yet",
    });
    expect(r2).toMatchObject({ status: "FAILED", attempt: 2 });
    const ok = await runJob(t.db, { ...base, job: "test-b", businessKey: "k" }, async () =>
      done({ fine: true }),
    );
    expect(ok).toMatchObject({ status: "SUCCEEDED", attempt: 3 });
    expect((await runsOf("test-b", "k")).map((r) => r.status)).toEqual(["FAILED", "FAILED", "SUCCEEDED"]);
    expect(await t.db.select().from(errorLog).where(eq(errorLog.kind, "job:test-b"))).toHaveLength(2);
    const alerts = await t.db
      .select()
      .from(adminAlerts)
      .where(eq(adminAlerts.dedupeKey, "job_failed:test-b:k"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "job_failed", severity: "error" });
  });

  it("20 concurrent copies run the work once and all answer the same", async () => {
    let calls = 0;
    const slow = async (): Promise<JobOutcome> => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 150));
      return done({ paid: 1 });
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        runJob(
          t.db,
          { ...base, job: "test-c", businessKey: "k", waitForRunningMs: 10_000, pollMs: 20 },
          slow,
        ),
      ),
    );
    expect(calls).toBe(1);
    expect(answers.filter((a) => a.fresh)).toHaveLength(1);
    expect(new Set(answers.map((a) => JSON.stringify({ ...a, fresh: undefined })))).toHaveProperty("size", 1);
    expect(answers[0]).toMatchObject({ status: "SUCCEEDED", result: { paid: 1 } });
    expect(await runsOf("test-c", "k")).toHaveLength(1);
  });

  it("without waiting, a concurrent duplicate answers 'in progress'", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The work starts only after its RUNNING claim has committed: once it runs, a duplicate must see it.
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = runJob(t.db, { ...base, job: "test-d", businessKey: "k" }, async () => {
      started();
      await gate;
      return done({});
    });
    await running;
    const dup = await runJob(t.db, { ...base, job: "test-d", businessKey: "k" }, async () =>
      done({ never: true }),
    );
    expect(dup).toMatchObject({ status: "RUNNING", fresh: false, reason: "another run is in progress" });
    release();
    expect(await first).toMatchObject({ status: "SUCCEEDED", fresh: true });
  });

  it("a RUNNING row left by a crash is taken over once stale", async () => {
    const crashedAt = new Date(now.getTime() - 40 * 60_000);
    await t.db.insert(jobRuns).values({
      job: "test-e",
      businessKey: "k",
      status: "RUNNING",
      trigger: "qstash",
      attempt: 1,
      startedAt: crashedAt,
    });
    const fresh = await runJob(
      t.db,
      {
        ...base,
        job: "test-e",
        businessKey: "k",
        now: new Date(crashedAt.getTime() + 60_000),
        staleAfterMs: 30 * 60_000,
      },
      async () => done({}),
    );
    expect(fresh).toMatchObject({ status: "RUNNING", fresh: false });
    const taken = await runJob(
      t.db,
      { ...base, job: "test-e", businessKey: "k", staleAfterMs: 30 * 60_000 },
      async () => done({ resumed: true }),
    );
    expect(taken).toMatchObject({ status: "SUCCEEDED", attempt: 2, result: { resumed: true } });
    const rows = await runsOf("test-e", "k");
    expect(rows.map((r) => r.status)).toEqual(["FAILED", "SUCCEEDED"]);
    expect(rows[0]!.error).toMatch(/^abandoned/);
  });

  it("an incomplete run is recorded for a retry without an error log or alert; in-process retries back off", async () => {
    const partly = async (): Promise<JobOutcome> =>
      incomplete("2 call(s) wait for a close of HALT", { pending: 2 });
    const r = await runJob(
      t.db,
      { ...base, trigger: "inprocess", job: "test-f", businessKey: "k", retryBackoffMs: 5 * 60_000 },
      partly,
    );
    expect(r).toMatchObject({
      status: "INCOMPLETE",
      reason: "2 call(s) wait for a close of HALT",
      error: null,
      result: { pending: 2 },
    });
    const [row] = await runsOf("test-f", "k");
    // Its own status, its reason in its own column: nothing is read back out of an error text.
    expect(row).toMatchObject({
      status: "INCOMPLETE",
      reason: "2 call(s) wait for a close of HALT",
      error: null,
    });
    const soon = await runJob(
      t.db,
      {
        ...base,
        trigger: "inprocess",
        job: "test-f",
        businessKey: "k",
        now: new Date(now.getTime() + 60_000),
        retryBackoffMs: 5 * 60_000,
      },
      partly,
    );
    expect(soon).toMatchObject({ status: "SKIPPED", reason: "backoff after a failed run" });
    const later = await runJob(
      t.db,
      {
        ...base,
        trigger: "inprocess",
        job: "test-f",
        businessKey: "k",
        now: new Date(now.getTime() + 6 * 60_000),
        retryBackoffMs: 5 * 60_000,
      },
      async () => done({ pending: 0 }),
    );
    expect(later).toMatchObject({ status: "SUCCEEDED", attempt: 2 });
    expect(await t.db.select().from(errorLog).where(eq(errorLog.kind, "job:test-f"))).toHaveLength(0);
    expect(
      await t.db.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, "job_failed:test-f:k")),
    ).toHaveLength(0);
  });
});
