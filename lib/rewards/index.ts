// Server entry point. Client components import "./schemas" or "./constants" directly.
export * from "./catalog";
export * from "./constants";
export * from "./fulfilment";
export * from "./queries";
export * from "./redeem";
export * from "./schemas";
export * from "./vendor";
