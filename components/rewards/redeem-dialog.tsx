"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { RewardImage } from "./reward-image";
import { localized, type ShopItem } from "./types";

/** The confirm step before points are spent; stays open on a refusal to say why. */
export function RedeemDialog({
  item,
  balance,
  busy,
  blocked,
  error,
  onConfirm,
  onClose,
}: {
  item: ShopItem | null;
  balance: number;
  busy: boolean;
  /** The item can no longer be redeemed by this player (sold out, hidden, unaffordable). */
  blocked: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("rewards.confirm");
  const locale = useLocale();
  const format = useFormatter();
  const name = item ? localized(item, locale) : "";
  return (
    <Modal
      open={item !== null}
      onClose={onClose}
      dismissible={!busy}
      labelledBy="redeem-title"
      describedBy="redeem-body"
      data-testid="redeem-dialog"
      className="top-auto bottom-0 w-full rounded-t-3xl border border-subtle bg-card p-5 pb-[max(1.25rem,env(safe-area-inset-bottom))] shadow-xl sm:top-0 sm:m-auto sm:max-w-md sm:rounded-3xl"
    >
      {item ? (
        <div className="flex flex-col gap-4">
          <div className="flex items-center gap-3">
            <RewardImage src={item.imageUrl} alt="" sizes="96px" className="w-24 shrink-0" />
            <div className="min-w-0">
              <h2 id="redeem-title" className="text-lg leading-snug font-bold break-keep">
                {t("title", { name })}
              </h2>
              <p id="redeem-body" className="mt-1 text-sm text-muted">
                {t("body", { cost: format.number(item.cost) })}
              </p>
            </div>
          </div>
          <div className="flex flex-col gap-1 rounded-xl bg-muted p-3 text-sm">
            <p className="font-semibold tabular-nums" data-testid="balance-after">
              {t("after", { points: format.number(Math.max(0, balance - item.cost)) })}
            </p>
            <p className="text-xs text-muted">{t("pending")}</p>
          </div>
          <p
            role="alert"
            data-testid="redeem-error"
            className="min-h-5 text-sm font-medium text-danger empty:hidden"
          >
            {error ?? ""}
          </p>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" size="lg" disabled={busy} onClick={onClose} data-testid="redeem-cancel">
              {t("no")}
            </Button>
            <Button size="lg" disabled={busy || blocked} onClick={onConfirm} data-testid="confirm-redeem">
              {busy ? t("working") : t("yes", { cost: format.number(item.cost) })}
            </Button>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
