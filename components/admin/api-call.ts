"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";

export type ApiOutcome = { ok: true; data: Record<string, unknown> } | { ok: false; status: number; code: string; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Call one admin JSON route (same origin, so the browser sends the Origin the server checks),
 * toast the outcome and refresh the server-rendered page on success.
 */
export function useApiCall() {
  const t = useTranslations("admin.form");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<ApiOutcome | null>(null);

  function call(endpoint: string, method: string, body: unknown, onOk?: (data: Record<string, unknown>) => void) {
    startTransition(async () => {
      let result: ApiOutcome;
      try {
        const res = await fetch(endpoint, {
          method,
          headers: { "Content-Type": "application/json" },
          body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
        });
        const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        result = res.ok
          ? { ok: true, data: json }
          : {
              ok: false,
              status: res.status,
              code: String(json.code ?? res.status),
              message: String(json.message ?? t("failed")),
              fieldErrors: json.fieldErrors as Record<string, string[]> | undefined,
            };
      } catch {
        result = { ok: false, status: 0, code: "network", message: t("network") };
      }
      setOutcome(result);
      if (result.ok) {
        toast.success(t("done"));
        onOk?.(result.data);
        router.refresh();
      } else {
        toast.error(result.message);
      }
    });
  }
  return { call, pending, outcome };
}
