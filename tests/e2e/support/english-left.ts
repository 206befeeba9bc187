import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

type Catalogue = { [key: string]: string | Catalogue };

function flatten(c: Catalogue, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(c)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(name, v);
    else flatten(v, name, out);
  }
  return out;
}

function literals(message: string): string[] {
  const out: string[] = [];
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal) out.push(el.value);
      else if (el.type === TYPE.tag) walk(el.children);
      else if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  try {
    walk(parse(message, { ignoreTag: false }));
  } catch {
    out.push(message);
  }
  return out;
}

/**
 * Phrases of the English catalogue that the Korean one does not have: if one of them shows
 * on a Korean page, that page shows English. Short fragments (a unit, a letter) are left out.
 */
export function englishOnlyPhrases(root = process.cwd()): string[] {
  const load = (l: string) =>
    flatten(JSON.parse(fs.readFileSync(path.join(root, "messages", `${l}.json`), "utf8")) as Catalogue);
  const en = load("en");
  const ko = load("ko");
  const koText = [...ko.values()].join("\n");
  const phrases = new Set<string>();
  // A stored value with a label (PENDING, SUCCEEDED, …) shown raw instead of its Korean label.
  for (const [key, value] of ko) {
    const leaf = key.split(".").at(-1)!;
    if (/^[A-Z]{4,}$/.test(leaf) && value !== leaf) phrases.add(leaf);
  }
  for (const message of en.values())
    for (const lit of literals(message)) {
      const p = lit.trim().replace(/^[^A-Za-z]+|[^A-Za-z.!?]+$/g, "");
      if (p.length >= 6 && /[a-z]{3}/.test(p) && !koText.includes(p)) phrases.add(p);
    }
  return [...phrases];
}
