"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { saveLoopSettingsAction } from "@/app/(play)/me/loop/actions";
import type { LoopSettingsView } from "@/lib/loop/settings";
import { Button } from "../ui/button";
import { useEarlyInput } from "../ui/use-early-input";
import { PushToggle } from "./push-toggle";

/** Reminder times offered: every 15 minutes from 06:00 to 23:45 KST (before the 23:59 cutoff). */
const TIMES = Array.from({ length: 72 }, (_, i) => {
  const m = 6 * 60 + i * 15;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
});
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);
const field = "h-9 rounded-lg border border-subtle bg-card px-2 text-sm";
/** The daily goal a field holds: 1–10 calls. */
const goalOf = (raw: string) => Math.min(10, Math.max(1, Number(raw) || 1));

export function LoopSettingsForm({
  initial,
  vapidKey,
}: {
  initial: LoopSettingsView;
  vapidKey: string | null;
}) {
  const t = useTranslations("loop.settings");
  const id = useId();
  const [s, setS] = useState(initial);
  const form = useEarlyInput<HTMLFormElement>((f) => {
    const el = (name: string) => f.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    const on = (name: string, was: boolean) => (el(name) as HTMLInputElement | null)?.checked ?? was;
    setS((was) => {
      const quietFrom = el("quietFrom")?.value || null;
      return {
        ...was,
        dailyGoal: goalOf(el("dailyGoal")?.value ?? String(was.dailyGoal)),
        hideFromBoards: on("hideFromBoards", was.hideFromBoards),
        reminderAt: el("reminderAt")?.value || null,
        resultsPush: on("resultsPush", was.resultsPush),
        quietFrom,
        quietUntil: quietFrom ? el("quietUntil")?.value || was.quietUntil || "08:00" : null,
      };
    });
  });
  const [busy, start] = useTransition();
  const times = s.reminderAt && !TIMES.includes(s.reminderAt) ? [s.reminderAt, ...TIMES] : TIMES;

  function save() {
    start(async () => {
      const r = await saveLoopSettingsAction({
        dailyGoal: s.dailyGoal,
        hideFromBoards: s.hideFromBoards,
        reminderAt: s.reminderAt,
        resultsPush: s.resultsPush,
        quiet: s.quietFrom && s.quietUntil ? { from: s.quietFrom, until: s.quietUntil } : null,
      });
      if (r.ok) {
        setS(r.data);
        toast.success(t("saved"));
      } else toast.error(t("failed", { message: r.message }));
    });
  }

  return (
    <form
      ref={form}
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-goal`} className="text-sm font-semibold">
          {t("goal")}
        </label>
        <input
          id={`${id}-goal`}
          name="dailyGoal"
          type="number"
          min={1}
          max={10}
          value={s.dailyGoal}
          onChange={(e) => setS({ ...s, dailyGoal: goalOf(e.target.value) })}
          className={`${field} w-24`}
          aria-describedby={`${id}-goal-help`}
          data-testid="goal-input"
        />
        <p id={`${id}-goal-help`} className="text-xs text-muted">
          {t("goalHelp")}
        </p>
      </div>
      <div className="flex items-start gap-2">
        <input
          id={`${id}-hide`}
          name="hideFromBoards"
          type="checkbox"
          checked={s.hideFromBoards}
          onChange={(e) => setS({ ...s, hideFromBoards: e.target.checked })}
          className="mt-1 h-4 w-4"
          aria-describedby={`${id}-hide-help`}
          data-testid="hide-input"
        />
        <div>
          <label htmlFor={`${id}-hide`} className="text-sm font-semibold">
            {t("hide")}
          </label>
          <p id={`${id}-hide-help`} className="text-xs text-muted">
            {t("hideHelp")}
          </p>
        </div>
      </div>
      <fieldset className="flex flex-col gap-3 rounded-xl border border-subtle p-3">
        <legend className="px-1 text-sm font-semibold">{t("reminders")}</legend>
        <p className="text-xs text-muted">{t("remindersHelp")}</p>
        <PushToggle vapidKey={vapidKey} />
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-at`} className="text-sm">
            {t("reminderAt")}
          </label>
          <select
            id={`${id}-at`}
            name="reminderAt"
            value={s.reminderAt ?? ""}
            onChange={(e) => setS({ ...s, reminderAt: e.target.value || null })}
            className={field}
            data-testid="reminder-at"
          >
            <option value="">{t("reminderOff")}</option>
            {times.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-2">
          <input
            id={`${id}-results`}
            name="resultsPush"
            type="checkbox"
            checked={s.resultsPush}
            onChange={(e) => setS({ ...s, resultsPush: e.target.checked })}
            className="h-4 w-4"
            data-testid="results-push"
          />
          <label htmlFor={`${id}-results`} className="text-sm">
            {t("results")}
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm" id={`${id}-quiet`}>
            {t("quiet")}
          </span>
          <select
            aria-label={`${t("quiet")} ${t("quietFrom")}`}
            name="quietFrom"
            value={s.quietFrom ?? ""}
            onChange={(e) =>
              setS({
                ...s,
                quietFrom: e.target.value || null,
                quietUntil: e.target.value ? (s.quietUntil ?? "08:00") : null,
              })
            }
            className={field}
            data-testid="quiet-from"
          >
            <option value="">{t("quietOff")}</option>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
          <span aria-hidden>–</span>
          <select
            aria-label={`${t("quiet")} ${t("quietUntil")}`}
            name="quietUntil"
            value={s.quietUntil ?? ""}
            disabled={!s.quietFrom}
            onChange={(e) => setS({ ...s, quietUntil: e.target.value || null })}
            className={field}
            data-testid="quiet-until"
          >
            <option value="">–</option>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={busy} data-testid="loop-save">
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
