"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { localized } from "../types";
import type { AdminRewardActions, QueueRow } from "./types";
import { useAdminCall } from "./use-admin-call";

const tone = { PENDING: "warn", ISSUED: "open", FAILED: "neutral", CANCELLED: "closed" } as const;
const field = "h-10 w-full rounded-lg border border-subtle bg-[var(--background)] px-3 text-sm";

/** One redemption in the queue; a PENDING one can be marked issued (code, note) or failed (reason, refund). */
export function RedemptionRow({ row, actions }: { row: QueueRow; actions: Pick<AdminRewardActions, "markIssued" | "markFailed"> }) {
  const t = useTranslations("adminRewards");
  const tStatus = useTranslations("redemptions.status");
  const format = useFormatter();
  const locale = useLocale();
  const { run, pending } = useAdminCall();
  const [open, setOpen] = useState<"issue" | "fail" | null>(null);
  const [code, setCode] = useState("");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const when = format.dateTime(new Date(row.createdAt), { timeZone: "Asia/Seoul", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

  return (
    <li data-testid={`admin-redemption-${row.id}`} data-status={row.status} className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge tone={tone[row.status]} className={cn(row.status === "FAILED" && "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200")}>
          {tStatus(row.status)}
        </Badge>
        <span className="font-semibold">{localized(row.item, locale)}</span>
        <span className="text-sm text-muted">{t("by", { nickname: row.nickname })}</span>
        <span className="text-sm font-semibold tabular-nums">{format.number(row.cost)} P</span>
        <span className="ml-auto text-xs text-muted tabular-nums">{t("requested", { time: when })}</span>
      </div>
      {row.code || row.note || row.failureReason ? (
        <p className="text-sm text-muted">{[row.code, row.note, row.failureReason].filter(Boolean).join(" · ")}</p>
      ) : null}
      {row.status === "PENDING" && open === null ? (
        <div className="flex gap-2">
          <Button size="sm" onClick={() => setOpen("issue")} data-testid="issue-open">
            {t("issue")}
          </Button>
          <Button size="sm" variant="outline" onClick={() => setOpen("fail")} data-testid="fail-open">
            {t("fail")}
          </Button>
        </div>
      ) : null}
      {open === "issue" ? (
        <form
          className="grid gap-2 rounded-xl bg-muted p-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => actions.markIssued({ redemptionId: row.id, ...(code.trim() ? { code: code.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) }), () => t("issued"));
          }}
        >
          <label className="flex flex-col gap-1 text-xs font-medium">
            {t("issueCode")}
            <input className={field} value={code} onChange={(e) => setCode(e.target.value)} maxLength={200} data-testid="issue-code" />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium">
            {t("issueNote")}
            <input className={field} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="issue-note" />
          </label>
          <div className="flex gap-2">
            <Button type="submit" size="sm" className="h-10" disabled={pending || (!code.trim() && !note.trim())} title={t("issueNeedsSomething")} data-testid="issue-submit">
              {t("issue")}
            </Button>
            <Button type="button" size="sm" variant="ghost" className="h-10" onClick={() => setOpen(null)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : null}
      {open === "fail" ? (
        <form
          className="grid gap-2 rounded-xl bg-muted p-3 sm:grid-cols-[1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => actions.markFailed({ redemptionId: row.id, reason: reason.trim() }), (d) => t("failed", { points: format.number(d.refunded) }));
          }}
        >
          <label className="flex flex-col gap-1 text-xs font-medium">
            {t("failReason")}
            <input className={field} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="fail-reason" />
          </label>
          <div className="flex gap-2">
            <Button type="submit" size="sm" variant="danger" className="h-10" disabled={pending || reason.trim().length < 3} data-testid="fail-submit">
              {t("fail")}
            </Button>
            <Button type="button" size="sm" variant="ghost" className="h-10" onClick={() => setOpen(null)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
