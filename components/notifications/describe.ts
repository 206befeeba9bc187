import { z } from "zod";

/** A notification as the browser gets it (dates as ISO strings). */
export type NotificationView = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};

export type Described = {
  title: string;
  body: string | null;
  highlight: string | null;
  href: string | null;
  tone: "good" | "bad" | "neutral";
};

type T = (key: string, values?: Record<string, string | number>) => string;
type Formatter = { number: (n: number) => string };

const count = z.coerce.number().int().min(0).catch(0);
const settlement = z.object({
  tradingDay: z.iso.date(),
  correct: count,
  incorrect: count,
  void: count,
  points: count,
});
const voided = z.object({ tradingDay: z.iso.date(), symbols: z.array(z.string()).min(1) });
const names = { nameKo: z.string().min(1), nameEn: z.string().min(1) };
const pending = z.object({ ...names, cost: z.number().int() });
const issued = z.object(names);
const refunded = z.object({ ...names, refunded: z.number().int() });

/**
 * Words for a notification in the viewer's language. Known kinds are checked against the
 * payload their producer writes; anything else (a new kind, an odd payload) is shown
 * generically rather than failing the inbox.
 */
export function describeNotification(
  n: NotificationView,
  t: T,
  format: Formatter,
  locale: string,
): Described {
  const name = (p: { nameKo: string; nameEn: string }) => (locale === "ko" ? p.nameKo : p.nameEn);
  switch (n.kind) {
    case "settlement": {
      const p = settlement.safeParse(n.payload);
      if (!p.success) break;
      return {
        title: t("kinds.settlement.title", { day: p.data.tradingDay }),
        body: t("kinds.settlement.body", {
          correct: p.data.correct,
          incorrect: p.data.incorrect,
          void: p.data.void,
        }),
        highlight:
          p.data.points > 0 ? t("kinds.settlement.points", { points: format.number(p.data.points) }) : null,
        href: `/me/predictions?day=${p.data.tradingDay}`,
        tone: p.data.points > 0 ? "good" : "neutral",
      };
    }
    case "calls_voided": {
      const p = voided.safeParse(n.payload);
      if (!p.success) break;
      return {
        title: t("kinds.calls_voided.title", { day: p.data.tradingDay }),
        body: t("kinds.calls_voided.body", { symbols: p.data.symbols.join(", ") }),
        highlight: null,
        href: `/me/predictions?day=${p.data.tradingDay}`,
        tone: "neutral",
      };
    }
    case "redemption_pending": {
      const p = pending.safeParse(n.payload);
      if (!p.success) break;
      return {
        title: t("kinds.redemption_pending.title", { name: name(p.data) }),
        body: t("kinds.redemption_pending.body", { cost: format.number(p.data.cost) }),
        highlight: null,
        href: "/me/redemptions",
        tone: "neutral",
      };
    }
    case "redemption_issued": {
      const p = issued.safeParse(n.payload);
      if (!p.success) break;
      return {
        title: t("kinds.redemption_issued.title", { name: name(p.data) }),
        body: t("kinds.redemption_issued.body"),
        highlight: null,
        href: "/me/redemptions",
        tone: "good",
      };
    }
    case "redemption_failed":
    case "redemption_cancelled": {
      const p = refunded.safeParse(n.payload);
      if (!p.success) break;
      return {
        title: t(`kinds.${n.kind}.title`, { name: name(p.data) }),
        body: t(`kinds.${n.kind}.body`, { refunded: format.number(p.data.refunded) }),
        highlight: `+${format.number(p.data.refunded)} P`,
        href: "/me/redemptions",
        tone: n.kind === "redemption_failed" ? "bad" : "neutral",
      };
    }
  }
  return {
    title: t("kinds.generic.title"),
    body: t("kinds.generic.body", { kind: n.kind.replace(/[_.]+/g, " ") }),
    highlight: null,
    href: null,
    tone: "neutral",
  };
}
