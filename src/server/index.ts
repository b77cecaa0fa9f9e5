// the HTTP API adapter's entry: the app, and serving it on an address (`jikimi serve`).
export { createServer, type ServerApp, type ServerOptions } from "./app.js";
export type { SubjectTokenVerifier } from "./auth.js";
export { apiError } from "./errors.js";
export { type JobContext, Jobs, type JobView, type JobWorkers } from "./jobs.js";
