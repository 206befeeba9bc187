/**
 * A pure reference model of one player's game state, written from docs/rules.md and
 * independently of lib/: balances, slots (cooldown, ads, ceiling), predictions, redemptions,
 * reward stock and ad tokens. The model-based property test applies every operation to it and
 * to the database and compares the two after each step; every operation answers "ok",
 * "ok:unchanged" (a repeat that changed nothing) or the exact refusal code the rules call for.
 */
export const BASE = 3;
export const MAX_ADS = 7;
export const CEILING = 10;
export const COOLDOWN = 5 * 60_000;
export const SIGNUP_BONUS = 1000;
export const PER_CORRECT = 50;
export const AD_TTL = 30 * 60_000;

export type Outcome = "ok" | "ok:unchanged" | `${string}:${string}`;
export type CallStatus = "PENDING" | "CANCELLED" | "CORRECT" | "INCORRECT" | "VOID";
export type Call = {
  id: string;
  userId: string;
  symbol: string;
  choice: "UP" | "DOWN";
  status: CallStatus;
  snapshot: number;
  points: number;
};
export type Slots = { available: number; adsUsed: number; timerStartedAt: number | null };
export type AdToken = {
  token: string;
  userId: string;
  eligibleAt: number;
  expiresAt: number;
  completed: boolean;
};
export type Redemption = {
  id: string;
  userId: string;
  sku: string;
  cost: number;
  status: "PENDING" | "CANCELLED" | "FAILED";
};
export type Player = {
  id: string;
  balance: number;
  slots: Slots;
  calls: Map<string, Call>;
  keys: Map<string, string>;
};

export type Model = {
  players: Map<string, Player>;
  calls: Map<string, Call>;
  redemptions: Map<string, Redemption>;
  ads: Map<string, AdToken>;
  items: Map<string, { cost: number; stock: number; total: number }>;
};

export function newModel(items: Record<string, { cost: number; stock: number }>): Model {
  return {
    players: new Map(),
    calls: new Map(),
    redemptions: new Map(),
    ads: new Map(),
    items: new Map(
      Object.entries(items).map(([sku, i]) => [sku, { cost: i.cost, stock: i.stock, total: i.stock }]),
    ),
  };
}

export function signUp(m: Model, id: string): void {
  if (m.players.has(id)) return;
  m.players.set(id, {
    id,
    balance: SIGNUP_BONUS,
    slots: { available: BASE, adsUsed: 0, timerStartedAt: null },
    calls: new Map(),
    keys: new Map(),
  });
}

/** Walk the cooldown timer forward to `now`, one five-minute refill at a time. */
function catchUp(s: Slots, now: number): void {
  while (s.timerStartedAt !== null && s.available < BASE && s.timerStartedAt + COOLDOWN <= now) {
    s.available += 1;
    s.timerStartedAt += COOLDOWN;
  }
  settleTimer(s, now);
}

/** Below 3 a timer runs (started now if none did); at 3 or more none does. */
function settleTimer(s: Slots, now: number): void {
  if (s.available >= BASE) s.timerStartedAt = null;
  else if (s.timerStartedAt === null) s.timerStartedAt = now;
}

export function slotView(m: Model, userId: string, now: number) {
  const s = { ...m.players.get(userId)!.slots };
  catchUp(s, now);
  return {
    available: s.available,
    adSlotsUsed: s.adsUsed,
    nextRefillAt: s.timerStartedAt === null ? null : s.timerStartedAt + COOLDOWN,
  };
}

export function predict(
  m: Model,
  userId: string,
  symbol: string,
  choice: Call["choice"],
  snapshot: number,
  now: number,
  newId: () => string,
): Outcome {
  const p = m.players.get(userId)!;
  const existing = p.calls.get(symbol);
  if (existing && existing.status !== "CANCELLED") return "conflict:already_predicted";
  catchUp(p.slots, now);
  if (p.slots.available < 1) return "conflict:no_slot";
  p.slots.available -= 1;
  settleTimer(p.slots, now);
  const call: Call = existing ?? {
    id: newId(),
    userId,
    symbol,
    choice,
    status: "PENDING",
    snapshot,
    points: 0,
  };
  Object.assign(call, { choice, snapshot, status: "PENDING" });
  p.calls.set(symbol, call);
  m.calls.set(call.id, call);
  return "ok";
}

function ownPending(m: Model, userId: string, callId: string): Call | Outcome {
  const call = m.calls.get(callId);
  if (!call) return "not_found:prediction";
  if (call.userId !== userId) return "forbidden:not_your_prediction";
  if (call.status !== "PENDING") return "conflict:not_pending";
  return call;
}

export function change(
  m: Model,
  userId: string,
  callId: string,
  choice: Call["choice"],
  snapshot: number,
): Outcome {
  const call = ownPending(m, userId, callId);
  if (typeof call === "string") return call;
  if (call.choice !== choice) Object.assign(call, { choice, snapshot });
  return "ok";
}

export function cancel(m: Model, userId: string, callId: string, now: number): Outcome {
  const call = ownPending(m, userId, callId);
  if (typeof call === "string") return call;
  call.status = "CANCELLED";
  const s = m.players.get(userId)!.slots;
  catchUp(s, now);
  s.available = Math.min(CEILING, s.available + 1);
  settleTimer(s, now);
  return "ok";
}

export function startAd(
  m: Model,
  userId: string,
  now: number,
  minWatchMs: number,
  token: () => string,
): Outcome {
  if (m.players.get(userId)!.slots.adsUsed >= MAX_ADS) return "conflict:ad_limit";
  const t = token();
  m.ads.set(t, { token: t, userId, eligibleAt: now + minWatchMs, expiresAt: now + AD_TTL, completed: false });
  return "ok";
}

export function completeAd(m: Model, userId: string, token: string, now: number): Outcome {
  const ad = m.ads.get(token);
  if (!ad || ad.userId !== userId) return "not_found:ad_token";
  if (ad.completed) return "conflict:ad_already_redeemed";
  if (ad.expiresAt <= now) return "conflict:ad_expired";
  if (ad.eligibleAt > now) return "conflict:ad_not_finished";
  const s = m.players.get(userId)!.slots;
  if (s.adsUsed >= MAX_ADS) return "conflict:ad_limit";
  ad.completed = true;
  catchUp(s, now);
  s.adsUsed += 1;
  s.available = Math.min(CEILING, s.available + 1);
  settleTimer(s, now);
  return "ok";
}

/** The cooldown callback only makes visible what the clock already decided. */
export function refill(m: Model, userId: string, now: number): Outcome {
  catchUp(m.players.get(userId)!.slots, now);
  return "ok";
}

export function redeem(m: Model, userId: string, sku: string, key: string, newId: () => string): Outcome {
  const p = m.players.get(userId)!;
  const item = m.items.get(sku);
  if (!item) return "not_found:reward";
  const earlier = p.keys.get(key);
  if (earlier)
    return m.redemptions.get(earlier)!.sku === sku ? "ok:unchanged" : "conflict:request_key_reused";
  if (item.stock <= 0) return "conflict:sold_out";
  if (p.balance < item.cost) return "conflict:insufficient_points";
  const id = newId();
  item.stock -= 1;
  p.balance -= item.cost;
  p.keys.set(key, id);
  m.redemptions.set(id, { id, userId, sku, cost: item.cost, status: "PENDING" });
  return "ok";
}

/** A player's cancel (`ownerId` set: someone else's redemption does not exist for them) or an admin's "failed". */
export function closeWithRefund(
  m: Model,
  redemptionId: string,
  status: "CANCELLED" | "FAILED",
  ownerId?: string,
): Outcome {
  const r = m.redemptions.get(redemptionId);
  if (!r || (ownerId && r.userId !== ownerId)) return "not_found:redemption";
  if (r.status === status) return "ok:unchanged";
  if (r.status !== "PENDING") return "conflict:redemption_not_pending";
  r.status = status;
  m.items.get(r.sku)!.stock += 1;
  m.players.get(r.userId)!.balance += r.cost;
  return "ok";
}

const cents = (price: number) => Math.round(price * 100);

/**
 * Settle the day's pending calls of these players: a close decides by the cent (equal is VOID
 * "flat"); a symbol without a close waits until the deadline, then is VOID.
 */
export function settleDay(
  m: Model,
  userIds: readonly string[],
  closes: ReadonlyMap<string, number>,
  pastNoCloseDeadline: boolean,
): Outcome {
  for (const id of userIds) {
    const p = m.players.get(id)!;
    for (const call of p.calls.values()) {
      if (call.status !== "PENDING") continue;
      const close = closes.get(call.symbol);
      if (close === undefined) {
        if (pastNoCloseDeadline) call.status = "VOID";
        continue;
      }
      const [c, s] = [cents(close), cents(call.snapshot)];
      if (c === s) call.status = "VOID";
      else if ((call.choice === "UP") === c > s) {
        call.status = "CORRECT";
        call.points = PER_CORRECT;
        p.balance += PER_CORRECT;
      } else call.status = "INCORRECT";
    }
  }
  return "ok";
}
