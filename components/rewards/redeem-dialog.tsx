"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { AlertDialog } from "radix-ui";
import { Button } from "../ui/button";
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
    <AlertDialog.Root open={item !== null} onOpenChange={(open) => !open && !busy && onClose()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px]" />
        <AlertDialog.Content
          data-testid="redeem-dialog"
          className="fixed inset-x-0 bottom-0 z-50 flex flex-col gap-4 rounded-t-3xl border border-subtle bg-card p-5 pb-[max(1.25rem,env(safe-area-inset-bottom))] shadow-xl sm:inset-auto sm:top-1/2 sm:left-1/2 sm:w-full sm:max-w-md sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-3xl"
        >
          {item ? (
            <>
              <div className="flex items-center gap-3">
                <RewardImage src={item.imageUrl} alt="" sizes="96px" className="w-24 shrink-0" />
                <div className="min-w-0">
                  <AlertDialog.Title className="text-lg leading-snug font-bold break-keep">{t("title", { name })}</AlertDialog.Title>
                  <AlertDialog.Description className="mt-1 text-sm text-muted">{t("body", { cost: format.number(item.cost) })}</AlertDialog.Description>
                </div>
              </div>
              <div className="flex flex-col gap-1 rounded-xl bg-muted p-3 text-sm">
                <p className="font-semibold tabular-nums" data-testid="balance-after">
                  {t("after", { points: format.number(Math.max(0, balance - item.cost)) })}
                </p>
                <p className="text-xs text-muted">{t("pending")}</p>
              </div>
              <p role="alert" data-testid="redeem-error" className="min-h-5 text-sm font-medium text-red-600 empty:hidden dark:text-red-400">
                {error ?? ""}
              </p>
              <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <AlertDialog.Cancel asChild>
                  <Button variant="outline" size="lg" disabled={busy} data-testid="redeem-cancel">
                    {t("no")}
                  </Button>
                </AlertDialog.Cancel>
                <Button
                  size="lg"
                  disabled={busy || blocked}
                  onClick={(e) => {
                    e.preventDefault();
                    onConfirm();
                  }}
                  data-testid="confirm-redeem"
                >
                  {busy ? t("working") : t("yes", { cost: format.number(item.cost) })}
                </Button>
              </div>
            </>
          ) : null}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
