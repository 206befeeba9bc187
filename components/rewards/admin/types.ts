import type { RedemptionStatus } from "@/lib/rewards/constants";

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
