"use client";

import { useTranslations } from "next-intl";
import { useEffect, useSyncExternalStore } from "react";
import { Modal } from "../ui/modal";
import { SecondFactorCode } from "./second-factor-code";

/**
 * The second factor asked again before a sensitive change (a role, a point adjustment): the
 * admin console's calls (use-admin-action.ts) ask `askSecondFactor()` when the server answers
 * `forbidden:second_factor_recent`, and repeat the call once it was passed. One prompt, mounted
 * by every admin page (AdminPage).
 */
let waiting: ((passed: boolean) => void) | null = null;
let mounted = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function askSecondFactor(): Promise<boolean> {
  if (mounted === 0) return Promise.resolve(false);
  waiting?.(false);
  return new Promise((resolve) => {
    waiting = resolve;
    emit();
  });
}

function finish(passed: boolean) {
  const resolve = waiting;
  waiting = null;
  emit();
  resolve?.(passed);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function SecondFactorPrompt() {
  const t = useTranslations("admin.secondFactor");
  const open = useSyncExternalStore(
    subscribe,
    () => waiting !== null,
    () => false,
  );
  useEffect(() => {
    mounted++;
    return () => {
      mounted--;
      if (mounted === 0) finish(false);
    };
  }, []);
  return (
    <Modal
      open={open}
      onClose={() => finish(false)}
      labelledBy="second-factor-prompt-title"
      describedBy="second-factor-prompt-body"
      data-testid="second-factor-prompt"
      className="m-auto w-full max-w-md rounded-3xl border border-subtle bg-card p-5 shadow-xl"
    >
      <div className="flex flex-col gap-3">
        <h2 id="second-factor-prompt-title" className="text-lg font-bold break-keep">
          {t("stepUpTitle")}
        </h2>
        <p id="second-factor-prompt-body" className="text-sm text-muted break-keep">
          {t("stepUpBody")}
        </p>
        <SecondFactorCode
          submitLabel={t("verifySubmit")}
          onPassed={() => finish(true)}
          onCancel={() => finish(false)}
        />
      </div>
    </Modal>
  );
}
