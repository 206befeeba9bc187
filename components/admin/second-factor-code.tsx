"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { passSecondFactorAction } from "@/app/(admin)/admin/second-factor/actions";
import { Button } from "../ui/button";
import { inputClass } from "./field";

export type SecondFactorPassed = Extract<
  Awaited<ReturnType<typeof passSecondFactorAction>>,
  { ok: true }
>["data"];

/**
 * The code field of the second factor: six digits from the authenticator app, or a recovery
 * code. Filled in by the phone's one-time-code suggestion where it offers one.
 */
export function SecondFactorCode({
  submitLabel,
  onPassed,
  onCancel,
}: {
  submitLabel: string;
  onPassed: (result: SecondFactorPassed) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("admin.secondFactor");
  const id = useId();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          let result: Awaited<ReturnType<typeof passSecondFactorAction>>;
          try {
            result = await passSecondFactorAction({ code });
          } catch {
            setError(t("network"));
            return;
          }
          if (result.ok) {
            setError(null);
            setCode("");
            onPassed(result.data);
          } else setError(result.fieldErrors?.code?.[0] ?? result.message);
        });
      }}
    >
      <label htmlFor={`${id}-code`} className="text-sm font-medium">
        {t("codeLabel")}
      </label>
      <input
        id={`${id}-code`}
        name="code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={32}
        aria-describedby={`${id}-hint ${id}-error`}
        aria-invalid={error ? true : undefined}
        className={`${inputClass} max-w-56 font-mono text-base tracking-widest`}
        data-testid="second-factor-code"
      />
      <p id={`${id}-hint`} className="text-xs text-muted break-keep">
        {t("codeHint")}
      </p>
      <p id={`${id}-error`} role="alert" className="min-h-5 text-sm font-medium text-danger empty:hidden">
        {error ?? ""}
      </p>
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        {onCancel ? (
          <Button type="button" variant="outline" disabled={pending} onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
        <Button type="submit" disabled={pending || code.trim().length < 6} data-testid="second-factor-submit">
          {pending ? t("checking") : submitLabel}
        </Button>
      </div>
    </form>
  );
}
