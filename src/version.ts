// the package version, kept in code so nothing reads package.json at runtime; a test keeps the two in step.

/** The jikimi version, e.g. in report headers: `{ jikimi: VERSION }`. */
export const VERSION = "0.1.0";
