import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ComponentProps, ReactNode } from "react";
import { Card, CardTitle } from "../ui/card";
import { cn } from "../ui/cn";
import { AdminHeader, type AdminSection } from "./admin-nav";
import { SecondFactorPrompt } from "./second-factor-prompt";

/** What every admin page receives: the raw query string, parsed by the page itself. */
export type AdminPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `generateMetadata` of an admin page: its translated title, never indexed. */
export function adminMetadata(namespace: string, key = "title") {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations(namespace);
    return { title: t(key), robots: { index: false } };
  };
}

/** The shell of every admin page: the console's header (section tabs, title, `aside`) above the page's sections. */
export function AdminPage({
  current,
  title,
  aside,
  children,
}: {
  current: AdminSection;
  title: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current={current} title={title}>
        {aside}
      </AdminHeader>
      {children}
      <SecondFactorPrompt />
    </div>
  );
}

/** One card of an admin page: a title (with `aside` on its right), an optional hint, the content. */
export function Section({
  title,
  hint,
  aside,
  className,
  children,
  ...props
}: Omit<ComponentProps<"section">, "title"> & { title?: ReactNode; hint?: ReactNode; aside?: ReactNode }) {
  return (
    <Card className={cn("flex flex-col gap-3", className)} {...props}>
      {aside ? (
        <div className="flex flex-wrap items-end justify-between gap-2">
          <CardTitle>{title}</CardTitle>
          {aside}
        </div>
      ) : (
        title && <CardTitle>{title}</CardTitle>
      )}
      {hint && <p className="text-sm text-muted">{hint}</p>}
      {children}
    </Card>
  );
}
