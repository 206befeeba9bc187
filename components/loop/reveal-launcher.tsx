"use client";

import dynamic from "next/dynamic";
import type { DayResults } from "@/lib/loop/player";

// Loaded only when there is a reveal to show: the board's own bundle does not carry it.
const MorningReveal = dynamic(() => import("./morning-reveal").then((m) => m.MorningReveal), { ssr: false });

export function RevealLauncher({ reveal }: { reveal: DayResults }) {
  return <MorningReveal reveal={reveal} />;
}
