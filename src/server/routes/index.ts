// every route group of the API, registered once here (each file owns one resource).
import type { ServerApp } from "../app.js";
import { registerDocs } from "./docs.js";
import { registerJobs } from "./jobs.js";
import { registerMeta } from "./meta.js";

/** Adds every route to `app`. */
export function registerRoutes(app: ServerApp): void {
  registerMeta(app);
  registerDocs(app);
  registerJobs(app);
}
