"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { toast } from "../ui/toast";
import { redeemAction } from "@/app/(play)/rewards/actions";
import { notificationsChanged } from "../notifications/query-keys";
import { RedeemDialog } from "./redeem-dialog";
import { redeemErrorKey, staleAfter } from "./redeem-error";
import { cardState, RewardCard } from "./reward-card";
import { newRequestKey } from "./request-key";
import { localized, type ShopItem } from "./types";

type Refusal = Error & { code?: string };

/**
 * The shop grid and its redeem flow. Each attempt carries a request key made when the
 * confirm step opens and kept until the server has answered yes, so a double click, a retry
 * after a lost answer or a second tab's resend all redeem once.
 */
export function RewardsShop({ items, balance }: { items: ShopItem[]; balance: number | null }) {
  const t = useTranslations("rewards");
  const locale = useLocale();
  const router = useRouter();
  const [picked, setPicked] = useState<ShopItem | null>(null);
  // The confirm step follows the page's data: a refresh after a refusal shows the item as it is now.
  const chosen = picked ? (items.find((i) => i.sku === picked.sku) ?? picked) : null;
  const [error, setError] = useState<string | null>(null);
  const keys = useRef(new Map<string, string>());
  const inFlight = useRef(false);

  const [busy, setBusy] = useState(false);

  async function redeem(item: ShopItem) {
    setBusy(true);
    try {
      let key = keys.current.get(item.sku);
      if (!key) keys.current.set(item.sku, (key = newRequestKey()));
      const r = await redeemAction({ sku: item.sku, requestKey: key });
      if (!r.ok) throw Object.assign(new Error(r.message), { code: r.code });
      keys.current.delete(item.sku);
      setPicked(null);
      toast.success(t("done", { name: localized(item, locale) }), {
        action: { label: t("seeRedemptions"), onClick: () => router.push("/me/redemptions") },
      });
      router.refresh();
      notificationsChanged();
    } catch (e) {
      // A thrown action (network, deploy) keeps the key: the retry may be a resend of a redeem that happened.
      const key = redeemErrorKey((e as Refusal).code);
      setError(t(`errors.${key}`));
      if (staleAfter(key)) router.refresh();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  function confirm() {
    if (!chosen || inFlight.current) return;
    inFlight.current = true;
    setError(null);
    void redeem(chosen);
  }

  if (items.length === 0)
    return <p className="rounded-2xl bg-muted p-6 text-center text-sm text-muted">{t("empty")}</p>;

  return (
    <>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="rewards-grid">
        {items.map((item) => (
          <RewardCard
            key={item.sku}
            item={item}
            balance={balance}
            onRedeem={() => {
              setError(null);
              setPicked(item);
            }}
          />
        ))}
      </div>
      <RedeemDialog
        item={chosen}
        balance={balance ?? 0}
        busy={busy}
        blocked={chosen !== null && (!chosen.active || cardState(chosen, balance) !== "available")}
        error={error}
        onConfirm={confirm}
        onClose={() => {
          setPicked(null);
          setError(null);
        }}
      />
    </>
  );
}
