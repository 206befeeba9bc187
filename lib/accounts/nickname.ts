import { z } from "zod";

export const NICKNAME_MIN = 2;
export const NICKNAME_MAX = 20;

/*
 * Allowed characters: ASCII letters and digits, Hangul syllables and Hangul compatibility
 * jamo (ㅋㅋ), and "_", "-", " " inside the name. Other scripts are left out on purpose:
 * Cyrillic or Greek look-alikes ("аdmin") would make impersonation easy.
 */
const WORD = "A-Za-z0-9\\uAC00-\\uD7A3\\u3131-\\u3163";
const NICKNAME_PATTERN = new RegExp(`^[${WORD}](?:[${WORD}_\\- ]*[${WORD}])?$`);
const NOT_ALLOWED = new RegExp(`[^${WORD}_\\- ]`, "g");
const SEPARATORS_AT_ENDS = /^[_\- ]+|[_\- ]+$/g;

/** Names a player may not take in any case, spacing or spelling: they would pass for staff. */
const RESERVED = [
  "admin",
  "어드민",
  "관리자",
  "관리팀",
  "운영자",
  "운영진",
  "운영팀",
  "oxuniverse",
  "ox유니버스",
  "오엑스유니버스",
];
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };

/**
 * NFKC folds full-width and other compatibility forms ("ＡＤＭＩＮ" → "ADMIN"); Hangul
 * compatibility jamo are kept as they are (NFKC would turn them into conjoining jamo).
 */
export function normalizeNickname(raw: string): string {
  return raw
    .replace(/[^\u3131-\u318E]+/g, (part) => part.normalize("NFKC"))
    .replace(/\s+/g, " ")
    .trim();
}

/** True when the name, with case, separators and digit look-alikes folded away, contains a reserved word. */
export function isReservedNickname(name: string): boolean {
  const folded = normalizeNickname(name).toLowerCase();
  const letters = folded.replace(/[^a-z0-9\uAC00-\uD7A3]/g, "");
  const unleet = letters.replace(/[013457]/g, (d) => LEET[d] ?? d);
  return RESERVED.some((word) => letters.includes(word) || unleet.includes(word));
}

/** The rules a player's own nickname must meet (the profile form and the server share it). */
export const nicknameSchema = z
  .string({ error: "Enter a nickname" })
  .max(200, `A nickname is at most ${NICKNAME_MAX} characters`)
  .transform(normalizeNickname)
  .pipe(
    z
      .string()
      .min(NICKNAME_MIN, `A nickname is at least ${NICKNAME_MIN} characters`)
      .max(NICKNAME_MAX, `A nickname is at most ${NICKNAME_MAX} characters`)
      .regex(NICKNAME_PATTERN, "Use letters, digits, Hangul, and _ - or spaces between them")
      .refine((n) => !isReservedNickname(n), "This nickname is reserved"),
  );

export function isValidNickname(name: string): boolean {
  return nicknameSchema.safeParse(name).success;
}

/**
 * A provider's display name made into a usable nickname: disallowed characters dropped,
 * whitespace collapsed, cut to 20 characters. `null` when nothing usable is left (too
 * short, or reserved); the caller then falls back to `fallbackNickname`.
 */
export function sanitizeProviderNickname(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = tidy(normalizeNickname(raw.slice(0, 500)).replace(NOT_ALLOWED, ""));
  const cut = tidy(Array.from(cleaned).slice(0, NICKNAME_MAX).join(""));
  return isValidNickname(cut) ? cut : null;
}

/** "player" and the first characters of the user id: readable, and almost never taken. */
export function fallbackNickname(userId: string): string {
  return `player${userId
    .replace(/[^0-9a-f]/gi, "")
    .slice(0, 6)
    .toLowerCase()}`;
}

/** `kim` → `kim2` … with the base cut so the result stays within 20 characters. */
export function withSuffix(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = String(n);
  const room = NICKNAME_MAX - suffix.length;
  const head = tidy(Array.from(base).slice(0, room).join(""));
  return `${head || "player"}${suffix}`;
}

/** Candidates `from`..`from+count-1` in suffix order (1 is the base itself). */
export function nicknameCandidates(base: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => withSuffix(base, from + i));
}

function tidy(s: string): string {
  return s.replace(/\s+/g, " ").replace(SEPARATORS_AT_ENDS, "");
}
