// Server entry point. Client components import "./schemas" or "./constants" directly.
export * from "./admin";
export * from "./constants";
export * from "./ledger";
export * from "./queries";
export * from "./schemas";
