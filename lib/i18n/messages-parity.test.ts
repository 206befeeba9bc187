import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./config";

type Catalogue = { [key: string]: string | Catalogue };

function load(locale: string): Catalogue {
  return JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages", `${locale}.json`), "utf8"));
}

/** Every leaf as "a.b.c" → message. */
function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses (`{name}`, `{n, plural, …}`, rich-text `<tag>`), from the real parser. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.tag) {
        names.add(`<${el.value}>`);
        walk(el.children);
      } else if (el.type === TYPE.plural || el.type === TYPE.select) {
        names.add(`{${el.value}}`);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type !== TYPE.literal && el.type !== TYPE.pound) {
        names.add(`{${el.value}}`);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe("message catalogues", () => {
  const [reference, ...others] = LOCALES;
  const base = flatten(load(reference));

  it("argumentsOf finds plain, plural and tag arguments", () => {
    expect(argumentsOf("{n, plural, one {# call} other {# calls}} by <b>{name}</b>")).toEqual([
      "<b>",
      "{name}",
      "{n}",
    ]);
  });

  for (const locale of others) {
    const catalogue = flatten(load(locale));
    it(`${locale} has exactly the keys of ${reference}`, () => {
      const missing = [...base.keys()].filter((k) => !catalogue.has(k));
      const extra = [...catalogue.keys()].filter((k) => !base.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });
    it(`${locale} messages use the same arguments as ${reference}`, () => {
      const differing = [...base.entries()]
        .filter(([k]) => catalogue.has(k))
        .filter(([k, v]) => argumentsOf(v).join() !== argumentsOf(catalogue.get(k)!).join())
        .map(([k]) => k);
      expect(differing).toEqual([]);
    });
    it(`${locale} has no empty message`, () => {
      expect([...catalogue.entries()].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
    });
  }
});
