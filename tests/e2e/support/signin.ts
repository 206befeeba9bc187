import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN_EMAIL } from "./oauth-config";
import { nextSignIn } from "./oauth-control";
import { passAdminGate } from "./second-factor";

/**
 * Signs `page` in through the fake Google provider as `sub` (verified e-mail `<sub>@example.com`
 * and nickname `sub` unless given), then waits until it has landed: at `home` (the base URL) when
 * given, otherwise until the header shows the player's balance. With the allow-listed admin
 * e-mail it then passes the console's second factor (support/second-factor.ts) and is left on
 * /admin, unless `secondFactor: false`.
 */
export async function signInWithGoogle(
  page: Page,
  sub: string,
  opts: {
    email?: string;
    nickname?: string;
    home?: string;
    request?: APIRequestContext;
    secondFactor?: boolean;
  } = {},
) {
  await nextSignIn(opts.request ?? page.request, "google", {
    sub,
    email: opts.email ?? `${sub}@example.com`,
    emailVerified: true,
    nickname: opts.nickname ?? sub,
  });
  await page.goto("/signin");
  await page.getByTestId("signin-google").click();
  if (opts.home) await expect(page).toHaveURL(`${opts.home}/`);
  else await expect(page.getByTestId("header-balance")).toBeVisible();
  if (opts.email === E2E_ADMIN_EMAIL && opts.secondFactor !== false) await passAdminGate(page, sub);
}

/** The nickname the player-facing specs give a sign-in: the letters and digits of `sub`, at most 16. */
export const nicknameOf = (sub: string) => sub.replace(/[^a-z0-9]/gi, "").slice(0, 16);
