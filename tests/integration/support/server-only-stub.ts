// Vitest runs domain code outside React Server Components, where "server-only" would throw.
export {};
