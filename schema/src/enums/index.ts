export * from "./access.enums.js";
export * from "./desktop.enums.js";
export * from "./enum.js";
export * from "./identity.enums.js";
export * from "./operations.enums.js";
export * from "./pool.enums.js";
export * from "./roles.enums.js";
