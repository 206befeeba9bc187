"use client";

import { useEffect, useRef } from "react";

/**
 * What a person typed or changed in a field before the page hydrated stays in the field (React
 * keeps it) but never reached state: a form then showed one thing and would submit another (the
 * profile's Save stayed disabled until the next keystroke). `take` reads the element once, when
 * React arrives; later changes come through the fields' own handlers.
 */
export function useEarlyInput<T extends HTMLElement>(take: (element: T) => void) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (ref.current) take(ref.current);
    // Once, at hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}
