/**
 * Slot rules (SPEC §4) as pure functions over a stored state and an instant. The stored
 * state is only ever "as of the last write"; everything else is derived, so a refill
 * callback that arrives late, twice or never cannot change the outcome.
 */
export const BASE_SLOTS = 3;
export const MAX_AD_SLOTS = 7;
export const MAX_SLOTS = BASE_SLOTS + MAX_AD_SLOTS;
export const COOLDOWN_MS = 5 * 60_000;

export type SlotState = {
  available: number;
  adSlots: number;
  refills: number;
  /** When the running cooldown timer started; null when none runs. */
  cooldownStartedAt: Date | null;
};

export const INITIAL_SLOTS: SlotState = {
  available: BASE_SLOTS,
  adSlots: 0,
  refills: 0,
  cooldownStartedAt: null,
};

/**
 * Fire every timer due by `now`: each adds one slot while below 3; the next timer starts
 * when the previous fires; at 3 the timer stops. Then, if below 3 with no timer, start one.
 */
export function settle(state: SlotState, now: Date): SlotState {
  let { available, refills, cooldownStartedAt } = state;
  if (cooldownStartedAt && available < BASE_SLOTS) {
    const fired = Math.floor((now.getTime() - cooldownStartedAt.getTime()) / COOLDOWN_MS);
    if (fired > 0) {
      const added = Math.min(fired, BASE_SLOTS - available);
      available += added;
      refills += added;
      cooldownStartedAt =
        available < BASE_SLOTS ? new Date(cooldownStartedAt.getTime() + fired * COOLDOWN_MS) : null;
    }
  }
  if (available >= BASE_SLOTS) cooldownStartedAt = null;
  else if (!cooldownStartedAt) cooldownStartedAt = now;
  return { ...state, available, refills, cooldownStartedAt };
}

export type SlotView = {
  available: number;
  max: number;
  adSlotsUsed: number;
  adSlotsLeft: number;
  /** When the next cooldown refill lands, if one is running. */
  nextRefillAt: Date | null;
};

export function viewOf(state: SlotState, now: Date): SlotView {
  const s = settle(state, now);
  return {
    available: s.available,
    max: MAX_SLOTS,
    adSlotsUsed: s.adSlots,
    adSlotsLeft: MAX_AD_SLOTS - s.adSlots,
    nextRefillAt: s.cooldownStartedAt ? new Date(s.cooldownStartedAt.getTime() + COOLDOWN_MS) : null,
  };
}

export function spend(state: SlotState, now: Date): SlotState | null {
  const s = settle(state, now);
  if (s.available < 1) return null;
  return settle({ ...s, available: s.available - 1 }, now);
}

/** A cancelled call gives its slot back, never beyond the daily ceiling. */
export function giveBack(state: SlotState, now: Date): SlotState {
  const s = settle(state, now);
  return settle({ ...s, available: Math.min(MAX_SLOTS, s.available + 1) }, now);
}

export function grantAdSlot(state: SlotState, now: Date): SlotState | null {
  const s = settle(state, now);
  if (s.adSlots >= MAX_AD_SLOTS) return null;
  return settle({ ...s, adSlots: s.adSlots + 1, available: Math.min(MAX_SLOTS, s.available + 1) }, now);
}
