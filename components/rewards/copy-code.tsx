"use client";

import { Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "../ui/toast";
import { Button } from "../ui/button";

/** The voucher code, large and selectable, with a copy button. */
export function CopyCode({ code }: { code: string }) {
  const t = useTranslations("redemptions");
  return (
    <div className="flex items-center gap-2 rounded-xl border border-dashed border-subtle bg-muted p-2">
      <div className="min-w-0 flex-1">
        <p className="text-xs font-medium text-muted">{t("code")}</p>
        <p
          className="overflow-x-auto font-mono text-sm font-bold whitespace-nowrap select-all sm:text-base"
          data-testid="redemption-code"
        >
          {code}
        </p>
      </div>
      <Button
        variant="outline"
        size="sm"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(code);
            toast.success(t("copied"));
          } catch {
            // No clipboard (insecure context): the code stays selectable by hand.
          }
        }}
      >
        <Copy className="h-4 w-4" aria-hidden />
        {t("copy")}
      </Button>
    </div>
  );
}
