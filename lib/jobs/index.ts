// Server entry point of the scheduled jobs (SPEC §11). schedules.ts and cron.ts are pure and
// may be imported on their own (scripts, tests).
export * from "./registry";
export { runJob, done, incomplete, type JobOutcome } from "./run-job";
export { executeJob } from "./execute";
export { jobRunById, listJobRuns, runsToFollow, startJobNow } from "./admin";
export type { StartedJob } from "./execute";
export { scheduleCooldownRefill } from "./cooldown";
export { createCronHandler, type CronDeps } from "./cron-handler";
export { appJobDeps } from "./app-deps";
export { type QstashVerifyConfig } from "./qstash-verify";
export { tickScheduler, startInprocessScheduler, isInprocessSchedulerRunning } from "./inprocess-scheduler";
