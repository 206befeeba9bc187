import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { cn } from "../ui/cn";

export const ADMIN_SECTIONS = [
  "universe",
  "sessions",
  "prices",
  "settlement",
  "points",
  "users",
  "jobs",
  "errors",
  "audit",
  "rewards",
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number] | "dashboard";

/** The console's header: a way back to the dashboard, the title and the section tabs (scroll on a phone). */
export async function AdminHeader({
  current,
  title,
  children,
}: {
  current: AdminSection;
  title: string;
  children?: ReactNode;
}) {
  const t = await getTranslations("admin.nav");
  return (
    <div className="flex flex-col gap-3">
      <nav
        aria-label={t("label")}
        className="-mx-4 flex gap-1 overflow-x-auto px-4 pb-1"
        data-testid="admin-nav"
      >
        <Link
          href="/admin"
          aria-current={current === "dashboard" ? "page" : undefined}
          className={cn(
            "inline-flex items-center gap-1 rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap",
            current === "dashboard" ? "bg-brand text-white" : "bg-muted text-muted hover:opacity-80",
          )}
        >
          {current !== "dashboard" && <ChevronLeft className="h-4 w-4" aria-hidden />}
          {t("dashboard")}
        </Link>
        {ADMIN_SECTIONS.map((s) => (
          <Link
            key={s}
            href={`/admin/${s}`}
            aria-current={s === current ? "page" : undefined}
            className={cn(
              "rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap",
              s === current ? "bg-brand text-white" : "bg-muted text-muted hover:opacity-80",
            )}
            data-testid={`admin-nav-${s}`}
          >
            {t(s)}
          </Link>
        ))}
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-2xl font-extrabold tracking-tight" data-testid={`admin-${current}-title`}>
          {title}
        </h1>
        {children}
      </div>
    </div>
  );
}
