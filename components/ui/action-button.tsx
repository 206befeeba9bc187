"use client";

import { useTransition } from "react";
import { Button, type ButtonProps } from "./button";

/** A button that runs a server action in a transition and stays disabled until it is done. */
export function ActionButton({
  run,
  disabled,
  ...props
}: Omit<ButtonProps, "onClick"> & { run: () => Promise<void> }) {
  const [pending, start] = useTransition();
  return <Button {...props} disabled={disabled || pending} onClick={() => start(run)} />;
}
