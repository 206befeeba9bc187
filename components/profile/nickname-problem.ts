import {
  isReservedNickname,
  normalizeNickname,
  NICKNAME_MAX,
  NICKNAME_MIN,
  nicknameSchema,
} from "@/lib/accounts/nickname";

export type NicknameProblem = "tooShort" | "tooLong" | "characters" | "reserved";

/** Which rule of the shared nickname schema a value breaks, so the form can say it in the reader's language. */
export function nicknameProblem(raw: string): NicknameProblem | null {
  if (nicknameSchema.safeParse(raw).success) return null;
  const name = normalizeNickname(raw);
  const length = Array.from(name).length;
  if (length < NICKNAME_MIN) return "tooShort";
  if (length > NICKNAME_MAX) return "tooLong";
  if (isReservedNickname(name)) return "reserved";
  return "characters";
}
