import { expect, type APIRequestContext } from "@playwright/test";
import { CONTROL_URL, type FakeUser, type Tamper } from "./oauth-config";

/** Choose who the fake provider signs in next, and optionally arm a one-shot tampering. */
export async function nextSignIn(
  request: APIRequestContext,
  provider: "google" | "kakao",
  user: FakeUser,
  tamper: Tamper | null = null,
) {
  const res = await request.post(`${CONTROL_URL}/${provider}`, { data: { user, tamper } });
  expect(res.status(), await res.text()).toBe(200);
}
