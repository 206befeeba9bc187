/**
 * The messages the browser gets: only what client components read (`useTranslations` in
 * "use client" files), never the whole catalogue. The root layout passes the part every page
 * needs (the header, the tab bar, toasts, the error page); a segment whose client components
 * read more wraps its content in `<SegmentMessages segment="…">` (components/segment-messages.tsx),
 * which adds that segment's part (the console's layout adds the console's the same way). Server
 * components read the catalogue on the server and send none of it. `client-messages.test.ts`
 * follows the imports from every page and fails when a client component can render where its
 * namespace is not sent.
 */
type Messages = Record<string, unknown>;

/** Namespaces (or "namespace.key" sub-trees) read by client components on every page. */
export const PLAYER_CLIENT_MESSAGES = [
  "nav",
  "theme",
  "language",
  "session",
  "errors",
  "notifications",
] as const;

/** What the console's client components read on top (admin pages only). */
export const ADMIN_CLIENT_MESSAGES = [
  "admin.form",
  "admin.common",
  "admin.secondFactor",
  "admin.runs",
  "adminLabels",
  "adminRewards",
  "redemptions.status",
] as const;

/** What a segment's client components read on top of the part every page gets. */
export const SEGMENT_CLIENT_MESSAGES = {
  board: ["board", "myCalls.void", "loop.bar", "loop.reveal"],
  me: ["profile", "loop.settings", "loop.stats", "loop.reveal", "redemptions"],
  rewards: ["rewards", "redemptions"],
  signin: ["auth"],
  admin: ADMIN_CLIENT_MESSAGES,
} as const satisfies Record<string, readonly string[]>;

export type MessageSegment = keyof typeof SEGMENT_CLIENT_MESSAGES;

/** The sub-trees of `messages` named by `paths`, in the catalogue's shape. */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: unknown = messages;
    for (const k of keys) from = from && typeof from === "object" ? (from as Messages)[k] : undefined;
    if (from === undefined) continue;
    let into = out;
    for (const k of keys.slice(0, -1)) into = (into[k] ??= {}) as Messages;
    into[keys[keys.length - 1]!] = from;
  }
  return out;
}

export function clientMessages(messages: Messages, scope: "player" | MessageSegment): Messages {
  return pickMessages(messages, [
    ...PLAYER_CLIENT_MESSAGES,
    ...(scope === "player" ? [] : SEGMENT_CLIENT_MESSAGES[scope]),
  ]);
}
