"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { toast } from "../ui/toast";
import { useEarlyInput } from "../ui/use-early-input";
import { setMyNickname } from "@/app/(play)/me/actions";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import type { NicknameProblem } from "./nickname-problem";

type Check = (raw: string) => NicknameProblem | null;

type Result = Awaited<ReturnType<typeof setMyNickname>>;

/** Set your own nickname: checked here with the shared schema, and again on the server. */
export function NicknameForm({ current }: { current: string }) {
  const t = useTranslations("profile");
  const [value, setValue] = useState(current);
  const [touched, setTouched] = useState(false);
  // The shared schema (zod) is loaded when the player starts typing, not with the page: it
  // would cost ~30 kB of gzipped JS on /me. The server checks the same schema either way.
  const [check, setCheck] = useState<Check | null>(null);
  const loadCheck = () => {
    if (!check) void import("./nickname-problem").then((m) => setCheck(() => m.nicknameProblem));
  };
  const input = useEarlyInput<HTMLInputElement>((field) => {
    if (field.value === current) return;
    loadCheck();
    setValue(field.value);
    setTouched(true);
  });
  const [state, submit, pending] = useActionState(
    async (_prev: Result | null, form: FormData): Promise<Result | null> => {
      const nickname = String(form.get("nickname") ?? "");
      if (check?.(nickname)) return null;
      const result = await setMyNickname({ nickname });
      if (result.ok) {
        setValue(result.data.nickname);
        setTouched(false);
        toast.success(t("saved"));
      }
      return result;
    },
    null,
  );

  const problem = touched && check ? check(value) : null;
  const serverError = state && !state.ok && !touched ? serverMessage(state, t) : null;
  const message = problem ? t(`errors.${problem}`) : serverError;

  return (
    <form
      action={submit}
      onSubmit={() => setTouched(false)}
      className="flex flex-col gap-2"
      noValidate
      data-testid="nickname-form"
    >
      <label htmlFor="nickname" className="text-sm font-medium">
        {t("nickname")}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id="nickname"
          name="nickname"
          value={value}
          onFocus={loadCheck}
          onChange={(e) => {
            loadCheck();
            setValue(e.target.value);
            setTouched(true);
          }}
          aria-invalid={Boolean(message)}
          aria-describedby="nickname-help nickname-error"
          autoComplete="nickname"
          className={cn(
            "h-11 min-w-0 flex-1 rounded-xl border bg-[var(--background)] px-3 text-base",
            message ? "border-red-500" : "border-subtle",
          )}
        />
        <Button
          type="submit"
          size="lg"
          className="h-11"
          disabled={pending || Boolean(problem) || value.trim() === current}
        >
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
      <p id="nickname-help" className="text-xs text-muted">
        {t("nicknameHelp")}
      </p>
      <p
        id="nickname-error"
        role="alert"
        data-testid="nickname-error"
        className="min-h-5 text-sm text-red-600 dark:text-red-400"
      >
        {message}
      </p>
    </form>
  );
}

function serverMessage(
  result: Extract<Result, { ok: false }>,
  t: ReturnType<typeof useTranslations<"profile">>,
): string {
  if (result.code === "conflict:nickname_taken") return t("errors.taken");
  if (result.code.startsWith("unauthorized:")) return t("errors.signin");
  if (result.code.startsWith("unprocessable:") || result.code.startsWith("bad_request:"))
    return result.fieldErrors?.nickname?.[0] ?? result.message;
  return t("errors.generic");
}
