// every rule jikimi check runs, in the order findings are explained.
import type { Rule } from "../rule.js";
import { consentNotice } from "./consent-notice.js";
import { creditConsent } from "./credit-consent.js";
import { crossBorderWithoutBasis } from "./cross-border.js";
import { entrustmentTest } from "./entrustment.js";
import { identifierInClear } from "./identifier-in-clear.js";
import { legalBasisFit } from "./legal-basis-fit.js";
import { linkableJoinKey } from "./linkable-join-key.js";
import { missingRetention } from "./missing-retention.js";
import { missingVolumeLimits } from "./missing-volume-limits.js";
import { pseudonymisedIdentifiers } from "./pseudonymised-identifiers.js";
import { undeclaredField } from "./undeclared-field.js";
import { unkeyedHash } from "./unkeyed-hash.js";
import { unneededCategory } from "./unneeded-category.js";
import { unscopedPopulation } from "./unscoped-population.js";
import { agreementValidity } from "./validity.js";

export const RULES: readonly Rule[] = [
  unkeyedHash,
  identifierInClear,
  crossBorderWithoutBasis,
  entrustmentTest,
  legalBasisFit,
  creditConsent,
  consentNotice,
  unscopedPopulation,
  linkableJoinKey,
  unneededCategory,
  pseudonymisedIdentifiers,
  missingRetention,
  agreementValidity,
  undeclaredField,
  missingVolumeLimits,
];
