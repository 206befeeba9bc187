export * from "./users";
export * from "./game";
export * from "./prices";
export * from "./points";
export * from "./rewards";
export * from "./ops";
export * from "./loop";
