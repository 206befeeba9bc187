import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionButton, ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section } from "@/components/admin/admin-page";
import { DataTable, Stat, Stats } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { userOverview } from "@/lib/admin/users";
import { requireAdminPage } from "@/lib/auth/pages";
import {
  endSessionsAction,
  liftSuspensionAction,
  resetSecondFactorAction,
  setRoleAction,
  suspendAction,
} from "../actions";

export const generateMetadata = adminMetadata("admin.users", "overview");

const CALLS = ["CORRECT", "INCORRECT", "VOID", "PENDING"] as const;

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdminPage(`/admin/users/${id}`);
  const o = await userOverview(await getDb(), id);
  if (!o) notFound();
  const t = await getTranslations("admin.users");
  const self = admin.id === o.user.id;

  return (
    <AdminPage
      current="users"
      title={o.user.nickname}
      aside={
        <Badge tone={o.user.role === "admin" ? "warn" : "neutral"} data-testid="user-role">
          {o.user.role}
        </Badge>
      }
    >
      <Section title={t("overview")} data-testid="user-overview">
        <p className="font-mono text-xs break-all text-muted">
          {o.user.id} · {o.user.email ?? "—"} · {t("joined")} {kst(o.user.createdAt)}
        </p>
        <Stats>
          <Stat label={t("balance")} value={o.balance.toLocaleString("en-US")} testId="user-balance" />
          <Stat label={t("calls")} value={o.calls.total} />
          <Stat label={t("days")} value={o.calls.days} />
          {CALLS.map((c) => (
            <Stat key={c} label={c} value={o.calls[c]} />
          ))}
          <Stat label={t("redemptions")} value={o.redemptions.total} />
          <Stat label={t("spent")} value={o.redemptions.pointsSpent.toLocaleString("en-US")} />
        </Stats>
        <Link
          href={`/admin/points?user=${o.user.id}`}
          className="text-sm text-brand hover:underline"
          data-testid="user-adjust-link"
        >
          {t("adjustPoints")}
        </Link>
      </Section>
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <Section title={t("role")} hint={self ? t("selfHint") : undefined}>
          {o.user.adminDemotedAt && (
            <p className="text-sm text-amber-700 dark:text-amber-300" data-testid="user-demoted">
              {t("demotedAt", { when: kst(o.user.adminDemotedAt) })}
            </p>
          )}
          {o.user.role === "admin" && !self && <p className="text-sm text-muted">{t("demotionHint")}</p>}
          <ActionForm
            action={setRoleAction}
            testId="user-role-form"
            submitLabel={t("setRole")}
            summaryKeys={["nickname", "role", "notice"]}
            confirmText={o.user.role === "admin" ? t("demotionConfirm") : undefined}
            fields={[
              { name: "userId", label: "", kind: "hidden", defaultValue: o.user.id },
              {
                name: "role",
                label: t("role"),
                kind: "select",
                defaultValue: o.user.role,
                options: [
                  { value: "player", label: "player" },
                  { value: "admin", label: "admin" },
                ],
                wide: true,
              },
            ]}
          />
          <h3 className="text-sm font-semibold">{t("sessions")}</h3>
          <p className="text-sm text-muted">{t("sessionsHint")}</p>
          <ActionButton
            action={endSessionsAction}
            input={{ userId: o.user.id }}
            label={t("endSessions")}
            testId="user-end-sessions"
            summaryKeys={["ended"]}
            variant="danger"
          />
          {o.user.role === "admin" && !self && (
            <>
              <h3 className="text-sm font-semibold">{t("secondFactor")}</h3>
              <p className="text-sm text-muted">{t("secondFactorHint")}</p>
              <ActionButton
                action={resetSecondFactorAction}
                input={{ userId: o.user.id }}
                label={t("resetSecondFactor")}
                testId="user-reset-second-factor"
                summaryKeys={["hadOne", "sessionsEnded"]}
                variant="danger"
              />
            </>
          )}
          <h3 className="text-sm font-semibold">{t("suspension")}</h3>
          {o.user.suspendedAt ? (
            <>
              <p className="text-sm text-red-700 dark:text-red-300" data-testid="user-suspended">
                {t("suspendedSince", { when: kst(o.user.suspendedAt), reason: o.user.suspendedReason ?? "" })}
              </p>
              <ActionButton
                action={liftSuspensionAction}
                input={{ userId: o.user.id }}
                label={t("liftSuspension")}
                testId="user-lift-suspension"
                summaryKeys={["suspended"]}
              />
            </>
          ) : (
            <>
              <p className="text-sm text-muted">{t("suspensionHint")}</p>
              <ActionForm
                action={suspendAction}
                testId="user-suspend-form"
                submitLabel={t("suspend")}
                summaryKeys={["suspended", "sessionsEnded"]}
                confirmText={t("suspendConfirm")}
                danger
                fields={[
                  { name: "userId", label: "", kind: "hidden", defaultValue: o.user.id },
                  { name: "reason", label: t("suspensionReason"), kind: "text", wide: true },
                ]}
              />
            </>
          )}
        </Section>
        <Section title={t("ledger")}>
          <DataTable
            rows={o.recentLedger}
            columns={[
              { head: t("when"), cell: (e) => kst(e.createdAt), className: "text-xs" },
              { head: t("reason"), cell: (e) => e.reason, className: "text-xs" },
              {
                head: t("amount"),
                cell: (e) => (e.amount > 0 ? `+${e.amount}` : e.amount),
                className: "tabular-nums",
              },
              { head: t("balanceAfter"), cell: (e) => e.balanceAfter, className: "tabular-nums" },
              { head: t("memo"), cell: (e) => e.memo ?? "", className: "max-w-64 truncate text-xs" },
            ]}
          />
        </Section>
      </div>
    </AdminPage>
  );
}
