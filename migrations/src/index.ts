export * from "./data-dir-lock.js";
export * from "./data-source.js";
export * from "./database-target.js";
export * from "./embedded-postgres.js";
export * from "./migration-list.js";
export * from "./row-level-security.js";
