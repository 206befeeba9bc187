import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("a later class of the same kind wins; different kinds stay", () => {
    expect(cn("h-8 px-3 text-sm", "h-10")).toBe("px-3 text-sm h-10");
    expect(cn("h-5 w-5 text-up", "h-4 w-4")).toBe("text-up h-4 w-4");
    expect(cn("rounded-2xl p-4 sm:p-6", "p-0 sm:p-0")).toBe("rounded-2xl p-0 sm:p-0");
    expect(cn("inline-flex items-center", "flex")).toBe("items-center flex");
    expect(cn("text-sm text-muted", "text-white")).toBe("text-sm text-white");
    expect(cn("border border-subtle", "border-dashed")).toContain("border-subtle");
    expect(cn("bg-muted", false, undefined, "bg-brand")).toBe("bg-brand");
    expect(cn("px-2 whitespace-nowrap", "whitespace-normal")).toBe("px-2 whitespace-normal");
    expect(cn("w-full min-w-max", "min-w-0")).toBe("w-full min-w-0");
  });
});
