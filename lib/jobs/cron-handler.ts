import "server-only";
/**
 * The signed scheduler callback `POST /api/cron/<job>`: read the raw body, verify the QStash
 * signature against the configured public URL, then run the job. Nothing is read from the
 * database or written before the signature checks out — not even a job_runs row.
 *
 * Answers (the same body for a first delivery and every duplicate of it):
 *   200 the job's runs succeeded (or had nothing to do);  202 a run is still in progress or
 *   incomplete (closes missing; the retry schedule comes back);  401 bad signature;
 *   404 unknown job;  413 body above 64 KiB (read no further, before any signature work);
 *   503 delivered a moment too early, or the database unavailable (QStash retries);  500 a run failed.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import { appClock } from "@/lib/clock";
import { AppError, toAppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { log } from "@/lib/log";
import { appJobDeps, appQstashConfig } from "./app-deps";
import { executeJob } from "./execute";
import { verifyQstashSignature, type QstashVerifyConfig } from "./qstash-verify";
import { isJobName } from "./registry";
import type { JobRunReport } from "./run-job";
import type { JobDeps } from "./types";
import { cronUrl } from "./schedules";

export const MAX_CRON_BODY_BYTES = 64 * 1024;

/** Read per request (`createCronHandler(appCronDeps)`), so `next build` never needs keys. */
export type CronDeps = {
  /** Opened only once the signature checks out. */
  getDb: () => Promise<Database>;
  config: QstashVerifyConfig;
  now: Date;
  jobDeps: JobDeps;
  /** How long a duplicate delivery waits for a concurrent run's answer. */
  waitForRunningMs?: number;
};

type Segment = { params: Promise<{ job: string }> };

const cronLog = log.child({ module: "cron" });
const JOB_SEGMENT = /^[a-z][a-z0-9-]{0,39}$/;

function json(body: unknown, status: number, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const unauthorized = () =>
  json({ ok: false, code: "unauthorized:signature", message: "Missing or invalid signature." }, 401);

export function createCronHandler(depsOf: () => CronDeps) {
  return async function POST(req: NextRequest, segment: Segment): Promise<Response> {
    const deps = depsOf();
    const { job } = await segment.params;
    if (!JOB_SEGMENT.test(job))
      return json({ ok: false, code: "not_found:job", message: "No such job." }, 404);
    // Bounded before anything else: an anonymous caller cannot make us buffer (or hash) more.
    let body: string;
    try {
      body = await readBodyText(req, MAX_CRON_BODY_BYTES);
    } catch (e) {
      const err = toAppError(e);
      return json(err.toJSON(), err.status);
    }

    const config = deps.config;
    const verdict = await verifyQstashSignature(config, {
      signature: req.headers.get("upstash-signature"),
      body,
      url: cronUrl(config.publicBaseUrl ?? "", job),
    });
    if (!verdict.ok) {
      cronLog.warn({ job, reason: verdict.reason, detail: verdict.detail }, "scheduler callback refused");
      return unauthorized();
    }
    if (!isJobName(job)) return json({ ok: false, code: "not_found:job", message: "No such job." }, 404);

    try {
      const input = job === "cooldown-refill" ? parseBody(body) : undefined;
      const db = await deps.getDb();
      const outcome = await executeJob(db, {
        job,
        trigger: "qstash",
        now: deps.now,
        deps: deps.jobDeps,
        input,
        waitForRunningMs: deps.waitForRunningMs ?? 20_000,
      });
      if (outcome.skipped !== null) {
        return outcome.retryLater
          ? json({ ok: false, code: "unavailable:not_due", message: outcome.skipped, job }, 503, {
              "Retry-After": "10",
            })
          : json({ ok: true, job, status: "SKIPPED", reason: outcome.skipped, runs: [] }, 200);
      }
      const runs = outcome.runs.map(publicRun);
      const status = outcome.runs.some((r) => r.status === "FAILED")
        ? 500
        : outcome.runs.some((r) => r.status === "RUNNING" || r.status === "INCOMPLETE")
          ? 202
          : 200;
      return json({ ok: status !== 500, job, runs }, status, {
        "X-Job-Fresh": outcome.runs.map((r) => (r.fresh ? "1" : "0")).join(","),
      });
    } catch (e) {
      const err = toAppError(e);
      if (err.status >= 500) cronLog.error({ err: e, job }, "scheduler callback failed");
      // 503 unavailable:database is retryable: QStash delivers again, the run is keyed.
      const retryAfter = err.details?.retryAfterSeconds;
      return json(
        err.toJSON(),
        err.status,
        typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : {},
      );
    }
  };
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new AppError("bad_request:invalid_json", "The body is not valid JSON.");
  }
}

/** What a callback answer shows of a run: identical for the first delivery and its duplicates. */
function publicRun(r: JobRunReport) {
  return {
    businessKey: r.businessKey,
    status: r.status,
    runId: r.runId,
    attempt: r.attempt,
    result: r.result,
    error: r.error,
    reason: r.reason ?? null,
  };
}

/** The process's dependencies for one request. */
export function appCronDeps(): CronDeps {
  return { getDb, config: appQstashConfig(), now: appClock.now(), jobDeps: appJobDeps() };
}
