// reports built from the workspace's declarations alone (no ledger): the records of processing activities (GDPR
// Art. 30(1)) and the privacy-policy tables (PIPA Art. 30(1), 28-8(2)); each returns language-free `data` and a
// `ReportDocument` in the requested language.
export {
  type CrossBorderGap,
  type CrossBorderRow,
  type EntrustmentRow,
  type PolicyData,
  type PolicyItem,
  type PolicyPurpose,
  policyData,
  privacyPolicyTables,
  type ThirdPartyRow,
} from "./policy-tables.js";
export {
  type RopaActivity,
  type RopaData,
  type RopaGap,
  type RopaTransfer,
  recordsOfProcessing,
  ropaData,
} from "./records-of-processing.js";
export type { DeclarationsReportOptions, RecipientData, ReleasedItem, RetentionData } from "./shared.js";
