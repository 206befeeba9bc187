/**
 * The one table of QStash cron schedules (SPEC §1, §11). QStash evaluates crons in UTC, so
 * the KST times are written in UTC (KST = UTC+9, no DST). Weekday fields are UTC weekdays:
 * 06:00 KST Monday is 21:00 UTC Sunday.
 *
 * The EOD step must run 20 minutes after the US close, which moves with US daylight saving
 * time: 16:20 ET is 21:20 UTC (06:20 KST) in US winter and 20:20 UTC (05:20 KST) in US summer.
 * Both instants are scheduled; each delivery settles the days that are due at its own
 * instant and answers "nothing due" otherwise, so the season needs no switch-over. (QStash
 * also accepts a `CRON_TZ=America/New_York` prefix; two UTC crons keep the table explicit,
 * testable and independent of that.) A half-hourly retry keeps collecting until the closes
 * are complete or the `no_close` deadline passes; early-close days (13:00 ET) are picked up
 * by the first retry after 13:20 ET.
 *
 * `npm run schedules:sync` creates or updates these in QStash. Pure data: no server imports.
 */
export type CronSchedule = {
  /** Stable QStash schedule id: re-syncing updates the schedule instead of adding one. */
  id: string;
  /** Route segment: POST /api/cron/<job>. */
  job: string;
  /** UTC cron expression (minute hour day-of-month month day-of-week). */
  cron: string;
  kst: string;
  purpose: string;
};

export const SCHEDULE_ID_PREFIX = "ox-";

export const CRON_SCHEDULES: readonly CronSchedule[] = [
  {
    id: "ox-select-universe",
    job: "select-universe",
    cron: "30 20 * * *",
    kst: "05:30 daily",
    purpose: "default universe for the coming trading day unless set",
  },
  {
    id: "ox-open-session",
    job: "open-session",
    cron: "0 21 * * 0-4",
    kst: "06:00 Mon–Fri",
    purpose: "open today's session (holidays: no-op)",
  },
  {
    id: "ox-refresh-prices",
    job: "refresh-prices",
    cron: "*/5 * * * *",
    kst: "every 5 min, 06:00 to the US close (05:00/06:00 next day); skips outside",
    purpose: "quotes and intraday lines for the session and the US regular session",
  },
  {
    id: "ox-close-session",
    job: "close-session",
    cron: "59 14 * * 1-5",
    kst: "23:59 Mon–Fri",
    purpose: "close today's session",
  },
  {
    id: "ox-collect-eod-summer",
    job: "collect-eod",
    cron: "20 20 * * 1-5",
    kst: "05:20 Tue–Sat",
    purpose: "EOD + settle, 16:20 EDT (US summer); no-op in winter",
  },
  {
    id: "ox-collect-eod-winter",
    job: "collect-eod",
    cron: "20 21 * * 1-5",
    kst: "06:20 Tue–Sat",
    purpose: "EOD + settle, 16:20 EST (US winter); duplicate in summer",
  },
  {
    id: "ox-collect-eod-retry",
    job: "collect-eod",
    cron: "15,45 * * * *",
    kst: "every 30 min",
    purpose: "retry until closes are complete or void (no_close)",
  },
  {
    id: "ox-integrity-check",
    job: "integrity-check",
    cron: "0 22 * * *",
    kst: "07:00 daily",
    purpose: "invariants I1–I7; admin alert on problems",
  },
  {
    id: "ox-push-notify",
    job: "push-notify",
    cron: "*/5 * * * *",
    kst: "every 5 min",
    purpose: "Web Push reminders at the chosen times and the day's results",
  },
  {
    id: "ox-prune",
    job: "prune",
    cron: "0 19 * * *",
    kst: "04:00 daily",
    purpose: "retention of rate limits, ad tokens, quotes, job runs, error log",
  },
];

/** The callback URL of a job, built from the configured public base URL (never the request's Host). */
export function cronUrl(publicBaseUrl: string, job: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/api/cron/${job}`;
}
