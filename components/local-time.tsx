"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMounted } from "./use-mounted";

/** An instant in the viewer's own time zone (client only: the server cannot know the zone). */
export function LocalTime({ iso }: { iso: string }) {
  const t = useTranslations("session");
  const locale = useLocale();
  const mounted = useMounted();
  if (!mounted) return null;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // A viewer in KST (or any zone at +9 at that instant) already reads the KST line.
  const offsetMinutes = -new Date(iso).getTimezoneOffset();
  if (offsetMinutes === 9 * 60) return null;
  const value = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: zone,
  }).format(new Date(iso));
  return (
    <span data-testid="local-time">
      <span className="text-muted">{t("yourTime", { zone })}: </span>
      {value}
    </span>
  );
}
