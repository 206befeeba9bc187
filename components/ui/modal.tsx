"use client";

import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "./cn";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal on the browser's own `<dialog>`: `showModal()` puts it in the top layer, makes the
 * page behind it inert and moves focus in; Esc asks `onClose` (refused while `dismissible` is
 * false); Tab and Shift+Tab wrap inside it. Focus returns to where it was when it closes.
 */
export function Modal({
  open,
  onClose,
  dismissible = true,
  labelledBy,
  describedBy,
  className,
  children,
  ...rest
}: {
  open: boolean;
  onClose: () => void;
  dismissible?: boolean;
  labelledBy: string;
  describedBy?: string;
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const before = document.activeElement as HTMLElement | null;
      dialog.showModal();
      return () => {
        dialog.close();
        before?.focus?.();
      };
    }
  }, [open]);

  function onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== "Tab") return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onKeyDown={onKeyDown}
      className={cn(
        "m-0 max-h-none max-w-none bg-transparent p-0 text-[var(--foreground)] backdrop:bg-black/50",
        className,
      )}
      {...rest}
    >
      {children}
    </dialog>
  );
}
