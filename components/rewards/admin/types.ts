import type { ActionResult } from "@/lib/http/action-result";
import type { RedemptionStatus } from "@/lib/rewards/constants";

type Act<I, O> = (input: I) => Promise<ActionResult<O>>;

export type AdminRewardActions = {
  createItem: Act<Record<string, unknown>, { sku: string }>;
  updateItem: Act<{ sku: string; cost?: number; active?: boolean }, { sku: string; cost: number; active: boolean }>;
  addStock: Act<{ sku: string; quantity: number }, { sku: string; stock: number; stockTotal: number }>;
  markIssued: Act<{ redemptionId: string; code?: string; note?: string }, { changed: boolean; status: RedemptionStatus }>;
  markFailed: Act<{ redemptionId: string; reason: string }, { changed: boolean; status: RedemptionStatus; refunded: number }>;
};

/** What the admin item editor needs of an item. */
export type AdminItem = {
  sku: string;
  nameKo: string;
  nameEn: string;
  imageUrl: string | null;
  cost: number;
  stock: number;
  stockTotal: number;
  active: boolean;
};

export type QueueRow = {
  id: string;
  nickname: string;
  item: { sku: string; nameKo: string; nameEn: string; imageUrl: string | null };
  cost: number;
  status: RedemptionStatus;
  code: string | null;
  note: string | null;
  failureReason: string | null;
  createdAt: string;
};
