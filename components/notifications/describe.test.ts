import { describe, expect, it } from "vitest";
import { describeNotification, type NotificationView } from "./describe";

// A stand-in translator that shows which key and values were asked for.
const t = (key: string, values?: Record<string, string | number>) =>
  values ? `${key} ${JSON.stringify(values)}` : key;
const format = { number: (n: number) => n.toLocaleString("en-US") };
const note = (kind: string, payload: Record<string, unknown>): NotificationView => ({
  id: "n1",
  kind,
  payload,
  createdAt: "2026-11-27T06:30:00.000Z",
  readAt: null,
});
const names = { nameKo: "OX 스티커 팩", nameEn: "OX sticker pack" };

describe("describeNotification", () => {
  it("a settlement links to the day's calls and shows the points won", () => {
    const d = describeNotification(
      note("settlement", { tradingDay: "2026-11-27", correct: 3, incorrect: 1, void: 0, points: 300 }),
      t,
      format,
      "en",
    );
    expect(d).toMatchObject({ href: "/me/predictions?day=2026-11-27", tone: "good" });
    expect(d.title).toBe('kinds.settlement.title {"day":"2026-11-27"}');
    expect(d.highlight).toBe('kinds.settlement.points {"points":"300"}');
  });

  it("redemption notices use the name in the viewer's language and show the refund", () => {
    expect(
      describeNotification(note("redemption_failed", { ...names, refunded: 1200 }), t, format, "ko"),
    ).toMatchObject({
      title: 'kinds.redemption_failed.title {"name":"OX 스티커 팩"}',
      body: 'kinds.redemption_failed.body {"refunded":"1,200"}',
      highlight: "+1,200 P",
      href: "/me/redemptions",
      tone: "bad",
    });
    expect(
      describeNotification(note("redemption_pending", { ...names, cost: 800 }), t, format, "en").title,
    ).toBe('kinds.redemption_pending.title {"name":"OX sticker pack"}');
  });

  it("calls voided by a universe edit name the symbols and link to the day's calls", () => {
    const d = describeNotification(
      note("calls_voided", {
        tradingDay: "2026-11-27",
        symbols: ["AMD", "NVDA"],
        reason: "removed_from_universe",
      }),
      t,
      format,
      "en",
    );
    expect(d).toMatchObject({
      title: 'kinds.calls_voided.title {"day":"2026-11-27"}',
      body: 'kinds.calls_voided.body {"symbols":"AMD, NVDA"}',
      href: "/me/predictions?day=2026-11-27",
    });
  });

  it.each([
    ["an unknown kind", note("job_failed", { job: "eod" })],
    ["a known kind with a payload it cannot read", note("redemption_issued", { nameKo: 5 })],
    ["a settlement without a day", note("settlement", { correct: 1 })],
  ])("%s is shown generically", (_, n) => {
    const d = describeNotification(n, t, format, "en");
    expect(d).toMatchObject({ title: "kinds.generic.title", href: null, highlight: null });
    expect(d.body).toBe(`kinds.generic.body {"kind":"${n.kind.replace(/_/g, " ")}"}`);
  });
});
