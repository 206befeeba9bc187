import { ImageResponse } from "next/og";
import { NextResponse } from "next/server";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { isLocale } from "@/lib/i18n/config";
import { shareCardFont } from "@/lib/share/og-font";
import { sharedDay } from "@/lib/share/shares";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";

export const dynamic = "force-dynamic";

const query = z.object({ locale: z.enum(["ko", "en"]).optional() }).strict();

const INK = { UP: "#d92d3a", DOWN: "#2f5bd3" } as const;
const OUTCOME = { CORRECT: "#6d28d9", INCORRECT: "#b45309", VOID: "#9ca3af" } as const;
const MARK = { CORRECT: "✓", INCORRECT: "×", VOID: "–" } as const;

/**
 * The share card's Open Graph image (1200×630 PNG), in the link's language (or `?locale=`):
 * nickname, the grid as drawn cells (no emoji font is needed), score and streak. 404 once revoked.
 */
export const GET = route(
  { auth: "public", query, rateLimit: "public-reads" },
  async ({ db, params, query: q }) => {
    const shared = await sharedDay(db, params.token ?? "");
    if (!shared)
      return NextResponse.json(
        { ok: false, code: "not_found:share", message: "No such share link." },
        { status: 404 },
      );
    const locale = q.locale ?? (isLocale(shared.locale) ? shared.locale : "ko");
    const t = createTranslator({ locale, messages: locale === "en" ? en : ko, namespace: "loop.share" });
    const { grid } = shared;
    const date = `${Number(grid.day.slice(5, 7))}/${Number(grid.day.slice(8, 10))}`;
    return new ImageResponse(
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: 64,
          background: "#17151f",
          color: "#f5f5f7",
          fontFamily: "Noto Sans KR",
        }}
      >
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 36, color: "#c4b5fd" }}>
          <span>OX Universe</span>
          <span>{t("ogTitle", { date })}</span>
        </div>
        <div style={{ display: "flex", fontSize: 64, lineHeight: 1.1 }}>{shared.nickname}</div>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 18 }}>
          {grid.calls.slice(0, 20).map((c, i) => (
            <div key={i} style={{ display: "flex", gap: 6 }}>
              <div
                style={{
                  width: 64,
                  height: 64,
                  borderRadius: 14,
                  display: "flex",
                  alignItems: "center",
                  justifyContent: "center",
                  fontSize: 44,
                  background: INK[c.choice],
                  color: "#fff",
                }}
              >
                {c.choice === "UP" ? "O" : "X"}
              </div>
              <div
                style={{
                  width: 64,
                  height: 64,
                  borderRadius: 14,
                  display: "flex",
                  alignItems: "center",
                  justifyContent: "center",
                  fontSize: 44,
                  background: OUTCOME[c.status],
                  color: "#fff",
                }}
              >
                {MARK[c.status]}
              </div>
            </div>
          ))}
        </div>
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 44 }}>
          <span>{t("score", { correct: grid.correct, settled: grid.settled, points: grid.points })}</span>
          {grid.streak > 0 ? <span>{t("ogDays", { n: grid.streak })}</span> : <span />}
        </div>
      </div>,
      {
        width: 1200,
        height: 630,
        fonts: [{ name: "Noto Sans KR", data: await shareCardFont(), weight: 700, style: "normal" }],
        headers: { "Cache-Control": "public, max-age=300" },
      },
    );
  },
);
