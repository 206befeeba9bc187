import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { nextSignIn } from "./oauth-control";

/**
 * Signs `page` in through the fake Google provider as `sub` (verified e-mail `<sub>@example.com`
 * and nickname `sub` unless given), then waits until it has landed: at `home` (the base URL) when
 * given, otherwise until the header shows the player's balance.
 */
export async function signInWithGoogle(
  page: Page,
  sub: string,
  opts: { email?: string; nickname?: string; home?: string; request?: APIRequestContext } = {},
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
}

/** The nickname the player-facing specs give a sign-in: the letters and digits of `sub`, at most 16. */
export const nicknameOf = (sub: string) => sub.replace(/[^a-z0-9]/gi, "").slice(0, 16);
