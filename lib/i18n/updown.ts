/**
 * The player's colour convention for up and down (SPEC §14): Korean red up / blue down;
 * English green up / red down by default. A player may choose either (cookie `OX_UPDOWN`);
 * the root layout puts it on <html data-updown>, and globals.css maps it to colours.
 */
import type { Locale } from "./config";

export const UPDOWN_COOKIE = "OX_UPDOWN";
export const UPDOWN_CONVENTIONS = ["red-up", "green-up"] as const;
export type UpDown = (typeof UPDOWN_CONVENTIONS)[number];

export function upDownOf(locale: Locale, cookie: string | undefined): UpDown {
  if ((UPDOWN_CONVENTIONS as readonly string[]).includes(cookie ?? "")) return cookie as UpDown;
  return locale === "ko" ? "red-up" : "green-up";
}
