export * from "./predictions";
export * from "./queries";
export * from "./schemas";
