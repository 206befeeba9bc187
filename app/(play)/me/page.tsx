import { Coins, Shield } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { LoopSettings } from "@/components/loop/loop-settings";
import { AccountData } from "@/components/profile/account-data";
import { NicknameForm } from "@/components/profile/nickname-form";
import { SignOutEverywhere } from "@/components/profile/sign-out-everywhere";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { linkedAccounts } from "@/lib/auth/linked-accounts";
import { requireUserPage } from "@/lib/auth/pages";
import { getBalance } from "@/lib/points/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("profile");
  return { title: t("title") };
}

const PROVIDER_KEYS = ["google", "kakao", "dev"] as const;

export default async function ProfilePage() {
  const user = await requireUserPage("/me");
  const db = await getDb();
  const balance = await getBalance(db, user.id);
  const identities = await linkedAccounts(db, user.id);
  const t = await getTranslations("profile");
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium" });

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-extrabold tracking-tight" data-testid="profile-nickname" translate="no">
          {user.nickname}
        </h1>
        <Badge tone={user.role === "admin" ? "warn" : "neutral"} data-testid="profile-role">
          {t(`roles.${user.role}`)}
        </Badge>
      </div>

      {user.suspendedAt ? (
        <Card className="border-red-500/50" data-testid="suspended-notice" role="status">
          <CardTitle>{t("suspended.title")}</CardTitle>
          <p className="text-sm text-muted break-keep">{t("suspended.body")}</p>
        </Card>
      ) : null}

      <Card className="flex flex-col gap-4">
        <NicknameForm current={user.nickname} />
      </Card>

      <Card className="flex flex-col gap-3">
        <CardTitle>{t("providers")}</CardTitle>
        <ul className="flex flex-col divide-y divide-[var(--border)]" data-testid="linked-providers">
          {identities.map((a) => (
            <li
              key={`${a.provider}:${a.linkedAt.toISOString()}`}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
            >
              <span className="font-semibold">
                {(PROVIDER_KEYS as readonly string[]).includes(a.provider)
                  ? t(`providerNames.${a.provider as (typeof PROVIDER_KEYS)[number]}`)
                  : a.provider}
              </span>
              <span className="text-muted">{t("linked", { date: day(a.linkedAt) })}</span>
            </li>
          ))}
        </ul>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted">{t("email")}</dt>
          <dd className="truncate" data-testid="profile-email">
            {user.email && user.emailVerified ? user.email : t("noEmail")}
          </dd>
          <dt className="text-muted">{t("joined")}</dt>
          <dd>{day(user.createdAt)}</dd>
        </dl>
      </Card>

      <Card className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <CardTitle>{(await getTranslations("points"))("balance")}</CardTitle>
          <p className="text-3xl font-extrabold tabular-nums" data-testid="profile-balance">
            {format.number(balance)} <span className="text-base font-semibold text-muted">P</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline">
            <Link href="/me/points">
              <Coins className="h-4 w-4" />
              {t("viewPoints")}
            </Link>
          </Button>
          {user.role === "admin" ? (
            <Button asChild variant="outline">
              <Link href="/admin">
                <Shield className="h-4 w-4" />
                {t("adminArea")}
              </Link>
            </Button>
          ) : null}
        </div>
      </Card>

      <LoopSettings user={user} />

      <Card className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 flex-1">
          <CardTitle>{t("sessions")}</CardTitle>
          <p className="text-sm text-muted">{t("sessionsHint")}</p>
        </div>
        <SignOutEverywhere />
      </Card>

      <Card className="flex flex-col gap-3" data-testid="account-data">
        <CardTitle>{t("data.title")}</CardTitle>
        <AccountData canDelete={user.role !== "admin"} />
      </Card>
    </div>
  );
}
