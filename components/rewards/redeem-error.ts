/** Message keys (under `rewards.errors`) for the refusals a player can meet when redeeming. */
export type RedeemErrorKey =
  | "soldOut"
  | "insufficient"
  | "rateLimited"
  | "inactive"
  | "priceChanged"
  | "notFound"
  | "signin"
  | "network"
  | "generic";

export function redeemErrorKey(code: string | undefined): RedeemErrorKey {
  if (!code) return "network";
  if (code === "conflict:sold_out") return "soldOut";
  if (code === "conflict:insufficient_points") return "insufficient";
  if (code === "conflict:reward_inactive") return "inactive";
  if (code === "conflict:price_changed") return "priceChanged";
  if (code === "not_found:reward") return "notFound";
  if (code.startsWith("rate_limited:")) return "rateLimited";
  if (code.startsWith("unauthorized:")) return "signin";
  return "generic";
}

/** Refusals after which the page's data is out of date (stock, price, balance): refresh it. */
export function staleAfter(key: RedeemErrorKey): boolean {
  return (
    key === "soldOut" ||
    key === "insufficient" ||
    key === "inactive" ||
    key === "priceChanged" ||
    key === "notFound"
  );
}
