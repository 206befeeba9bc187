"use client";

import { useTranslations } from "next-intl";
import { useServerNow } from "../server-time";
import { Button } from "../ui/button";

export type RunningAd = { token: string; eligibleAt: string; minWatchSeconds: number };

/**
 * The built-in sponsored card: the server issued a token when it started and accepts it
 * only after the minimum watch time, so the bar here is just a guide.
 */
export function AdPanel({ ad, onClaim, onClose, busy }: { ad: RunningAd; onClaim: () => void; onClose: () => void; busy: boolean }) {
  const t = useTranslations("board.ad");
  const now = useServerNow();
  const eligible = Date.parse(ad.eligibleAt);
  const left = now === null ? ad.minWatchSeconds : Math.max(0, Math.ceil((eligible - now) / 1000));
  const progress = 100 - (left / ad.minWatchSeconds) * 100;
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="ad-title" className="fixed inset-0 z-40 flex items-end justify-center bg-black/50 p-4 sm:items-center" data-testid="ad-panel">
      <div className="w-full max-w-sm overflow-hidden rounded-2xl bg-card shadow-xl">
        <div className="flex aspect-video flex-col items-center justify-center gap-2 bg-gradient-to-br from-brand to-up p-6 text-center text-white">
          <span className="rounded-full bg-white/20 px-2 py-0.5 text-[10px] font-bold tracking-widest uppercase">{t("sponsored")}</span>
          <p id="ad-title" className="text-xl font-extrabold">
            {t("headline")}
          </p>
          <p className="text-sm opacity-90">{t("body")}</p>
        </div>
        <div className="flex flex-col gap-3 p-4">
          <div className="h-2 overflow-hidden rounded-full bg-muted" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress)}>
            <div className="h-full bg-brand transition-[width] duration-300" style={{ width: `${progress}%` }} />
          </div>
          <p className="text-center text-sm text-muted" data-testid="ad-seconds-left">
            {left > 0 ? t("secondsLeft", { seconds: left }) : t("done")}
          </p>
          <div className="grid grid-cols-2 gap-2">
            <Button variant="ghost" onClick={onClose}>
              {t("close")}
            </Button>
            <Button onClick={onClaim} disabled={left > 0 || busy} data-testid="claim-ad">
              {t("claim")}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
