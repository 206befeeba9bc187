export * from "./ads";
export * from "./rules";
export * from "./slots";
