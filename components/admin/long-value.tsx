"use client";

import { Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "../ui/toast";

/**
 * A long key (a job run's business key, an id) cut to fit its column: the full value shows on
 * hover (title) and when the value is focused (it unfolds in place), and a copy button takes it
 * whole.
 */
export function LongValue({ value, max = "max-w-56" }: { value: string; max?: string }) {
  const t = useTranslations("admin.common");
  return (
    <span className="inline-flex max-w-full items-center gap-1">
      <span
        tabIndex={0}
        title={value}
        className={`${max} inline-block truncate align-bottom focus:max-w-none focus:break-all focus:whitespace-normal`}
        data-testid="long-value"
      >
        {value}
      </span>
      <button
        type="button"
        className="shrink-0 rounded p-0.5 text-muted hover:bg-muted focus-visible:outline-2"
        aria-label={t("copyValue", { value })}
        title={t("copy")}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            toast.success(t("copied"));
          } catch {
            // No clipboard (insecure context): the value stays selectable when focused.
          }
        }}
      >
        <Copy className="h-3.5 w-3.5" aria-hidden />
      </button>
    </span>
  );
}
