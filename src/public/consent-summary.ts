// the public surface of the consent summary (the dashboard's consent page): counts per purpose over time, no subject.
export {
  type ConsentBucket,
  type ConsentReleasePoint,
  type ConsentSummaryData,
  consentSummary,
  type PurposeSummary,
} from "../app/consent-summary.js";
