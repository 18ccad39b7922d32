export * from "./errors/index.ts";
export * from "./licence/index.ts";
