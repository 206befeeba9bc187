"use client";

import { ThemeProvider } from "next-themes";
import { useEffect, type ReactNode } from "react";
import { Toaster } from "@/components/ui/toast";

// Kept small: this is in every page's JavaScript. No zod in the browser (the app's schemas run
// on the server) and no query library (the board and the bell keep their own small state).

/** `nonce`: this request's CSP nonce, for next-themes' inline script (it sets the theme before paint). */
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  // The page answers input from here on (end-to-end tests wait for it after a full load).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      nonce={nonce}
    >
      {children}
      <Toaster />
    </ThemeProvider>
  );
}
