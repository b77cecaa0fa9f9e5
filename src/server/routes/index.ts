// every route group of the API, registered once here (each file owns one resource).
import type { ServerApp } from "../app.js";
import { registerAccess } from "./access.js";
import { registerAgreementsWeb } from "./agreements-web.js";
import { registerAnalysis } from "./analysis.js";
import { registerConsent } from "./consent.js";
import { registerConsentSummary } from "./consent-summary.js";
import { registerDetokenize } from "./detokenize.js";
import { registerDocs } from "./docs.js";
import { registerJobs } from "./jobs.js";
import { registerLedger } from "./ledger.js";
import { registerLedgerWeb } from "./ledger-web.js";
import { registerMeta } from "./meta.js";
import { registerReports } from "./reports.js";
import { registerShare } from "./share.js";
import { registerSubjects } from "./subjects.js";
import { registerTiles } from "./tiles.js";
import { registerWeb } from "./web.js";
import { registerWorkspace } from "./workspace.js";

/** Adds every route to `app`. */
export function registerRoutes(app: ServerApp): void {
  registerMeta(app);
  registerDocs(app);
  registerJobs(app);
  registerShare(app);
  registerAccess(app);
  registerWorkspace(app);
  registerAgreementsWeb(app);
  registerConsent(app);
  registerConsentSummary(app);
  registerAnalysis(app);
  registerDetokenize(app);
  registerLedger(app);
  registerLedgerWeb(app);
  registerTiles(app);
  registerSubjects(app);
  registerReports(app);
  registerWeb(app);
}
