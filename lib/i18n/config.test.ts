import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./config";

describe("localeFromAcceptLanguage", () => {
  it("honours order and q-values", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,ko;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("ko-KR,ko;q=0.9,en;q=0.8")).toBe("ko");
    expect(localeFromAcceptLanguage("fr;q=1, en;q=0.5, ko;q=0.7")).toBe("ko");
  });
  it("falls back to Korean for unknown or missing languages", () => {
    expect(localeFromAcceptLanguage("fr-FR,de;q=0.8")).toBe("ko");
    expect(localeFromAcceptLanguage(undefined)).toBe("ko");
    expect(localeFromAcceptLanguage("en;q=0")).toBe("ko");
  });
});
