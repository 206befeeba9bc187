/**
 * What the simulated market knows about a symbol: a plausible starting price and how much
 * it moves. Rough figures for the default universe keep the demo believable; any other
 * symbol gets values derived from its name, so every valid symbol can be priced.
 */
import { unitFrom } from "./prng";

/** [price at the simulation anchor, annualised volatility]. Rough, deliberately not live data. */
const KNOWN: Readonly<Record<string, readonly [number, number]>> = {
  CRWV: [100, 0.9],
  SPY: [600, 0.15],
  QQQ: [520, 0.2],
  AMAT: [180, 0.4],
  AMD: [150, 0.5],
  ANET: [120, 0.45],
  ASML: [800, 0.35],
  AVGO: [250, 0.45],
  COHR: [90, 0.5],
  GFS: [35, 0.4],
  KLAC: [800, 0.35],
  MRVL: [75, 0.55],
  MU: [110, 0.5],
  NVDA: [140, 0.5],
  NVMI: [220, 0.45],
  ONTO: [130, 0.5],
  SMCI: [40, 0.8],
  STX: [110, 0.4],
  TSM: [200, 0.35],
  VRT: [120, 0.55],
  WDC: [70, 0.45],
  AXON: [600, 0.4],
  LMT: [480, 0.2],
  NOC: [520, 0.2],
  RCAT: [8, 0.9],
  AFRM: [65, 0.7],
  APP: [350, 0.7],
  COIN: [250, 0.7],
  HOOD: [60, 0.7],
  IREN: [15, 0.9],
  MQ: [5, 0.6],
  MSTR: [330, 0.9],
  SOFI: [15, 0.6],
  TOST: [38, 0.5],
  CEG: [280, 0.5],
  FSLR: [180, 0.5],
  LNG: [210, 0.25],
  NRG: [110, 0.4],
  OKLO: [40, 1.0],
  PWR: [320, 0.35],
  SMR: [25, 0.9],
  VST: [150, 0.55],
  CRWD: [400, 0.45],
  FTNT: [95, 0.35],
  GTLB: [55, 0.55],
  NET: [120, 0.55],
  OKTA: [90, 0.4],
  PANW: [190, 0.35],
  S: [20, 0.5],
  TENB: [35, 0.4],
  ZS: [250, 0.45],
  AAPL: [230, 0.25],
  ADBE: [400, 0.3],
  ADSK: [300, 0.3],
  AI: [25, 0.7],
  AMZN: [210, 0.3],
  ASAN: [15, 0.6],
  BILL: [55, 0.55],
  CRM: [280, 0.35],
  DDOG: [130, 0.5],
  DOCN: [35, 0.55],
  GOOGL: [180, 0.3],
  HUBS: [650, 0.45],
  META: [620, 0.35],
  MNDY: [280, 0.5],
  MSFT: [440, 0.22],
  NOW: [950, 0.35],
  PCOR: [75, 0.4],
  PLTR: [120, 0.7],
  SNOW: [180, 0.55],
  VEEV: [230, 0.3],
  IONQ: [40, 1.0],
  QBTS: [12, 1.1],
  RGTI: [12, 1.1],
  PL: [6, 0.8],
  RKLB: [25, 0.8],
  LUNR: [12, 0.9],
  ACHR: [9, 0.9],
  ARBE: [2, 0.9],
  JOBY: [7, 0.8],
  TSLA: [350, 0.6],
  UBER: [75, 0.4],
  ORCL: [180, 0.4],
  CFLT: [25, 0.5],
  CRNC: [9, 0.9],
  DXCM: [75, 0.4],
  INTU: [650, 0.3],
  IOT: [45, 0.5],
  LRCX: [85, 0.45],
  NFLX: [110, 0.35],
  PODD: [280, 0.35],
  PSTG: [60, 0.5],
  RBLX: [70, 0.5],
  RDDT: [150, 0.8],
  SERV: [12, 1.0],
  SHOP: [110, 0.5],
  SOUN: [12, 1.0],
  TDOC: [9, 0.6],
  PATH: [13, 0.5],
  DXYZ: [35, 0.8],
  NKE: [70, 0.3],
};

/**
 * The instruments the simulated market lists: what an admin may add to a universe when prices
 * are simulated (it would price any well-formed symbol, so the list is the guard).
 */
export function isCatalogued(symbol: string): boolean {
  return Object.hasOwn(KNOWN, symbol);
}

export type SymbolProfile = {
  basePrice: number;
  /** Annualised expected log-return. */
  annualDrift: number;
  annualVol: number;
};

export function symbolProfile(seed: string, symbol: string): SymbolProfile {
  const known = KNOWN[symbol];
  // The seed changes the path and the drift, never the rough price level of a known symbol.
  const basePrice = known?.[0] ?? Math.exp(Math.log(5) + unitFrom("base", symbol) * Math.log(100));
  const annualVol = known?.[1] ?? 0.25 + unitFrom("vol", symbol) * 0.55;
  const annualDrift = -0.05 + unitFrom(seed, "drift", symbol) * 0.25;
  return { basePrice, annualDrift, annualVol };
}
