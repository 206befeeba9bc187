import type { ActionResult } from "@/lib/http/action-result";
import type { Board, SlotsJson } from "@/lib/board/types";

export type BoardActions = {
  submitCall: (input: { symbol: string; choice: "UP" | "DOWN" }) => Promise<ActionResult<{ slots: SlotsJson }>>;
  changeCall: (input: { id: string; choice: "UP" | "DOWN" }) => Promise<ActionResult<{ ok: true }>>;
  cancelCall: (input: { id: string }) => Promise<ActionResult<{ slots: SlotsJson }>>;
  startAd: (input: Record<string, never>) => Promise<ActionResult<{ token: string; minWatchSeconds: number; eligibleAt: string }>>;
  completeAd: (input: { token: string }) => Promise<ActionResult<{ slots: SlotsJson }>>;
};

export type { Board, SlotsJson };
