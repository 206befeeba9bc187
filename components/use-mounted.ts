"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};

/** True on the client after hydration, false during server rendering (no effect needed). */
export function useMounted(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
