import { route } from "@/lib/http/route";
import { adminAdjust, adminAdjustSchema } from "@/lib/points";

export const dynamic = "force-dynamic";

/** Adjust a player's points with a reason. A repeated `adjustmentId` returns the first result (double-submit safe). Needs the second factor passed within 5 minutes. */
export const POST = route(
  { auth: "admin", secondFactor: "recent", body: adminAdjustSchema },
  async ({ db, now, user, body }) => {
    const { entry, created } = await adminAdjust(db, { actorId: user.id, now, ...body });
    return {
      created,
      entry: {
        id: entry.id,
        userId: entry.userId,
        amount: entry.amount,
        refId: entry.refId,
        balanceAfter: entry.balanceAfter,
        memo: entry.memo,
      },
    };
  },
);
