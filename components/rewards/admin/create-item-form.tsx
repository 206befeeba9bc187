"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "../../ui/button";
import type { AdminRewardActions } from "./types";
import { useAdminCall } from "./use-admin-call";

const TEXT_FIELDS = ["sku", "nameKo", "nameEn", "descriptionKo", "descriptionEn", "imageUrl"] as const;
const field = "h-10 w-full rounded-lg border border-subtle bg-[var(--background)] px-3 text-sm";

/** New catalog item; the server's schema decides, its field errors show beside the inputs. */
export function CreateItemForm({ createItem }: { createItem: AdminRewardActions["createItem"] }) {
  const t = useTranslations("adminRewards");
  const { run, pending } = useAdminCall();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const form = useRef<HTMLFormElement>(null);

  function submit(data: FormData) {
    const input: Record<string, unknown> = {};
    for (const k of TEXT_FIELDS) {
      const v = String(data.get(k) ?? "").trim();
      if (v !== "") input[k] = v;
    }
    input.cost = Number(data.get("cost"));
    input.stock = Number(data.get("stock") || 0);
    input.active = data.get("active") === "on";
    run(
      () => createItem(input),
      (d) => t("created", { sku: d.sku }),
      (r) => {
        setErrors(r && !r.ok ? (r.fieldErrors ?? {}) : {});
        if (r?.ok) form.current?.reset();
      },
    );
  }

  const error = (k: string) =>
    errors[k]?.length ? (
      <span className="text-xs text-red-600 dark:text-red-400" role="alert">
        {errors[k]![0]}
      </span>
    ) : null;

  return (
    <details className="group rounded-2xl border border-subtle bg-card p-4 shadow-sm" data-testid="create-item">
      <summary className="flex cursor-pointer list-none items-center gap-2 font-semibold">
        <Plus className="h-4 w-4 transition-transform group-open:rotate-45" aria-hidden />
        {t("newItem")}
      </summary>
      <form ref={form} action={submit} className="mt-4 grid gap-3 sm:grid-cols-2" noValidate>
        {TEXT_FIELDS.map((k) => (
          <label key={k} className={`flex flex-col gap-1 text-sm font-medium ${k.startsWith("description") || k === "imageUrl" ? "sm:col-span-2" : ""}`}>
            {t(`fields.${k}`)}
            {k.startsWith("description") ? (
              <textarea name={k} rows={2} className={`${field} h-auto py-2`} />
            ) : (
              <input name={k} className={field} autoCapitalize={k === "sku" ? "characters" : undefined} data-testid={`new-${k}`} />
            )}
            {error(k)}
          </label>
        ))}
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("fields.cost")}
          <input name="cost" inputMode="numeric" className={field} data-testid="new-cost" />
          {error("cost")}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("fields.stock")}
          <input name="stock" inputMode="numeric" defaultValue="0" className={field} data-testid="new-stock" />
          {error("stock")}
        </label>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="active" defaultChecked className="h-4 w-4" />
          {t("fields.active")}
        </label>
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" disabled={pending} data-testid="new-submit">
            {pending ? t("creating") : t("create")}
          </Button>
        </div>
      </form>
    </details>
  );
}
