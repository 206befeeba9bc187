"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { revokeShareAction } from "@/app/(play)/me/loop/actions";
import { Button } from "../ui/button";

export function RevokeShare({ token }: { token: string }) {
  const t = useTranslations("loop.settings");
  const router = useRouter();
  const [busy, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={busy}
      data-testid="revoke-share"
      onClick={() =>
        start(async () => {
          const r = await revokeShareAction({ token });
          if (!r.ok) toast.error(r.message);
          else {
            toast.success(t("revoked"));
            router.refresh();
          }
        })
      }
    >
      {t("revoke")}
    </Button>
  );
}
