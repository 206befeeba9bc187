import { snippetLinter } from "@/tests/support/eslint-snippets";
import { beforeAll, describe, expect, it } from "vitest";

/** The "thin app/" rule, checked by running the project's own ESLint configuration. */
const eslint = snippetLinter();

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("app/ never imports drizzle or the schema", () => {
  // Loading eslint-config-next takes seconds; pay it once. (The whole tree is linted by `npm run lint`.)
  beforeAll(() => restrictedImports("", "app/warm-up.ts"), 60_000);

  it.each([
    ['import { eq } from "drizzle-orm";', "app/(admin)/admin/x/page.tsx"],
    ['import { pgTable } from "drizzle-orm/pg-core";', "app/api/x/route.ts"],
    ['import { users } from "@/db/schema";', "app/(play)/x/page.tsx"],
    ['import { users } from "@/db/schema/accounts";', "app/api/x/route.ts"],
    ['import type { User } from "../../../db/schema";', "app/api/x/route.ts"],
  ])("refuses %s in %s", async (code, filePath) => {
    expect(await restrictedImports(`${code}\nexport const x = 1;\n`, filePath)).toHaveLength(1);
  });

  it("allows the same imports in lib/ and calling lib from app/", async () => {
    expect(
      await restrictedImports(
        'import { eq } from "drizzle-orm";\nimport { users } from "@/db/schema";\nexport const x = [eq, users];\n',
        "lib/x/queries.ts",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'import { getDb } from "@/db";\nexport const x = getDb;\n',
        "app/api/x/route.ts",
      ),
    ).toEqual([]);
  });
});
