import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { localeOfHeaders, localeOfRequest } from "./config";
import { localizedError } from "./server-errors";

describe("the request's language", () => {
  it("cookie first, then Accept-Language, then Korean", () => {
    expect(localeOfRequest("en", "ko-KR")).toBe("en");
    expect(localeOfRequest("ko", "en-US")).toBe("ko");
    expect(localeOfRequest(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(localeOfRequest("fr", null)).toBe("ko");
    expect(localeOfHeaders(new Headers({ cookie: "a=1; NEXT_LOCALE=en", "accept-language": "ko" }))).toBe(
      "en",
    );
    expect(localeOfHeaders(new Headers({ "accept-language": "en" }))).toBe("en");
  });
});

describe("localizedError", () => {
  const noSlot = new AppError("conflict:no_slot", "No slot left. Watch an ad or wait for the next refill.", {
    details: { nextRefillAt: null, adSlotsLeft: 7 },
  });

  it("answers in Korean or English, code and details unchanged", () => {
    const k = localizedError(noSlot, "ko");
    expect(k).toMatchObject({ ok: false, code: "conflict:no_slot", details: { adSlotsLeft: 7 } });
    expect(k.message).toBe(ko.serverErrors.conflict.no_slot);
    expect(k.message).toMatch(/[가-힣]/);
    expect(localizedError(noSlot, "en").message).toBe(en.serverErrors.conflict.no_slot);
  });

  it("fills arguments from details; instants in KST with the zone named", () => {
    const e = new AppError("conflict:no_session", "x", {
      details: { nextOpenAt: "2026-11-26T21:00:00.000Z", nextTradingDay: "2026-11-27" },
    });
    expect(localizedError(e, "ko").message).toContain("11월 27일 06:00 (KST)");
    expect(localizedError(e, "en").message).toContain("Nov 27, 06:00 KST");
  });

  it("a code without its own message gets its type's; a missing argument falls back too", () => {
    const unknown = new AppError("conflict:something_new", "English only");
    expect(localizedError(unknown, "ko").message).toBe(ko.serverErrors.conflict.default);
    const noArgs = new AppError("conflict:ad_not_finished", "Watch the ad to the end first.");
    expect(localizedError(noArgs, "ko").message).toBe(ko.serverErrors.conflict.default);
  });

  it("validation errors: zod's wording in the request's language, per field", () => {
    const schema = z.object({ nickname: z.string().min(2) }).strict();
    let err: AppError | undefined;
    try {
      parseOrThrow(schema, { nickname: "a" }, { message: "Check the form." });
    } catch (e) {
      err = e as AppError;
    }
    const k = localizedError(err!, "ko");
    expect(k.code).toBe("unprocessable:invalid_input");
    expect(k.fieldErrors!.nickname![0]).toMatch(/[가-힣]/);
    expect(k.message).toContain("nickname");
    expect(localizedError(err!, "en").fieldErrors).toEqual(err!.fieldErrors);
  });
});

/** Every error code thrown anywhere in the app has its own message in both languages. */
describe("every thrown code is translated", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(p);
    }
  };
  for (const dir of ["lib", "app", "db", "components"]) walk(path.join(process.cwd(), dir));
  files.push(path.join(process.cwd(), "proxy.ts"), path.join(process.cwd(), "auth.ts"));
  const codes = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(f, "utf8");
    for (const m of src.matchAll(/AppError\(\s*["'`]([a-z_]+):([a-z_]+)["'`]/g)) codes.add(`${m[1]}:${m[2]}`);
  }

  it("finds the codes", () => expect(codes.size).toBeGreaterThan(40));
  for (const [name, catalogue] of [
    ["ko", ko],
    ["en", en],
  ] as const) {
    it(`${name}: a message per code (internal errors share one)`, () => {
      const groups = catalogue.serverErrors as Record<string, Record<string, string>>;
      const missing = [...codes].filter((code) => {
        const [type, subject] = code.split(":") as [string, string];
        return type === "internal" ? !groups.internal?.default : !groups[type]?.[subject];
      });
      expect(missing).toEqual([]);
    });
  }
});

describe("server messages", () => {
  it("use plain {name} arguments only (no plural or select: they are filled in without ICU)", () => {
    for (const catalogue of [ko, en]) {
      const all = Object.values(catalogue.serverErrors as Record<string, Record<string, string>>).flatMap(
        (g) => Object.values(g),
      );
      expect(all.filter((m) => /\{\s*\w+\s*,/.test(m) || /[<>]/.test(m))).toEqual([]);
    }
  });
});
