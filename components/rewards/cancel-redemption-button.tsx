"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "../ui/toast";
import { cancelRedemptionAction } from "@/app/(play)/me/redemptions/actions";
import { Button } from "../ui/button";

/** Cancel a PENDING redemption, after an inline "are you sure". */
export function CancelRedemptionButton({ redemptionId, cost }: { redemptionId: string; cost: number }) {
  const t = useTranslations("redemptions");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [pending, startTransition] = useTransition();
  const points = format.number(cost);

  if (!asking) {
    return (
      <Button variant="outline" size="sm" onClick={() => setAsking(true)} data-testid="cancel-redemption">
        {t("cancel")}
      </Button>
    );
  }
  return (
    <div
      role="group"
      className="flex w-full flex-col gap-2 rounded-xl bg-muted p-2.5 text-sm"
      data-testid="cancel-confirm"
    >
      <p>{t("cancelConfirm", { points })}</p>
      <div className="flex gap-2">
        <Button
          variant="danger"
          size="sm"
          disabled={pending}
          data-testid="cancel-redemption-yes"
          onClick={() =>
            startTransition(async () => {
              try {
                const r = await cancelRedemptionAction({ redemptionId });
                if (r.ok) toast.success(t("cancelled", { points }));
                else
                  toast.error(r.code === "conflict:redemption_not_pending" ? t("cancelFailed") : r.message);
              } catch {
                toast.error(tErrors("generic"));
              }
              setAsking(false);
              router.refresh();
            })
          }
        >
          {t("cancelYes")}
        </Button>
        <Button variant="ghost" size="sm" disabled={pending} onClick={() => setAsking(false)}>
          {t("cancelNo")}
        </Button>
      </div>
    </div>
  );
}
