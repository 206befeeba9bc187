// Server entry point. Client components (the profile form) import "./nickname" or "./schemas" directly.
export * from "./nickname";
export * from "./provision";
export * from "./schemas";
export * from "./users";
