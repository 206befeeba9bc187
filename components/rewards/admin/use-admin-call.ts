"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/http/action-result";

/**
 * Run one admin action: a toast either way, the page refreshed on success. Returns the
 * refusal (with field errors) so a form can show it beside its inputs.
 */
export function useAdminCall() {
  const t = useTranslations("adminRewards");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function run<O>(call: () => Promise<ActionResult<O>>, success: (data: O) => string, onDone?: (r: ActionResult<O> | null) => void) {
    startTransition(async () => {
      let r: ActionResult<O> | null = null;
      try {
        r = await call();
      } catch {
        toast.error(tErrors("generic"));
      }
      if (r?.ok) {
        toast.success(success(r.data));
        router.refresh();
      } else if (r) {
        toast.error(t("error", { message: r.message }));
      }
      onDone?.(r);
    });
  }
  return { run, pending };
}
