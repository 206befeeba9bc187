export * from "./default-list";
export * from "./schemas";
export * from "./universe";
