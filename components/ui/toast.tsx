"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { cn } from "./cn";

/**
 * Short notices ("+1 slot", a refusal's reason): a live region at the top of the screen,
 * each notice gone after a few seconds or when closed. The app needs only `success` and
 * `error`; a toast library cost ~13 kB of gzipped JS on every page.
 */
type Action = { label: string; onClick: () => void };
type Notice = { id: number; kind: "success" | "error"; message: string; action?: Action };

const DURATION_MS = 5_000;
let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function dismiss(id: number) {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

function show(kind: Notice["kind"], message: string, opts?: { action?: Action }) {
  const id = nextId++;
  notices = [...notices.slice(-2), { id, kind, message, ...(opts?.action ? { action: opts.action } : {}) }];
  emit();
  setTimeout(() => dismiss(id), DURATION_MS);
}

export const toast = {
  success: (message: string, opts?: { action?: Action }) => show("success", message, opts),
  error: (message: string, opts?: { action?: Action }) => show("error", message, opts),
};

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};
const EMPTY: Notice[] = [];

export function Toaster() {
  const closeLabel = useTranslations("errors")("dismiss");
  const list = useSyncExternalStore(
    subscribe,
    () => notices,
    () => EMPTY,
  );
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 top-3 z-50 flex flex-col items-center gap-2 px-4"
    >
      {list.map((n) => (
        <div
          key={n.id}
          data-testid={`toast-${n.kind}`}
          data-type={n.kind}
          className={cn(
            "pointer-events-auto flex w-full max-w-sm items-start gap-2 rounded-xl border bg-card p-3 text-sm font-medium shadow-lg",
            n.kind === "error" ? "border-[var(--danger-text)] text-danger" : "border-subtle",
          )}
        >
          <span className="flex-1">{n.message}</span>
          {n.action ? (
            <button
              type="button"
              onClick={() => {
                dismiss(n.id);
                n.action!.onClick();
              }}
              className="rounded-lg bg-brand px-2 py-1 text-xs font-semibold text-white"
            >
              {n.action.label}
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => dismiss(n.id)}
            aria-label={closeLabel}
            className="rounded p-0.5 text-muted hover:bg-muted"
          >
            <X className="h-4 w-4" aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}
