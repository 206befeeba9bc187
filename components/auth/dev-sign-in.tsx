"use client";

import { Crown, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import type { ServerAction } from "@/lib/http/action";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";

type Role = "player" | "admin";

/** Development only: sign in as a named player or admin in one click (the server refuses it unless DEV_LOGIN is on). */
export function DevSignIn({
  recent,
  callbackUrl,
  signInAction,
}: {
  recent: { nickname: string; role: Role }[];
  callbackUrl?: string;
  signInAction: ServerAction<void>;
}) {
  const t = useTranslations("auth.dev");
  const tErrors = useTranslations("errors");
  const [role, setRole] = useState<Role>("player");
  const [state, submit, pending] = useActionState(
    async (_prev: unknown, form: FormData) => signInAction(form),
    null,
  );
  return (
    <Card className="flex flex-col gap-4 border-dashed" data-testid="dev-signin">
      <div>
        <h2 className="font-bold">{t("title")}</h2>
        <p className="text-sm text-muted">{t("note")}</p>
      </div>
      <form action={submit} className="flex flex-col gap-3">
        {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
        <input type="hidden" name="role" value={role} />
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("nickname")}
          <input
            name="nickname"
            required
            minLength={2}
            maxLength={20}
            placeholder={t("placeholder")}
            autoComplete="off"
            className="h-11 rounded-xl border border-subtle bg-[var(--background)] px-3 text-base"
          />
        </label>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">{t("role")}</legend>
          <div className="grid grid-cols-2 gap-2">
            {(["player", "admin"] as const).map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={role === r}
                onClick={() => setRole(r)}
                className={cn(
                  "flex h-11 items-center justify-center gap-2 rounded-xl border text-sm font-semibold",
                  role === r ? "border-brand bg-brand text-white" : "border-subtle bg-card hover:bg-muted",
                )}
              >
                {r === "admin" ? <Crown className="h-4 w-4" /> : <UserRound className="h-4 w-4" />}
                {t(r)}
              </button>
            ))}
          </div>
        </fieldset>
        <Button type="submit" size="lg" disabled={pending}>
          {t("submit")}
        </Button>
      </form>
      {recent.length > 0 ? (
        <div className="flex flex-col gap-2">
          <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">{t("recent")}</h3>
          <div className="flex flex-wrap gap-2">
            {recent.map((a) => (
              <form key={`${a.role}:${a.nickname}`} action={submit}>
                {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
                <input type="hidden" name="nickname" value={a.nickname} />
                <input type="hidden" name="role" value={a.role} />
                <Button type="submit" variant="outline" size="sm" disabled={pending}>
                  {a.role === "admin" ? (
                    <Crown className="h-3.5 w-3.5" />
                  ) : (
                    <UserRound className="h-3.5 w-3.5" />
                  )}
                  {a.nickname}
                </Button>
              </form>
            ))}
          </div>
        </div>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.code.startsWith("rate_limited:")
            ? tErrors("rateLimited")
            : (state.fieldErrors?.nickname?.[0] ?? state.message)}
        </p>
      ) : null}
    </Card>
  );
}
