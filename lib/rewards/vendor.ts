import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { redemptions, rewardItems, type Redemption, type RewardItem } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { VendorId } from "./constants";
import { closeWithRefundInTx, issueInTx } from "./fulfilment";

/** What a vendor says about one redemption. `MANUAL`: nothing automatic, an admin decides. */
export type VendorOutcome =
  | { status: "ISSUED"; code?: string; note?: string }
  | { status: "FAILED"; reason: string }
  | { status: "MANUAL" };

/**
 * A fulfilment partner. `issue` is called outside any database transaction (it may call a
 * network service) and may be called again for the same redemption after a crash or a
 * retry, so an implementation must be idempotent by `redemption.id` (send it as the
 * partner's idempotency key). Throwing leaves the redemption PENDING for a retry or an admin.
 */
export interface RewardVendor {
  readonly id: VendorId;
  issue(request: { redemption: Redemption; item: RewardItem }): Promise<VendorOutcome>;
}

/** The default: fulfilment by hand, through the admin's "mark issued" / "mark failed". */
export const manualVendor: RewardVendor = { id: "manual", issue: async () => ({ status: "MANUAL" }) };

export const defaultVendors: Readonly<Record<VendorId, RewardVendor>> = { manual: manualVendor };

// Partners are outside our control: their answers are checked like any other input.
const outcomeSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("ISSUED"),
    code: z.string().trim().min(1).max(200).optional(),
    note: z.string().trim().min(1).max(500).optional(),
  }),
  z.object({ status: z.literal("FAILED"), reason: z.string().trim().min(1).max(500) }),
  z.object({ status: z.literal("MANUAL") }),
]);

export type FulfilResult =
  | { status: "manual" | "skipped"; redemption: Redemption }
  | { status: "issued" | "failed"; redemption: Redemption; changed: boolean };

/**
 * Ask the item's vendor to fulfil a PENDING redemption and record its answer through the
 * same guarded transitions an admin uses (actor: none, the system). A redemption that is no
 * longer PENDING is skipped without calling the vendor.
 */
export async function fulfilRedemption(
  db: Database,
  input: { redemptionId: string; now: Date; vendors?: Readonly<Record<string, RewardVendor>> },
): Promise<FulfilResult> {
  const vendors: Readonly<Record<string, RewardVendor>> = input.vendors ?? defaultVendors;
  const [row] = await db
    .select({ redemption: redemptions, item: rewardItems })
    .from(redemptions)
    .innerJoin(rewardItems, eq(rewardItems.id, redemptions.itemId))
    .where(eq(redemptions.id, input.redemptionId))
    .limit(1);
  if (!row) throw new AppError("not_found:redemption", "This redemption does not exist.");
  if (row.redemption.status !== "PENDING") return { status: "skipped", redemption: row.redemption };
  const vendor = vendors[row.item.vendor];
  if (!vendor)
    throw new AppError("internal:vendor_unknown", `No fulfilment vendor '${row.item.vendor}' is configured.`);

  const parsed = outcomeSchema.safeParse(await vendor.issue(row));
  if (!parsed.success)
    throw new AppError("internal:vendor_answer", `Vendor '${vendor.id}' gave an answer we cannot read.`);
  const outcome = parsed.data;
  const by = { redemptionId: row.redemption.id, actorId: null, now: input.now };
  switch (outcome.status) {
    case "MANUAL":
      return { status: "manual", redemption: row.redemption };
    case "ISSUED":
      return {
        status: "issued",
        ...(await db.transaction((tx) => issueInTx(tx, { ...by, code: outcome.code, note: outcome.note }))),
      };
    case "FAILED":
      return {
        status: "failed",
        ...(await db.transaction((tx) =>
          closeWithRefundInTx(tx, { ...by, status: "FAILED", reason: outcome.reason }),
        )),
      };
  }
}
