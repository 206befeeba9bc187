"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useServerNow } from "./server-time";

export function formatRemaining(ms: number, units: { d: string; h: string; m: string; s: string }): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return d > 0 ? `${d}${units.d} ${pad(h)}${units.h} ${pad(m)}${units.m}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** Counts down to `target` on the server clock; refreshes the page when it is reached. */
export function Countdown({
  target,
  serverNow,
  label,
}: {
  target: number;
  serverNow: number;
  label: string;
}) {
  const t = useTranslations("session.units");
  const now = useServerNow() ?? serverNow;
  const router = useRouter();
  const fired = useRef(false);
  const remaining = target - now;
  useEffect(() => {
    if (remaining <= 0 && !fired.current) {
      fired.current = true;
      router.refresh();
    }
  }, [remaining, router]);
  return (
    <p className="flex flex-col gap-1">
      <span className="text-sm text-muted">{label}</span>
      <span
        className="font-mono text-4xl font-bold tabular-nums sm:text-5xl"
        data-testid="countdown"
        role="timer"
        aria-live="off"
      >
        {formatRemaining(remaining, { d: t("d"), h: t("h"), m: t("m"), s: t("s") })}
      </span>
    </p>
  );
}
