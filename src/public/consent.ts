// the public surface for consent: the registry, imports, purposes, problems and time stamps.
export {
  CONSENT_FIELDS,
  type ConsentAction,
  type ConsentField,
  ConsentInputError,
  type ConsentProblem,
  ConsentRegistry,
  type ConsentStatus,
  declaredConsentPurposes,
  type FieldProblemCode,
  fieldProblemText,
  formatInstant,
  importConsentFile,
  parseInstant,
  problemNamed,
} from "../consent/index.js";
