import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientIp", () => {
  it("no trusted proxy: the address Next recorded from the socket", () => {
    expect(clientIp(h("203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientIp(h("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIp(h(), 0)).toBe("unknown");
  });

  it("behind one proxy: the address it appended, never the client's own claim on the left", () => {
    expect(clientIp(h("6.6.6.6, 198.51.100.4"), 1)).toBe("198.51.100.4");
    expect(clientIp(h("1.1.1.1, 2.2.2.2, 198.51.100.4"), 1)).toBe("198.51.100.4");
  });

  it("behind two proxies: the second entry from the right", () => {
    expect(clientIp(h("6.6.6.6, 198.51.100.4, 10.0.0.2"), 2)).toBe("198.51.100.4");
    // A request that skipped a proxy has fewer entries than hops: the farthest entry.
    expect(clientIp(h("198.51.100.9"), 2)).toBe("198.51.100.9");
  });

  it("normalises ports, brackets and case", () => {
    expect(clientIp(h("[2001:DB8::1]:443"), 0)).toBe("2001:db8::1");
    expect(clientIp(h("192.0.2.1:5555"), 0)).toBe("192.0.2.1");
  });
});
