// Server entry point of the scheduled jobs (SPEC §11). schedules.ts and cron.ts are pure and
// may be imported on their own (scripts, tests).
export * from "./registry";
export { runJob, done, incomplete, type JobRunReport, type JobRunStatus, type JobOutcome, type JobResult, type JobTrigger, type RunJobInput } from "./run-job";
export { executeJob, type ExecuteJobInput, type ExecuteJobResult } from "./execute";
export { listJobRuns, runJobNow } from "./admin";
export { raiseAdminAlert, type AdminAlertInput } from "./alerts";
export { scheduleCooldownRefill, refillKey, type CooldownConfig, type ScheduledRefill } from "./cooldown";
export { createCronHandler, appCronDeps, type CronDeps } from "./cron-handler";
export { appJobDeps, appQstashConfig } from "./app-deps";
export { verifyQstashSignature, type QstashVerifyConfig, type VerifyOutcome } from "./qstash-verify";
export { tickScheduler, startInprocessScheduler, stopInprocessScheduler, TICK_INTERVAL_MS } from "./inprocess-scheduler";
export { CRON_SCHEDULES, cronUrl, type CronSchedule } from "./schedules";
