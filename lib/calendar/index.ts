export * from "./nyse-holidays";
export * from "./trading-calendar";
