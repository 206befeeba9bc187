"use client";

import { KeyRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { SecondFactorCode } from "./second-factor-code";

export type GateProps =
  { mode: "verify"; recoveryCodesLeft: number } | { mode: "enrol"; secret: string; qrSvg: string };

/**
 * The page asked for, loaded again: Next keeps a 403 boundary shown until the address changes,
 * so a refresh of the same address would still show this gate.
 */
const reload = () => window.location.reload();

/**
 * What an admin sees on any admin page until this session passes the second factor (HTTP 403):
 * the first time, the authenticator to set up (QR code or key) and its first code; later, a
 * code. Once passed, the same address shows the page. The recovery codes are shown once, after
 * set-up, before the page.
 */
export function SecondFactorGate(props: GateProps) {
  const t = useTranslations("admin.secondFactor");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes)
    return (
      <Card className="mx-auto flex w-full max-w-lg flex-col gap-4" data-testid="second-factor-recovery">
        <h1 className="text-xl font-bold break-keep">{t("recoveryTitle")}</h1>
        <p className="text-sm text-muted break-keep">{t("recoveryBody")}</p>
        <ol
          className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-xl border border-subtle p-4 font-mono text-base"
          data-testid="recovery-codes"
        >
          {recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button
            type="button"
            variant="outline"
            onClick={() => void navigator.clipboard?.writeText(recoveryCodes.join("\n"))}
          >
            {t("copyCodes")}
          </Button>
          <Button type="button" onClick={reload} data-testid="recovery-saved">
            {t("recoverySaved")}
          </Button>
        </div>
      </Card>
    );

  return (
    <Card className="mx-auto flex w-full max-w-lg flex-col gap-4" data-testid="second-factor-gate">
      <div className="flex items-center gap-3">
        <KeyRound className="h-8 w-8 shrink-0 text-brand" aria-hidden />
        <h1 className="text-xl font-bold break-keep">
          {props.mode === "enrol" ? t("enrolTitle") : t("verifyTitle")}
        </h1>
      </div>
      {props.mode === "enrol" ? (
        <>
          <p className="text-sm text-muted break-keep">{t("enrolBody")}</p>
          <div className="flex flex-col items-start gap-4 sm:flex-row">
            <div
              role="img"
              aria-label={t("qrLabel")}
              className="h-44 w-44 shrink-0 rounded-xl bg-white p-2 [&>svg]:h-full [&>svg]:w-full"
              dangerouslySetInnerHTML={{ __html: props.qrSvg }}
            />
            <div className="flex min-w-0 flex-col gap-1 text-sm">
              <span className="font-medium">{t("keyLabel")}</span>
              <code className="font-mono text-base break-words" data-testid="second-factor-secret">
                {props.secret.match(/.{1,4}/g)?.join(" ")}
              </code>
              <span className="text-xs text-muted break-keep">{t("keyHint")}</span>
            </div>
          </div>
        </>
      ) : (
        <p className="text-sm text-muted break-keep">
          {t("verifyBody")} {t("recoveryLeft", { count: props.recoveryCodesLeft })}
        </p>
      )}
      <SecondFactorCode
        submitLabel={props.mode === "enrol" ? t("enrolSubmit") : t("verifySubmit")}
        onPassed={(result) => {
          if (result.recoveryCodes) setRecoveryCodes(result.recoveryCodes);
          else reload();
        }}
      />
    </Card>
  );
}
