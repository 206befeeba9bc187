import { appCronDeps, createCronHandler } from "@/lib/jobs/cron-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Signed QStash callbacks: POST /api/cron/<job>. Verification and dispatch live in lib/jobs. */
export const POST = createCronHandler(appCronDeps);
