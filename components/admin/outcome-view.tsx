"use client";

import { useTranslations } from "next-intl";
import type { AdminOutcome } from "./use-admin-action";

/** `"a"` or `"a.b"`: a figure of an action's result, one level deep at most. */
export type SummaryKey<O> = O extends readonly unknown[]
  ? never
  : O extends object
    ? {
        [K in keyof O & string]:
          | K
          | (O[K] extends readonly unknown[]
              ? never
              : O[K] extends object
                ? `${K}.${keyof O[K] & string}`
                : never);
      }[keyof O & string]
    : never;

function show(v: unknown): string {
  if (Array.isArray(v))
    return v.length > 8
      ? `${v.slice(0, 8).map(show).join(", ")} … (${v.length})`
      : v.map(show).join(", ") || "—";
  if (v && typeof v === "object") return JSON.stringify(v);
  return v === null || v === undefined ? "—" : String(v);
}

function pick(data: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>(
      (o, p) => (o && typeof o === "object" ? (o as Record<string, unknown>)[p] : undefined),
      data,
    );
}

/** What the last call answered: the chosen figures on success, the server's message (with its code) on refusal. */
export function OutcomeView<O>({
  outcome,
  summaryKeys,
  testId,
}: {
  outcome: AdminOutcome<O> | null;
  summaryKeys?: readonly SummaryKey<O>[];
  testId: string;
}) {
  const t = useTranslations("admin.form");
  if (!outcome) return null;
  if (!outcome.ok) {
    return (
      <div
        role="alert"
        className="rounded-xl border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
        data-testid={`${testId}-error`}
      >
        <p className="font-semibold">{outcome.message}</p>
        <p className="mt-1 font-mono text-xs opacity-80">{outcome.code}</p>
      </div>
    );
  }
  const keys: readonly string[] = summaryKeys ?? [];
  return (
    <div
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100"
      data-testid={`${testId}-result`}
      role="status"
    >
      <p className="font-semibold">{t("done")}</p>
      {keys.length > 0 && (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
          {keys.map((k) => (
            <div key={k} className="contents">
              <dt className="text-xs opacity-75">{k}</dt>
              <dd className="font-mono text-xs break-all" data-testid={`${testId}-${k}`}>
                {show(pick(outcome.data, k))}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs opacity-75">{t("raw")}</summary>
        <pre className="mt-1 max-h-64 overflow-auto text-xs whitespace-pre-wrap">
          {JSON.stringify(outcome.data, null, 2)}
        </pre>
      </details>
    </div>
  );
}
