import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AccountArea } from "@/components/account-area";
import { MobileTabBar } from "@/components/main-nav";
import { SiteHeader } from "@/components/site-header";
import { clientMessages } from "@/lib/i18n/client-messages";
import { isLocale } from "@/lib/i18n/config";
import { UPDOWN_COOKIE, upDownOf } from "@/lib/i18n/updown";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8f8fb" },
    { media: "(prefers-color-scheme: dark)", color: "#1b1a22" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  // Set by proxy.ts with the CSP; reading it also keeps every page dynamic, as nonces need.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const upDown = upDownOf(isLocale(locale) ? locale : "ko", (await cookies()).get(UPDOWN_COOKIE)?.value);
  return (
    <html lang={locale} data-updown={upDown} suppressHydrationWarning>
      <body className="min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-card focus:p-2"
        >
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider messages={clientMessages(await getMessages(), "player")}>
          <Providers nonce={nonce}>
            <SiteHeader account={<AccountArea />} />
            <main id="main" className="mx-auto w-full max-w-5xl px-4 pt-6 pb-24 md:pb-10">
              {children}
            </main>
            <MobileTabBar />
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
