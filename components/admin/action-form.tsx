"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import type { RunView } from "@/lib/jobs/admin";
import { Field, inputClass } from "./field";
import { FollowedRuns, type StartAnswer } from "./followed-runs";
import { OutcomeView, type SummaryKey } from "./outcome-view";
import { useAdminAction, type AdminAction, type AdminOutcome } from "./use-admin-action";

export type FieldSpec = {
  name: string;
  label: string;
  kind?: "text" | "number" | "date" | "textarea" | "symbols" | "select" | "checkbox" | "hidden";
  options?: { value: string; label: string }[];
  defaultValue?: string;
  placeholder?: string;
  hint?: string;
  /** Leave the key out of the input when the field is empty. */
  optional?: boolean;
  wide?: boolean;
};

function valueOf(f: FieldSpec, form: FormData): unknown {
  if (f.kind === "checkbox") return form.get(f.name) === "on";
  const raw = String(form.get(f.name) ?? "").trim();
  if (f.kind === "symbols")
    return raw
      ? raw
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((s) => s.toUpperCase())
      : [];
  if (f.kind === "number") return raw === "" ? "" : Number(raw);
  return raw;
}

function inputOf(fields: readonly FieldSpec[], form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of fields) {
    const v = valueOf(f, form);
    if (!(f.optional && (v === "" || (Array.isArray(v) && v.length === 0)))) input[f.name] = v;
  }
  return input;
}

function FieldControl({ f, testId }: { f: FieldSpec; testId: string }) {
  const id = `${testId}-${f.name}`;
  if (f.kind === "textarea" || f.kind === "symbols") {
    return (
      <textarea
        name={f.name}
        rows={4}
        defaultValue={f.defaultValue}
        placeholder={f.placeholder}
        className={cn(inputClass, "h-auto py-2 font-mono")}
        data-testid={id}
      />
    );
  }
  if (f.kind === "select") {
    return (
      <select name={f.name} defaultValue={f.defaultValue} className={inputClass} data-testid={id}>
        {f.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (f.kind === "checkbox")
    return (
      <input
        type="checkbox"
        name={f.name}
        defaultChecked={f.defaultValue === "on"}
        className="h-4 w-4"
        data-testid={id}
      />
    );
  return (
    <input
      name={f.name}
      type={f.kind === "date" ? "date" : "text"}
      inputMode={f.kind === "number" ? "decimal" : undefined}
      defaultValue={f.defaultValue}
      placeholder={f.placeholder}
      className={inputClass}
      data-testid={id}
    />
  );
}

/**
 * A form that sends its fields to one typed admin server action. The server's zod schema
 * decides; its field errors show beside the inputs, the chosen figures of the result below.
 * `idempotencyField` carries a fresh UUID per submission attempt, kept until one succeeds, so a
 * double submit is harmless.
 */
export function ActionForm<O>({
  action,
  fields,
  submitLabel,
  testId,
  summaryKeys,
  idempotencyField,
  confirmText,
  danger,
  follow,
}: {
  action: AdminAction<O>;
  fields: FieldSpec[];
  submitLabel: string;
  testId: string;
  summaryKeys?: SummaryKey<O>[];
  idempotencyField?: string;
  confirmText?: string;
  danger?: boolean;
  /** The action starts a background run (its answer names it): follow it, after the runs the page found. */
  follow?: readonly RunView[];
}) {
  const t = useTranslations("admin.form");
  const { run, pending, outcome } = useAdminAction(action);
  const [key, setKey] = useState(() => crypto.randomUUID());

  function submit(element: HTMLFormElement) {
    if (confirmText && !window.confirm(confirmText)) return;
    const input = inputOf(fields, new FormData(element));
    if (idempotencyField) input[idempotencyField] = key;
    run(input, {
      onDone: (r) => {
        if (!r.ok) return;
        setKey(crypto.randomUUID());
        // A posted adjustment is cleared so that pressing the button again cannot post a second one.
        if (idempotencyField) element.reset();
      },
    });
  }

  const errors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};
  return (
    <form
      // onSubmit rather than a form action: React resets a form after its action runs, and a refused
      // submission must keep what the admin typed.
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
      className="flex flex-col gap-3"
      noValidate
      data-testid={testId}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((f) =>
          f.kind === "hidden" ? (
            <input key={f.name} type="hidden" name={f.name} value={f.defaultValue ?? ""} />
          ) : (
            <Field
              key={f.name}
              label={f.label}
              hint={f.hint}
              errors={errors[f.name]}
              wide={f.wide || f.kind === "textarea" || f.kind === "symbols"}
              inline={f.kind === "checkbox"}
            >
              <FieldControl f={f} testId={testId} />
            </Field>
          ),
        )}
      </div>
      <div className="flex justify-end">
        <Button
          type="submit"
          variant={danger ? "danger" : "primary"}
          disabled={pending}
          data-testid={`${testId}-submit`}
        >
          {pending ? t("working") : submitLabel}
        </Button>
      </div>
      <Outcome outcome={outcome} summaryKeys={summaryKeys} testId={testId} follow={follow} />
    </form>
  );
}

/** One button that sends a fixed input to one action (acknowledge, use the default list, re-run…). */
export function ActionButton<O>({
  action,
  input,
  label,
  testId,
  summaryKeys,
  variant = "outline",
  showOutcome = true,
  follow,
}: {
  action: AdminAction<O>;
  input?: Record<string, unknown>;
  label: string;
  testId: string;
  summaryKeys?: SummaryKey<O>[];
  variant?: "outline" | "primary" | "danger";
  showOutcome?: boolean;
  /** The action starts a background run (its answer names it): follow it, after the runs the page found. */
  follow?: readonly RunView[];
}) {
  const t = useTranslations("admin.form");
  const { run, pending, outcome } = useAdminAction(action);
  return (
    <div className="flex flex-col gap-2">
      <Button
        type="button"
        size="sm"
        variant={variant}
        disabled={pending}
        onClick={() => run(input ?? {})}
        data-testid={testId}
      >
        {pending ? t("working") : label}
      </Button>
      {showOutcome && <Outcome outcome={outcome} summaryKeys={summaryKeys} testId={testId} follow={follow} />}
    </div>
  );
}

/** The last answer: its figures, or (for a background start) the runs it started or joined. */
function Outcome<O>({
  outcome,
  summaryKeys,
  testId,
  follow,
}: {
  outcome: AdminOutcome<O> | null;
  summaryKeys?: SummaryKey<O>[];
  testId: string;
  follow?: readonly RunView[];
}) {
  if (!follow) return <OutcomeView outcome={outcome} summaryKeys={summaryKeys} testId={testId} />;
  return (
    <>
      {outcome && !outcome.ok && <OutcomeView outcome={outcome} testId={testId} />}
      <FollowedRuns
        initial={follow}
        answer={outcome?.ok ? (outcome.data as StartAnswer) : null}
        testId={testId}
      />
    </>
  );
}
