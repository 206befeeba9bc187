/**
 * Every page a person can open, for the page walker (pages.spec.ts): axe, hydration and
 * console errors, English left on a Korean page, and a screenshot of each. A new page is one
 * line here. `as`: who opens it (an anonymous visitor, a signed-in player, an admin, an admin
 * who has not passed the second factor yet).
 */
export type WalkedPage = {
  path: string;
  as: "anonymous" | "player" | "admin" | "admin-gate";
  name: string;
  status?: number;
};

export const WALKED_PAGES: WalkedPage[] = [
  { path: "/", as: "anonymous", name: "board-anonymous" },
  { path: "/signin", as: "anonymous", name: "signin" },
  { path: "/rules", as: "anonymous", name: "rules" },
  { path: "/rewards", as: "anonymous", name: "rewards-anonymous" },
  { path: "/no-such-page", as: "anonymous", name: "not-found", status: 404 },

  { path: "/", as: "player", name: "board" },
  { path: "/rewards", as: "player", name: "rewards" },
  { path: "/me", as: "player", name: "me" },
  { path: "/me/points", as: "player", name: "me-points" },
  { path: "/me/predictions", as: "player", name: "me-predictions" },
  { path: "/me/notifications", as: "player", name: "me-notifications" },
  { path: "/me/redemptions", as: "player", name: "me-redemptions" },

  { path: "/admin", as: "admin", name: "admin" },
  { path: "/admin/universe", as: "admin", name: "admin-universe" },
  { path: "/admin/sessions", as: "admin", name: "admin-sessions" },
  { path: "/admin/prices", as: "admin", name: "admin-prices" },
  { path: "/admin/settlement", as: "admin", name: "admin-settlement" },
  { path: "/admin/points", as: "admin", name: "admin-points" },
  { path: "/admin/rewards", as: "admin", name: "admin-rewards" },
  { path: "/admin/users", as: "admin", name: "admin-users" },
  { path: "/admin/jobs", as: "admin", name: "admin-jobs" },
  { path: "/admin/errors", as: "admin", name: "admin-errors" },
  { path: "/admin/audit", as: "admin", name: "admin-audit" },
  // The second-factor gate, in place of any admin page (HTTP 403) until the session passes it.
  { path: "/admin/users", as: "admin-gate", name: "admin-second-factor", status: 403 },
];
