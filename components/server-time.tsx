"use client";

import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";

/**
 * The server's clock, not the device's: the page carries the server time it was rendered
 * at, and the client keeps the offset, so countdowns agree with what the server enforces.
 */
const OffsetContext = createContext(0);

export function ServerTimeProvider({ serverNow, children }: { serverNow: number; children: ReactNode }) {
  // Computed once on the client during hydration; the server's own value is never used.
  const [offset] = useState(() => serverNow - Date.now());
  return <OffsetContext.Provider value={offset}>{children}</OffsetContext.Provider>;
}

function subscribeEverySecond(onChange: () => void) {
  const id = setInterval(onChange, 250);
  return () => clearInterval(id);
}

/** The server's "now" to the second, ticking; null while rendering on the server. */
export function useServerNow(): number | null {
  const offset = useContext(OffsetContext);
  const second = useSyncExternalStore(
    subscribeEverySecond,
    () => Math.floor((Date.now() + offset) / 1000),
    () => null,
  );
  return second === null ? null : second * 1000;
}
