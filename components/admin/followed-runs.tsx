"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { JobRunReport } from "@/lib/jobs/run-job";
import type { RunView } from "@/lib/jobs/admin";
import { Badge } from "../ui/badge";

/** What a start answered (lib/jobs startJob): the runs to follow, or why nothing ran. */
export type StartAnswer = { skipped: string | null; runs: JobRunReport[] };

const POLL_MS = 1_000;

/** A run as far as the start's answer tells (the poll fills in the rest). */
function fromReport(r: JobRunReport): RunView | null {
  if (!r.runId) return null;
  return {
    id: r.runId,
    job: r.job,
    businessKey: r.businessKey,
    status: r.status === "SKIPPED" ? "FAILED" : r.status,
    trigger: "admin",
    attempt: r.attempt ?? 1,
    startedAt: "",
    finishedAt: null,
    durationMs: null,
    progress: r.progress,
    reason: r.reason ?? null,
    error: r.error,
    result: r.result,
  };
}

/**
 * The console's long operations as they run: each run's status and progress (done of total),
 * polled every second while it runs, its outcome once it ends (and the page refreshed, so its
 * figures follow). `initial` are the runs the page found (an operator who left and came back);
 * `answer` is what the last start answered (a new run, or the running one it joined).
 */
export function FollowedRuns({
  initial,
  answer,
  testId,
}: {
  initial: readonly RunView[];
  answer?: StartAnswer | null;
  testId: string;
}) {
  const t = useTranslations("admin.runs");
  const router = useRouter();
  const [runs, setRuns] = useState<readonly RunView[]>(initial);
  const [seenAnswer, setSeenAnswer] = useState<StartAnswer | null | undefined>(undefined);
  const [seenInitial, setSeenInitial] = useState(initial);

  // A new start's runs go first; the page's own list replaces what it shows after a refresh.
  if (answer !== seenAnswer) {
    setSeenAnswer(answer);
    const started = (answer?.runs ?? []).map(fromReport).filter((r): r is RunView => r !== null);
    setRuns((now) => [...started, ...now.filter((r) => !started.some((s) => s.id === r.id))]);
  }
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    setRuns((now) => [...initial, ...now.filter((r) => !initial.some((s) => s.id === r.id))].slice(0, 5));
  }

  const running = runs.filter((r) => r.status === "RUNNING").map((r) => r.id);
  const runningKey = running.join(",");
  useEffect(() => {
    if (!runningKey) return;
    let stopped = false;
    const ids = runningKey.split(",");
    const poll = async () => {
      const fresh = await Promise.all(
        ids.map(async (id) => {
          try {
            const res = await fetch(`/api/admin/jobs/runs/${id}`, { cache: "no-store" });
            return res.ok ? ((await res.json()) as RunView) : null;
          } catch {
            return null;
          }
        }),
      );
      if (stopped) return;
      const byId = new Map(fresh.filter((r): r is RunView => r !== null).map((r) => [r.id, r]));
      setRuns((now) => now.map((r) => byId.get(r.id) ?? r));
      // A run ended: the page's figures (the day's summary, the run list) follow it.
      if ([...byId.values()].some((r) => r.status !== "RUNNING")) router.refresh();
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [runningKey, router]);

  const skipped = answer?.skipped ?? null;
  if (runs.length === 0 && !skipped) return null;
  return (
    <div className="flex flex-col gap-2" data-testid={`${testId}-runs`}>
      {skipped && (
        <p
          className="rounded-xl border border-subtle bg-muted p-3 text-sm"
          role="status"
          data-testid={`${testId}-skipped`}
        >
          {t("skipped", { reason: skipped })}
        </p>
      )}
      {runs.map((r) => (
        <RunCard key={r.id} run={r} joined={joinedIds(answer).has(r.id)} testId={testId} />
      ))}
    </div>
  );
}

function joinedIds(answer: StartAnswer | null | undefined): Set<string> {
  return new Set(
    (answer?.runs ?? []).filter((r) => !r.fresh && r.status === "RUNNING" && r.runId).map((r) => r.runId!),
  );
}

const TONES = { RUNNING: "warn", SUCCEEDED: "open", INCOMPLETE: "warn", FAILED: "down" } as const;

function RunCard({ run, joined, testId }: { run: RunView; joined: boolean; testId: string }) {
  const t = useTranslations("admin.runs");
  const tl = useTranslations("adminLabels");
  const p = run.progress;
  const status = tl.has(`jobStatus.${run.status}`) ? tl(`jobStatus.${run.status}`) : run.status;
  const unit = p ? t(`unit.${p.unit}`) : "";
  return (
    <section
      className="rounded-xl border border-subtle bg-card p-3 text-sm"
      aria-label={t("run", { job: run.job, key: run.businessKey })}
      data-testid={`${testId}-run`}
      data-status={run.status}
      data-run-id={run.id}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs font-semibold">{run.job}</span>
        <span className="font-mono text-xs break-all text-muted">{run.businessKey}</span>
        <Badge tone={TONES[run.status]} data-testid={`${testId}-run-status`}>
          {status}
        </Badge>
        {joined && <span className="text-xs text-muted">{t("joined")}</span>}
      </div>
      {p && (
        <div className="mt-2 flex items-center gap-3">
          {/* Nothing to do (0 of 0) is said, not drawn as an empty bar. */}
          {p.total !== 0 && (
            <progress
              className="h-2 w-full accent-brand"
              max={p.total ?? undefined}
              value={p.total === null ? undefined : p.done}
              aria-label={t("progressLabel", { job: run.job })}
            />
          )}
          <span className="text-xs whitespace-nowrap tabular-nums" data-testid={`${testId}-run-progress`}>
            {p.total === null
              ? t("doneOnly", { done: p.done, unit })
              : t("progress", { done: p.done, total: p.total, unit })}
          </span>
        </div>
      )}
      {!p && run.status === "RUNNING" && <p className="mt-2 text-xs text-muted">{t("working")}</p>}
      {run.status !== "RUNNING" && (
        <div className="mt-2 text-xs text-muted" role="status">
          {run.durationMs !== null && (
            <span>{t("took", { seconds: (run.durationMs / 1000).toFixed(1) })} </span>
          )}
          {run.reason && <span>{run.reason}</span>}
          {run.error && <span className="text-red-700 dark:text-red-300">{run.error}</span>}
        </div>
      )}
      {run.result && run.status !== "RUNNING" && (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-muted">{t("result")}</summary>
          <pre className="mt-1 max-h-64 overflow-auto text-xs whitespace-pre-wrap">
            {JSON.stringify(run.result, null, 2)}
          </pre>
        </details>
      )}
    </section>
  );
}
