import type { BoardPatch, CardView } from "@/lib/board/types";
import type { Intent } from "./cache";

/** One request to the server for one card. */
export type Step =
  | { kind: "submit"; symbol: string; choice: "UP" | "DOWN" }
  | { kind: "change"; id: string; choice: "UP" | "DOWN" }
  | { kind: "cancel"; id: string };

/** The request that takes a card from what the server has (`confirmed`) to what the player wants; null when it is there. */
export function stepToward(confirmed: CardView, intent: Intent): Step | null {
  const call = confirmed.myCall;
  if (intent.kind === "cancel") return call ? { kind: "cancel", id: call.id } : null;
  if (!call) return { kind: "submit", symbol: confirmed.symbol, choice: intent.choice };
  return call.choice === intent.choice ? null : { kind: "change", id: call.id, choice: intent.choice };
}

export type CardSyncDeps = {
  /** Send one request; resolves with what changed, throws when the server refuses. */
  run: (step: Step) => Promise<BoardPatch>;
  /** Put server state into the cached board. */
  apply: (patch: BoardPatch) => void;
  /** A refusal: the card goes back to what the server has (`confirmed`), and the player is told. */
  fail: (confirmed: CardView, error: unknown) => void;
  /** A card starts or stops waiting for the server. */
  pendingChanged: (symbol: string, pending: boolean) => void;
};

/**
 * Keeps each card's requests in order, one at a time. What the player asks while a request is
 * in flight replaces anything still waiting (only the latest wish counts) and is sent when the
 * first answer is in, computed from the server's answer: so a quick O→X becomes "submit O, then
 * change to X" on the one prediction, never two calls and never two slots. The card shows the
 * player's wish until its queue is empty, then exactly what the server answered last.
 */
export class CardSync {
  readonly #cards = new Map<string, { confirmed: CardView; wish: Intent | null }>();

  constructor(private readonly deps: CardSyncDeps) {}

  /** Whether any card waits for the server (a board refetch now would overwrite the player's wish). */
  get busy(): boolean {
    return this.#cards.size > 0;
  }

  isPending(symbol: string): boolean {
    return this.#cards.has(symbol);
  }

  /** `current`: the card as the cache has it before this wish is shown. */
  request(current: CardView, intent: Intent): void {
    const queued = this.#cards.get(current.symbol);
    if (queued) {
      queued.wish = intent;
      return;
    }
    const entry = { confirmed: current, wish: intent as Intent | null };
    this.#cards.set(current.symbol, entry);
    this.deps.pendingChanged(current.symbol, true);
    void this.#drain(current.symbol, entry);
  }

  async #drain(symbol: string, entry: { confirmed: CardView; wish: Intent | null }): Promise<void> {
    while (entry.wish) {
      const step = stepToward(entry.confirmed, entry.wish);
      entry.wish = null;
      if (!step) continue;
      try {
        const patch = await this.deps.run(step);
        if (patch.card) entry.confirmed = patch.card;
        if (patch.slots) this.deps.apply({ slots: patch.slots });
      } catch (error) {
        this.#cards.delete(symbol);
        this.deps.pendingChanged(symbol, false);
        this.deps.fail(entry.confirmed, error);
        return;
      }
    }
    this.#cards.delete(symbol);
    this.deps.apply({ card: entry.confirmed });
    this.deps.pendingChanged(symbol, false);
  }
}
