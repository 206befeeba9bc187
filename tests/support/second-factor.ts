import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { adminTotp } from "@/db/schema";
import { enrolmentOf, passSecondFactor } from "@/lib/auth/second-factor";
import type { HttpClient } from "./http-client";
import { openSessionCookie } from "./session-cookie";
import { stepOf, totpCode } from "./totp";

/**
 * An admin's session cookie that has passed the second factor the way the gate passes it: the
 * authenticator set up on first use (its recovery codes returned), then a code of the app for
 * `now` — or, when that step's code was already taken, the next step's (accepted within the
 * window), so two sessions opened in the same 30 s both pass.
 */
export async function passedAdminCookie(
  db: Database,
  userId: string,
  authSecret: string,
  now: Date,
): Promise<{ cookie: string; sid: string; secret: string; recoveryCodes?: string[] }> {
  const { cookie, sid } = await openSessionCookie(db, userId, authSecret, now);
  await enrolmentOf(db, { userId, label: "test" });
  const [row] = await db.select().from(adminTotp).where(eq(adminTotp.userId, userId));
  const step = Math.max(stepOf(now), row!.lastStep + 1);
  if (step > stepOf(now) + 1) throw new Error("no fresh code left in this window: move the clock on");
  const result = await passSecondFactor(db, {
    userId,
    sessionId: sid,
    code: totpCode(row!.secret, step * 30_000),
    now,
  });
  return { cookie, sid, secret: row!.secret, recoveryCodes: result.recoveryCodes };
}

/**
 * An admin client (no browser) passing the second factor on first use: the key from
 * `GET /api/admin/second-factor` (what the console's gate shows), then a code of the app for
 * the server's clock (a test clock when it runs one) posted to `POST /api/admin/second-factor`.
 * For load runs against the production build.
 */
export async function enrolOverHttp(client: HttpClient): Promise<string> {
  const clock = await client.json<{ now?: string }>("/api/test/clock");
  const now = clock.status === 200 && clock.body.now ? Date.parse(clock.body.now) : Date.now();
  const enrolment = await client.json<{ confirmed?: boolean; secret?: string }>("/api/admin/second-factor");
  if (enrolment.status !== 200 || enrolment.body.confirmed !== false || !enrolment.body.secret)
    throw new Error(`no second-factor set-up: ${enrolment.status} ${JSON.stringify(enrolment.body)}`);
  const passed = await client.json("/api/admin/second-factor", {
    json: { code: totpCode(enrolment.body.secret, now) },
  });
  if (passed.status !== 200) throw new Error(`second factor refused: ${JSON.stringify(passed.body)}`);
  return enrolment.body.secret;
}
