"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { createItemAction } from "@/app/(admin)/admin/rewards/actions";
import { Field, inputClass } from "../../admin/field";
import { useAdminAction } from "../../admin/use-admin-action";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";

const TEXT_FIELDS = ["sku", "nameKo", "nameEn", "descriptionKo", "descriptionEn", "imageUrl"] as const;

/** New catalog item; the server's schema decides, its field errors show beside the inputs. */
export function CreateItemForm() {
  const t = useTranslations("adminRewards");
  const { run, pending, outcome } = useAdminAction(createItemAction);
  const form = useRef<HTMLFormElement>(null);
  const errors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};

  function submit(data: FormData) {
    const input: Record<string, unknown> = {};
    for (const k of TEXT_FIELDS) {
      const v = String(data.get(k) ?? "").trim();
      if (v !== "") input[k] = v;
    }
    input.cost = Number(data.get("cost"));
    input.stock = Number(data.get("stock") || 0);
    input.active = data.get("active") === "on";
    run(input, {
      success: (d) => t("created", { sku: d.sku }),
      onDone: (r) => {
        if (r.ok) form.current?.reset();
      },
    });
  }

  return (
    <details
      className="group rounded-2xl border border-subtle bg-card p-4 shadow-sm"
      data-testid="create-item"
    >
      <summary className="flex cursor-pointer list-none items-center gap-2 font-semibold">
        <Plus className="h-4 w-4 transition-transform group-open:rotate-45" aria-hidden />
        {t("newItem")}
      </summary>
      <form ref={form} action={submit} className="mt-4 grid gap-3 sm:grid-cols-2" noValidate>
        {TEXT_FIELDS.map((k) => (
          <Field
            key={k}
            label={t(`fields.${k}`)}
            errors={errors[k]}
            wide={k.startsWith("description") || k === "imageUrl"}
          >
            {k.startsWith("description") ? (
              <textarea name={k} rows={2} className={cn(inputClass, "h-auto py-2")} />
            ) : (
              <input
                name={k}
                className={inputClass}
                autoCapitalize={k === "sku" ? "characters" : undefined}
                data-testid={`new-${k}`}
              />
            )}
          </Field>
        ))}
        <Field label={t("fields.cost")} errors={errors.cost}>
          <input name="cost" inputMode="numeric" className={inputClass} data-testid="new-cost" />
        </Field>
        <Field label={t("fields.stock")} errors={errors.stock}>
          <input
            name="stock"
            inputMode="numeric"
            defaultValue="0"
            className={inputClass}
            data-testid="new-stock"
          />
        </Field>
        <Field label={t("fields.active")} inline>
          <input type="checkbox" name="active" defaultChecked className="h-4 w-4" />
        </Field>
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" disabled={pending} data-testid="new-submit">
            {pending ? t("creating") : t("create")}
          </Button>
        </div>
      </form>
    </details>
  );
}
