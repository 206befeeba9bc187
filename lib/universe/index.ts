export * from "./default-list";
export * from "./schemas";
export * from "./trading-day";
export * from "./universe";
export * from "./compose";
