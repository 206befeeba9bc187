import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";
import { contentSecurityPolicy, newNonce, overHttps } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("scripts only by nonce with 'strict-dynamic', never 'unsafe-inline'; images from our origin and the listed ones", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", imgOrigins: ["https://cdn.example"] });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp.split("; ").find((d) => d.startsWith("img-src"))).toBe("img-src 'self' https://cdn.example");
    expect(contentSecurityPolicy({ nonce: "abc" })).toContain("img-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it("development adds only what the dev server needs", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true })).toContain("'strict-dynamic' 'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is 16 random bytes in base64, fresh each time", () => {
    const seen = new Set(Array.from({ length: 200 }, () => newNonce()));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("overHttps", () => {
  it.each([
    ["https:", null, true],
    ["http:", null, false],
    ["http:", "https", true],
    ["http:", "https, http", true],
    ["https:", "http", false],
  ] as const)("%s with X-Forwarded-Proto %s → %s", (protocol, forwarded, want) => {
    expect(overHttps(protocol, forwarded)).toBe(want);
  });
});

describe("isSameOrigin", () => {
  it("needs the configured origin, or the request's when none is configured; a missing Origin never passes", () => {
    expect(isSameOrigin("https://ox.example", "https://ox.example/", "http://internal:3000")).toBe(true);
    expect(isSameOrigin("http://internal:3000", "https://ox.example", "http://internal:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3000", undefined, "http://localhost:3000")).toBe(true);
    expect(isSameOrigin(null, undefined, "http://localhost:3000")).toBe(false);
    expect(isSameOrigin("null", undefined, "http://localhost:3000")).toBe(false);
  });
});
