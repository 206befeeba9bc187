import { secondFactorSchema } from "@/lib/admin/schemas";
import { sessionRefFrom } from "@/lib/auth/session-token";
import { enrolmentOf, passSecondFactor } from "@/lib/auth/second-factor";
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Pass the second factor for this session: `{ code }`, a code from the authenticator or a
 * recovery code (each works once). Open to an admin who has not passed it yet; 422
 * `unprocessable:second_factor_code` for a wrong, expired or reused code; 5 attempts in 15 minutes.
 */
export const POST = route(
  { auth: "admin", secondFactor: "none", body: secondFactorSchema },
  async ({ req, db, now, user, body }) => {
    const ref = await sessionRefFrom(req.cookies, env().AUTH_SECRET);
    return passSecondFactor(db, { userId: user.id, sessionId: ref?.sessionId ?? "", code: body.code, now });
  },
);

/**
 * The admin's authenticator for a client without the console: `{ confirmed: false, secret, uri }`
 * (the key and the otpauth URI to set up, the same the console's gate shows) until a code
 * confirmed it, then `{ confirmed: true, recoveryCodesLeft }`. Open to an admin who has not
 * passed the second factor yet.
 */
export const GET = route({ auth: "admin", secondFactor: "none" }, async ({ db, user }) =>
  enrolmentOf(db, { userId: user.id, label: user.email ?? user.nickname }),
);
