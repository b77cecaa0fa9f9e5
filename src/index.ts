// the public library surface: what the CLI, the server and other programs may use, by domain (src/public/*.ts;
// an adapter imports the areas it needs, so a verb loads only its part of the library).
export * from "./public/base.js";
export * from "./public/consent.js";
export * from "./public/generate.js";
export * from "./public/keys.js";
export * from "./public/ledger.js";
export * from "./public/locks.js";
export * from "./public/records.js";
export * from "./public/release.js";
export * from "./public/report.js";
export * from "./public/risk.js";
export * from "./public/scan.js";
export * from "./public/share.js";
export * from "./public/verify.js";
export * from "./public/witness.js";
export * from "./public/workspace.js";
