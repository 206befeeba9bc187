"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { markFailedAction, markIssuedAction } from "@/app/(admin)/admin/rewards/actions";
import { inputClass } from "../../admin/field";
import { useAdminAction } from "../../admin/use-admin-action";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { KST_MONTH_DAY_TIME } from "@/lib/i18n/kst-format";
import { localized } from "../types";
import type { QueueRow } from "./types";

const tone = { PENDING: "warn", ISSUED: "open", FAILED: "neutral", CANCELLED: "closed" } as const;

type Submit = {
  label: string;
  disabled: boolean;
  testId: string;
  variant?: "primary" | "danger";
  title?: string;
};

/** A small inline form of the queue: its inputs, then its submit button and a way back. */
function ResolveForm({
  onSubmit,
  onCancel,
  submit,
  className,
  children,
}: {
  onSubmit: () => void;
  onCancel: () => void;
  submit: Submit;
  className: string;
  children: ReactNode;
}) {
  const t = useTranslations("adminRewards");
  return (
    <form
      className={cn("grid gap-2 rounded-xl bg-muted p-3 sm:items-end", className)}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <div className="flex gap-2">
        <Button
          type="submit"
          size="sm"
          variant={submit.variant ?? "primary"}
          className="h-10"
          disabled={submit.disabled}
          title={submit.title}
          data-testid={submit.testId}
        >
          {submit.label}
        </Button>
        <Button type="button" size="sm" variant="ghost" className="h-10" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

function TextInput({
  label,
  value,
  onChange,
  maxLength,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  maxLength: number;
  testId: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium">
      {label}
      <input
        className={inputClass}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={maxLength}
        data-testid={testId}
      />
    </label>
  );
}

/** One redemption in the queue; a PENDING one can be marked issued (code, note) or failed (reason, refund). */
export function RedemptionRow({ row }: { row: QueueRow }) {
  const t = useTranslations("adminRewards");
  const tStatus = useTranslations("redemptions.status");
  const format = useFormatter();
  const locale = useLocale();
  const issue = useAdminAction(markIssuedAction);
  const fail = useAdminAction(markFailedAction);
  const pending = issue.pending || fail.pending;
  const [open, setOpen] = useState<"issue" | "fail" | null>(null);
  const [code, setCode] = useState("");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const when = `${format.dateTime(new Date(row.createdAt), KST_MONTH_DAY_TIME)} KST`;

  return (
    <li
      data-testid={`admin-redemption-${row.id}`}
      data-status={row.status}
      className="flex flex-col gap-2 py-3"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge
          tone={tone[row.status]}
          className={cn(
            row.status === "FAILED" && "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
          )}
        >
          {tStatus(row.status)}
        </Badge>
        <span className="font-semibold">{localized(row.item, locale)}</span>
        <span className="text-sm text-muted">{t("by", { nickname: row.nickname })}</span>
        <span className="text-sm font-semibold tabular-nums">{format.number(row.cost)} P</span>
        <span className="ml-auto text-xs text-muted tabular-nums">{t("requested", { time: when })}</span>
      </div>
      {row.code || row.note || row.failureReason ? (
        <p className="text-sm text-muted">
          {[row.code, row.note, row.failureReason].filter(Boolean).join(" · ")}
        </p>
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
      {open ? (
        <ResolveForm
          className={open === "issue" ? "sm:grid-cols-[1fr_1fr_auto]" : "sm:grid-cols-[1fr_auto]"}
          onCancel={() => setOpen(null)}
          onSubmit={
            open === "issue"
              ? () =>
                  issue.run(
                    {
                      redemptionId: row.id,
                      ...(code.trim() ? { code: code.trim() } : {}),
                      ...(note.trim() ? { note: note.trim() } : {}),
                    },
                    { success: () => t("issued") },
                  )
              : () =>
                  fail.run(
                    { redemptionId: row.id, reason: reason.trim() },
                    { success: (d) => t("failed", { points: format.number(d.refunded) }) },
                  )
          }
          submit={
            open === "issue"
              ? {
                  label: t("issue"),
                  disabled: pending || (!code.trim() && !note.trim()),
                  title: t("issueNeedsSomething"),
                  testId: "issue-submit",
                }
              : {
                  label: t("fail"),
                  disabled: pending || reason.trim().length < 3,
                  variant: "danger",
                  testId: "fail-submit",
                }
          }
        >
          {open === "issue" ? (
            <>
              <TextInput
                label={t("issueCode")}
                value={code}
                onChange={setCode}
                maxLength={200}
                testId="issue-code"
              />
              <TextInput
                label={t("issueNote")}
                value={note}
                onChange={setNote}
                maxLength={500}
                testId="issue-note"
              />
            </>
          ) : (
            <TextInput
              label={t("failReason")}
              value={reason}
              onChange={setReason}
              maxLength={500}
              testId="fail-reason"
            />
          )}
        </ResolveForm>
      ) : null}
    </li>
  );
}
