export * from "./nyse-holidays";
export * from "./trading-calendar";
export * from "./parse-day";
