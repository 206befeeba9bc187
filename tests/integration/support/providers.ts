import type { PriceProvider } from "@/lib/prices";

/**
 * A price provider that answers as `base` does except where `overrides` says otherwise (a
 * symbol that cannot be priced, closes held until the test lets them through).
 */
export function providerLike(base: PriceProvider, overrides: Partial<PriceProvider>): PriceProvider {
  return {
    id: base.id,
    label: base.label,
    simulated: base.simulated,
    getQuotes: (s, n) => base.getQuotes(s, n),
    getEodClose: (s, d, n) => base.getEodClose(s, d, n),
    getEodCloses: (s, d, n) => base.getEodCloses(s, d, n),
    getSeries: (s, r, n) => base.getSeries(s, r, n),
    lookupSymbols: (s) => base.lookupSymbols(s),
    mostActive: (c, n) => base.mostActive(c, n),
    ...overrides,
  };
}
