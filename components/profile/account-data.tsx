"use client";

import { Download, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteMyAccount } from "@/app/(play)/me/actions";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";

const CSV_PARTS = ["calls", "ledger", "redemptions", "notifications"] as const;

/** "Download my data" and "Delete my account" (docs/rules.md, "Your data"). */
export function AccountData({ canDelete }: { canDelete: boolean }) {
  const t = useTranslations("profile.data");
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const word = t("confirmWord");
  const close = () => {
    if (busy) return;
    setOpen(false);
    setConfirm("");
    setError(null);
  };

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted">{t("hint")}</p>
      <div className="flex flex-wrap gap-2">
        <Button asChild variant="outline">
          <a href="/api/me/export" download data-testid="export-data">
            <Download className="h-4 w-4" />
            {t("download")}
          </a>
        </Button>
        {canDelete ? (
          <Button type="button" variant="outline" onClick={() => setOpen(true)} data-testid="delete-account">
            <Trash2 className="h-4 w-4" />
            {t("delete")}
          </Button>
        ) : null}
      </div>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="export-csv">
        <span className="text-muted">{t("csv")}</span>
        {CSV_PARTS.map((part) => (
          <a
            key={part}
            href={`/api/me/export?format=csv&part=${part}`}
            download
            className="text-brand hover:underline"
          >
            {t(`csvParts.${part}`)}
          </a>
        ))}
      </p>
      {canDelete ? null : <p className="text-xs text-muted">{t("adminCannotDelete")}</p>}
      <Modal
        open={open}
        onClose={close}
        dismissible={!busy}
        labelledBy="delete-title"
        describedBy="delete-body"
        data-testid="delete-dialog"
        className="m-auto w-full max-w-md rounded-3xl border border-subtle bg-card p-5 shadow-xl"
      >
        {open ? (
          <form
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              startTransition(async () => {
                const result = await deleteMyAccount({ confirm });
                // Success signs out and leaves the page (a redirect); only a refusal comes back.
                if (result && !result.ok) setError(result.message);
              });
            }}
          >
            <h2 id="delete-title" className="text-lg font-bold break-keep">
              {t("deleteTitle")}
            </h2>
            <div id="delete-body" className="flex flex-col gap-2 text-sm text-muted break-keep">
              <p>{t("deleteBody")}</p>
              <p>{t("deleteKeeps")}</p>
            </div>
            <label htmlFor="delete-confirm" className="text-sm font-medium">
              {t("confirmLabel", { word })}
            </label>
            <input
              id="delete-confirm"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              autoComplete="off"
              data-testid="delete-confirm-input"
              className="h-11 rounded-xl border border-subtle bg-[var(--background)] px-3 text-base"
            />
            <p role="alert" className="min-h-5 text-sm font-medium text-danger empty:hidden">
              {error ?? ""}
            </p>
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button type="button" variant="outline" disabled={busy} onClick={close}>
                {t("cancel")}
              </Button>
              <Button
                type="submit"
                disabled={busy || confirm.trim() !== word}
                data-testid="confirm-delete"
                className="bg-red-600 text-white hover:bg-red-700"
              >
                {busy ? t("deleting") : t("confirmDelete")}
              </Button>
            </div>
          </form>
        ) : null}
      </Modal>
    </div>
  );
}
