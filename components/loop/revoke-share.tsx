"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { revokeShareAction } from "@/app/(play)/me/loop/actions";
import { ActionButton } from "../ui/action-button";

export function RevokeShare({ token }: { token: string }) {
  const t = useTranslations("loop.settings");
  const router = useRouter();
  return (
    <ActionButton
      variant="ghost"
      size="sm"
      data-testid="revoke-share"
      run={async () => {
        const r = await revokeShareAction({ token });
        if (!r.ok) toast.error(r.message);
        else {
          toast.success(t("revoked"));
          router.refresh();
        }
      }}
    >
      {t("revoke")}
    </ActionButton>
  );
}
