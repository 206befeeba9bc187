import { describe, expect, it } from "vitest";
import { provisionOAuthUser } from "@/lib/accounts";
import { devIdentity } from "@/lib/auth/identities";
import { assertAdmin, loadSessionUser } from "@/lib/auth/session-user";
import { getBalance } from "@/lib/points";
import { useTestDb } from "./support/db";
import { sessionOf } from "./support/players";

/** The development sign-in provisions through the same path as OAuth (lib/auth/provision-on-sign-in.ts). */
const t = useTestDb();
const NOW = new Date("2031-06-01T00:00:00Z");

async function devSignIn(nickname: string, role: "player" | "admin") {
  const { extraAdminEmails = [], ...identity } = devIdentity({ nickname, role });
  return provisionOAuthUser(t.db, { ...identity, adminEmails: [...extraAdminEmails], now: NOW });
}

describe("development sign-in", () => {
  it("a named player: created once with the signup bonus, the same player on the next sign-in", async () => {
    const first = await devSignIn("Minji", "player");
    expect(first).toMatchObject({ created: true, user: { nickname: "Minji", role: "player", email: null } });
    const again = await devSignIn("minji", "player");
    expect(again).toMatchObject({ created: false, user: { id: first.user.id } });
    expect(await getBalance(t.db, first.user.id)).toBe(1000);
  });

  it("a named admin is an admin through the allow-list path; the player of the same name stays a player", async () => {
    const player = await devSignIn("Dana", "player");
    const admin = await devSignIn("Dana", "admin");
    expect(admin.user.id).not.toBe(player.user.id);
    expect(admin.user.nickname).toBe("Dana2");
    expect(assertAdmin(await loadSessionUser(t.db, await sessionOf(t.db, admin.user.id))).role).toBe("admin");
    expect(() => assertAdmin(player.user)).toThrow(/admins only/);
  });
});
