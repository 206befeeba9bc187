/** The board's sectors, in the order the board groups them (names and data: default-names.ts). */
export const SECTORS = [
  "etf",
  "semis",
  "defense",
  "fintech",
  "energy",
  "security",
  "software",
  "quantum",
  "space",
  "mobility",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];
