"use client";

import { lazy, Suspense } from "react";
import type { DayResults } from "@/lib/loop/player";
import { useMounted } from "../use-mounted";

// Loaded only when there is a reveal to show, and only in the browser: the board's own bundle
// does not carry it.
const MorningReveal = lazy(() => import("./morning-reveal").then((m) => ({ default: m.MorningReveal })));

export function RevealLauncher({ reveal }: { reveal: DayResults }) {
  const mounted = useMounted();
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <MorningReveal reveal={reveal} />
    </Suspense>
  );
}
