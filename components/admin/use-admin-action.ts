"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "../ui/toast";
import type { ActionResult } from "@/lib/http/action-result";
import { askSecondFactor } from "./second-factor-prompt";

const STEP_UP_CODES = new Set(["forbidden:second_factor_recent", "forbidden:second_factor_required"]);

/** An admin server action as a client component receives it: the input is parsed on the server. */
export type AdminAction<O> = (input: unknown) => Promise<ActionResult<O>>;

/** What the last call answered; `network` when the server could not be reached at all. */
export type AdminOutcome<O> =
  ActionResult<O> | { ok: false; code: "network"; message: string; fieldErrors?: undefined };

type RunOptions<O> = {
  /** The success toast; the generic "Done" when absent. */
  success?: (data: O) => string;
  onDone?: (outcome: AdminOutcome<O>) => void;
};

/**
 * The one way the admin console calls the server: a typed server action, a toast either way,
 * the server-rendered page refreshed on success, and the last outcome kept so a form can show
 * the figures or the field errors beside its inputs.
 */
export function useAdminAction<O>(action: AdminAction<O>) {
  const t = useTranslations("admin.form");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<AdminOutcome<O> | null>(null);

  function run(input: unknown, options: RunOptions<O> = {}) {
    startTransition(async () => {
      let result: AdminOutcome<O>;
      try {
        result = await action(input);
        // A sensitive change asks for the second factor again: passed, the same call is repeated.
        if (!result.ok && STEP_UP_CODES.has(result.code) && (await askSecondFactor()))
          result = await action(input);
      } catch {
        result = { ok: false, code: "network", message: t("network") };
      }
      setOutcome(result);
      if (result.ok) {
        toast.success(options.success ? options.success(result.data) : t("done"));
        router.refresh();
      } else {
        toast.error(result.message);
      }
      options.onDone?.(result);
    });
  }
  return { run, pending, outcome };
}
