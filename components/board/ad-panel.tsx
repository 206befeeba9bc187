"use client";

import { useTranslations } from "next-intl";
import { useServerNow } from "../server-time";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";

export type RunningAd = { token: string; eligibleAt: string; minWatchSeconds: number };

/**
 * The built-in sponsored card: the server issued a token when it started and accepts it
 * only after the minimum watch time, so the bar here is just a guide. The seconds and the
 * bar come from one number, never more than the ad's length. A modal dialog: focus moves in
 * and stays, Esc closes it.
 */
export function AdPanel({
  ad,
  onClaim,
  onClose,
  busy,
}: {
  ad: RunningAd;
  onClaim: () => void;
  onClose: () => void;
  busy: boolean;
}) {
  const t = useTranslations("board.ad");
  const now = useServerNow();
  const total = Math.max(1, ad.minWatchSeconds);
  const raw = now === null ? total : Math.ceil((Date.parse(ad.eligibleAt) - now) / 1000);
  const left = Math.min(total, Math.max(0, raw));
  const progress = ((total - left) / total) * 100;
  return (
    <Modal
      open
      onClose={onClose}
      labelledBy="ad-title"
      describedBy="ad-body"
      data-testid="ad-panel"
      className="top-auto bottom-0 w-full p-4 sm:top-0 sm:m-auto sm:max-w-sm"
    >
      <div className="mx-auto w-full max-w-sm overflow-hidden rounded-2xl bg-card shadow-xl">
        <div className="flex aspect-video flex-col items-center justify-center gap-2 bg-gradient-to-br from-[oklch(0.42_0.2_285)] to-[oklch(0.42_0.18_330)] p-6 text-center text-white">
          <span className="rounded-full bg-white/20 px-2 py-0.5 text-xs font-bold tracking-widest uppercase">
            {t("sponsored")}
          </span>
          <p id="ad-title" className="text-xl font-extrabold">
            {t("headline")}
          </p>
          <p id="ad-body" className="text-sm">
            {t("body")}
          </p>
        </div>
        <div className="flex flex-col gap-3 p-4">
          <div
            className="h-2 overflow-hidden rounded-full bg-muted"
            role="progressbar"
            aria-label={t("secondsLeftA11y", { seconds: left })}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={total - left}
            data-testid="ad-progress"
          >
            <div
              className="h-full bg-brand transition-[width] duration-300"
              style={{ width: `${progress}%` }}
            />
          </div>
          <p className="text-center text-sm text-muted" data-testid="ad-seconds-left" aria-live="polite">
            {left > 0 ? t("secondsLeft", { seconds: left }) : t("done")}
          </p>
          <div className="grid grid-cols-2 gap-2">
            <Button variant="ghost" onClick={onClose} data-testid="close-ad">
              {t("close")}
            </Button>
            <Button onClick={onClaim} disabled={left > 0 || busy} data-testid="claim-ad">
              {t("claim")}
            </Button>
          </div>
        </div>
      </div>
    </Modal>
  );
}
