"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useApiCall } from "./api-call";
import { OutcomeView } from "./outcome-view";

export type FieldSpec = {
  name: string;
  label: string;
  kind?: "text" | "number" | "date" | "textarea" | "symbols" | "select" | "checkbox";
  options?: { value: string; label: string }[];
  defaultValue?: string;
  placeholder?: string;
  hint?: string;
  /** Substituted for `{name}` in the endpoint instead of being sent in the body. */
  inPath?: boolean;
  /** Leave the key out of the body when the field is empty. */
  optional?: boolean;
  wide?: boolean;
};

const input = "h-10 w-full rounded-lg border border-subtle bg-[var(--background)] px-3 text-sm";

function valueOf(f: FieldSpec, form: FormData): unknown {
  if (f.kind === "checkbox") return form.get(f.name) === "on";
  const raw = String(form.get(f.name) ?? "").trim();
  if (f.kind === "symbols") return raw ? raw.split(/[\s,;]+/).filter(Boolean).map((s) => s.toUpperCase()) : [];
  if (f.kind === "number") return raw === "" ? "" : Number(raw);
  return raw;
}

/**
 * A form that sends its fields as JSON to one admin route. The server's zod schema decides;
 * its field errors show beside the inputs. `idempotencyField` carries a fresh UUID per
 * submission attempt, kept until one succeeds, so a double submit is harmless.
 */
export function ApiForm({
  endpoint,
  method = "POST",
  fields,
  submitLabel,
  testId,
  summaryKeys,
  idempotencyField,
  confirmText,
  danger,
}: {
  endpoint: string;
  method?: "POST" | "PUT";
  fields: FieldSpec[];
  submitLabel: string;
  testId: string;
  summaryKeys?: string[];
  idempotencyField?: string;
  confirmText?: string;
  danger?: boolean;
}) {
  const t = useTranslations("admin.form");
  const { call, pending, outcome } = useApiCall();
  const [key, setKey] = useState(() => crypto.randomUUID());

  function submit(form: FormData, element: HTMLFormElement) {
    if (confirmText && !window.confirm(confirmText)) return;
    let url = endpoint;
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = valueOf(f, form);
      if (f.inPath) url = url.replace(`{${f.name}}`, encodeURIComponent(String(v)));
      else if (!(f.optional && (v === "" || (Array.isArray(v) && v.length === 0)))) body[f.name] = v;
    }
    if (idempotencyField) body[idempotencyField] = key;
    call(url, method, body, () => {
      setKey(crypto.randomUUID());
      // A posted adjustment is cleared so that pressing the button again cannot post a second one.
      if (idempotencyField) element.reset();
    });
  }

  const errors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};
  return (
    <form
      // onSubmit rather than a form action: React resets a form after its action runs, and a refused
      // submission must keep what the admin typed.
      onSubmit={(e) => {
        e.preventDefault();
        submit(new FormData(e.currentTarget), e.currentTarget);
      }}
      className="flex flex-col gap-3"
      noValidate
      data-testid={testId}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((f) => (
          <label key={f.name} className={cn("flex flex-col gap-1 text-sm font-medium", (f.wide || f.kind === "textarea" || f.kind === "symbols") && "sm:col-span-2", f.kind === "checkbox" && "flex-row items-center gap-2")}>
            {f.kind !== "checkbox" && f.label}
            {f.kind === "textarea" || f.kind === "symbols" ? (
              <textarea name={f.name} rows={4} defaultValue={f.defaultValue} placeholder={f.placeholder} className={cn(input, "h-auto py-2 font-mono")} data-testid={`${testId}-${f.name}`} />
            ) : f.kind === "select" ? (
              <select name={f.name} defaultValue={f.defaultValue} className={input} data-testid={`${testId}-${f.name}`}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.kind === "checkbox" ? (
              <input type="checkbox" name={f.name} defaultChecked={f.defaultValue === "on"} className="h-4 w-4" data-testid={`${testId}-${f.name}`} />
            ) : (
              <input
                name={f.name}
                type={f.kind === "date" ? "date" : "text"}
                inputMode={f.kind === "number" ? "decimal" : undefined}
                defaultValue={f.defaultValue}
                placeholder={f.placeholder}
                className={input}
                data-testid={`${testId}-${f.name}`}
              />
            )}
            {f.kind === "checkbox" && f.label}
            {f.hint && <span className="text-xs font-normal text-muted">{f.hint}</span>}
            {errors[f.name]?.[0] && (
              <span className="text-xs text-red-600 dark:text-red-400" role="alert">
                {errors[f.name]![0]}
              </span>
            )}
          </label>
        ))}
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending} data-testid={`${testId}-submit`}>
          {pending ? t("working") : submitLabel}
        </Button>
      </div>
      <OutcomeView outcome={outcome} summaryKeys={summaryKeys} testId={testId} />
    </form>
  );
}

/** One button that sends a fixed body to one route (acknowledge, use the default list, re-run…). */
export function ApiButton({
  endpoint,
  method = "POST",
  body,
  label,
  testId,
  summaryKeys,
  variant = "outline",
  showOutcome = true,
}: {
  endpoint: string;
  method?: "POST" | "PUT";
  body?: Record<string, unknown>;
  label: string;
  testId: string;
  summaryKeys?: string[];
  variant?: "outline" | "primary" | "danger";
  showOutcome?: boolean;
}) {
  const t = useTranslations("admin.form");
  const { call, pending, outcome } = useApiCall();
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" size="sm" variant={variant} disabled={pending} onClick={() => call(endpoint, method, body ?? {})} data-testid={testId}>
        {pending ? t("working") : label}
      </Button>
      {showOutcome && <OutcomeView outcome={outcome} summaryKeys={summaryKeys} testId={testId} />}
    </div>
  );
}
