import { describe, expect, it } from "vitest";
import { redeemErrorKey, staleAfter } from "./redeem-error";
import { newRequestKey } from "./request-key";
import { requestKeySchema } from "@/lib/rewards/schemas";

describe("redeem refusals", () => {
  it.each([
    ["conflict:sold_out", "soldOut", true],
    ["conflict:insufficient_points", "insufficient", true],
    ["conflict:reward_inactive", "inactive", true],
    ["conflict:price_changed", "priceChanged", true],
    ["not_found:reward", "notFound", true],
    ["rate_limited:redemptions", "rateLimited", false],
    ["unauthorized:signin_required", "signin", false],
    ["internal:unexpected", "generic", false],
    [undefined, "network", false],
  ] as const)("%s → %s", (code, key, stale) => {
    expect(redeemErrorKey(code)).toBe(key);
    expect(staleAfter(redeemErrorKey(code))).toBe(stale);
  });
});

describe("request keys", () => {
  it("are fresh each time and accepted by the server's schema", () => {
    const a = newRequestKey();
    expect(a).not.toBe(newRequestKey());
    expect(requestKeySchema.safeParse(a).success).toBe(true);
  });
});
