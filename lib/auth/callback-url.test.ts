import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginRedirect } from "./callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it.each([
    ["/", "/"],
    ["/me/points?cursor=12", "/me/points?cursor=12"],
    ["/me#history", "/me#history"],
    ["me", "/me"],
    [`${ORIGIN}/admin`, "/admin"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps same-origin %j → %j", (raw, want) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe(want);
  });

  it.each([
    "https://evil.example",
    "https://evil.example/me",
    "//evil.example",
    "//evil.example/me",
    "/\\evil.example",
    "\\\\evil.example",
    "/\tevil",
    "javascript:alert(1)",
    "data:text/html,hi",
    "http://localhost:3001/me",
    "https://localhost:3000/me",
    "http://localhost:3000@evil.example/",
    "/api/auth/signout",
    "",
    "x".repeat(3000),
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe("/");
  });

  it("refuses non-strings and uses the given fallback", () => {
    expect(safeCallbackPath(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackPath(["/me"], ORIGIN, "/me")).toBe("/me");
  });
});

describe("sameOriginRedirect (the Auth.js redirect callback)", () => {
  it("returns absolute URLs on the base origin only", () => {
    expect(sameOriginRedirect({ url: "/me", baseUrl: ORIGIN })).toBe(`${ORIGIN}/me`);
    expect(sameOriginRedirect({ url: `${ORIGIN}/me/points`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/me/points`);
    expect(sameOriginRedirect({ url: "https://evil.example/steal", baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
    expect(sameOriginRedirect({ url: "//evil.example", baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
  });
});
