import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fallbackNickname,
  isReservedNickname,
  isValidNickname,
  nicknameCandidates,
  nicknameSchema,
  normalizeNickname,
  sanitizeProviderNickname,
  withSuffix,
} from "./nickname";

describe("nicknameSchema (the profile form)", () => {
  it.each(["kim", "Kim Jisoo", "김지수", "ㅋㅋ", "player_1", "a-b", "ab", "x".repeat(20), "한글 and 123"])(
    "accepts %j",
    (n) => {
      expect(nicknameSchema.safeParse(n).success).toBe(true);
    },
  );

  it.each([
    ["", "too short"],
    ["k", "too short"],
    ["x".repeat(21), "too long"],
    ["_kim", "separator at the start"],
    ["kim-", "separator at the end"],
    ["kim!", "symbol"],
    ["kim.lee", "dot"],
    ["kim😀", "emoji"],
    ["аdmin", "Cyrillic look-alike"],
    ["<script>", "markup"],
    ["kim\u200bjisoo", "zero-width space"],
  ])("refuses %j (%s)", (n) => {
    expect(nicknameSchema.safeParse(n).success).toBe(false);
  });

  it("trims and collapses whitespace before checking", () => {
    expect(nicknameSchema.parse("  Kim   Jisoo \t")).toBe("Kim Jisoo");
    expect(nicknameSchema.safeParse("   a   ").success).toBe(false);
  });

  it("folds full-width letters (NFKC) but keeps Hangul jamo", () => {
    expect(nicknameSchema.parse("ＫＩＭ")).toBe("KIM");
    expect(normalizeNickname("ㅋㅋ루삥뽕")).toBe("ㅋㅋ루삥뽕");
  });

  it("counts 20 Hangul syllables as 20 characters", () => {
    expect(isValidNickname("가".repeat(20))).toBe(true);
    expect(isValidNickname("가".repeat(21))).toBe(false);
  });
});

describe("impersonation", () => {
  it.each([
    "admin",
    "ADMIN",
    "Admin",
    "a d m i n",
    "a_d-m_i-n",
    "adm1n",
    "4dmin",
    "ＡＤＭＩＮ",
    "the admin",
    "admin2",
    "kim_admin",
    "관리자",
    "관 리 자",
    "운영자",
    "운영_자",
    "어드민",
    "ox universe",
    "OX-Universe",
    "0x un1verse",
    "OX유니버스",
  ])("refuses %j", (n) => {
    expect(isReservedNickname(n)).toBe(true);
    expect(nicknameSchema.safeParse(n).success).toBe(false);
  });

  it.each(["kim", "adam", "mint", "운영", "universe fan", "ox player"])("allows %j", (n) => {
    expect(isReservedNickname(n)).toBe(false);
  });

  it("also refuses innocent words that contain a reserved one (a deliberate false positive)", () => {
    expect(isReservedNickname("badminton")).toBe(true);
  });
});

describe("sanitizeProviderNickname", () => {
  it.each([
    ["  Kim   Jisoo  ", "Kim Jisoo"],
    ["김지수", "김지수"],
    ["Kim😀", "Kim"],
    ["J.R.R. Tolkien", "JRR Tolkien"],
    ["__kim__", "kim"],
    ["ＫＩＭ", "KIM"],
    ["Kim\nJisoo", "Kim Jisoo"],
    ["abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrst"],
    ["abcdefghijklmnopqrs uvw", "abcdefghijklmnopqrs"],
  ])("%j → %j", (raw, want) => {
    expect(sanitizeProviderNickname(raw)).toBe(want);
  });

  it.each([null, undefined, "", "   ", "😀😀", "k", "田中", "Admin", "관리자", "!!"])(
    "%j → null (caller falls back)",
    (raw) => {
      expect(sanitizeProviderNickname(raw)).toBeNull();
    },
  );

  it.each([
    ["x".repeat(500), "x".repeat(20)],
    [" - _ - ", null],
    ["a-", null],
    ["-a-b-", "a-b"],
    ["a  -  b", "a - b"],
    ["가나다라마바사아자차카타파하가나다라마바사아", "가나다라마바사아자차카타파하가나다라마바"],
  ])("edge case %#: %j → %j", (raw, want) => {
    const out = sanitizeProviderNickname(raw);
    expect(out).toBe(want);
    expect(out === null || isValidNickname(out)).toBe(true);
  });

  it("property: any provider name becomes a valid nickname or null", () => {
    const chars = fc.constantFrom(..."aZ9 _-.가힣ㅋＫ😀\t!관리자admin".split(""));
    let valid = 0;
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }).map((xs) => xs.join("")),
        (raw) => {
          const out = sanitizeProviderNickname(raw);
          expect(
            out === null || isValidNickname(out),
            `${JSON.stringify(raw)} → ${JSON.stringify(out)}`,
          ).toBe(true);
          if (out !== null) valid += 1;
        },
      ),
      { numRuns: 500, seed: 7 },
    );
    // The property saw both outcomes, not only refusals.
    expect(valid).toBeGreaterThan(25);
  });
});

describe("suffixes and fallback", () => {
  it("numbers clashes from 2 and stays within 20 characters", () => {
    expect(withSuffix("kim", 1)).toBe("kim");
    expect(withSuffix("kim", 2)).toBe("kim2");
    expect(withSuffix("kim", 13)).toBe("kim13");
    expect(withSuffix("x".repeat(20), 2)).toBe(`${"x".repeat(19)}2`);
    expect(withSuffix("x".repeat(20), 123)).toBe(`${"x".repeat(17)}123`);
    expect(withSuffix("abcdefghijklmnopqr s", 10)).toBe("abcdefghijklmnopqr10");
  });

  it("does not leave a separator before the suffix when cutting", () => {
    expect(withSuffix("abcdefghijklmnopqr s", 123)).toBe("abcdefghijklmnopq123");
    expect(withSuffix("abcdefghijklmnopq rs", 123)).toBe("abcdefghijklmnopq123");
  });

  it("lists candidates in order", () => {
    expect(nicknameCandidates("kim", 1, 4)).toEqual(["kim", "kim2", "kim3", "kim4"]);
    expect(nicknameCandidates("kim", 21, 2)).toEqual(["kim21", "kim22"]);
  });

  it("falls back to player + the start of the id", () => {
    const n = fallbackNickname("3F9A1C22-1111-4111-8111-111111111111");
    expect(n).toBe("player3f9a1c");
    expect(isValidNickname(n)).toBe(true);
  });
});
