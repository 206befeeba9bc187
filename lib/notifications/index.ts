// Server entry point. Client components import "./schemas" directly.
export * from "./notify";
export * from "./queries";
export * from "./schemas";
