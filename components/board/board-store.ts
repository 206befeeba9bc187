import type { Board } from "@/lib/board/types";

const REFRESH_MS = 30_000;

/**
 * The board as the page holds it: the server's render first, then patches from mutations, and
 * a fresh read every 30 s, on focus, or when asked (`refresh`) — never while `isBusy()` says a
 * card waits for the server (a read landing then would overwrite the player's wish). Read in
 * React with `useSyncExternalStore(store.subscribe, store.get, store.get)`.
 */
export class BoardStore {
  #board: Board;
  #reading: AbortController | null = null;
  readonly #listeners = new Set<() => void>();
  /** Whether a card waits for the server; set by the board once its card queue exists. */
  isBusy: () => boolean = () => false;

  constructor(initial: Board) {
    this.#board = initial;
  }

  get = (): Board => this.#board;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  update(edit: (b: Board) => Board): void {
    this.#set(edit(this.#board));
  }

  /** A read in flight is dropped: a mutation's answer is newer. */
  cancel(): void {
    this.#reading?.abort();
    this.#reading = null;
  }

  refresh(): void {
    this.cancel();
    const ctl = new AbortController();
    this.#reading = ctl;
    fetch("/api/board", { cache: "no-store", signal: ctl.signal })
      .then((res) =>
        res.ok ? (res.json() as Promise<Board>) : Promise.reject(new Error(`board ${res.status}`)),
      )
      .then(
        (fresh) => {
          if (this.#reading !== ctl || this.isBusy()) return;
          this.#reading = null;
          this.#set(fresh);
        },
        () => {},
      );
  }

  /** Read again on an interval and when the window regains focus; returns the stop. */
  poll(): () => void {
    const tick = () => {
      if (!this.isBusy() && document.visibilityState === "visible") this.refresh();
    };
    const timer = setInterval(tick, REFRESH_MS);
    window.addEventListener("focus", tick);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", tick);
      this.cancel();
    };
  }

  #set(next: Board): void {
    this.#board = next;
    for (const l of this.#listeners) l();
  }
}
