// the public surface for recording releases without the gateway: plans, recording a release from a manifest,
// and the journals a killed run leaves (recovery).
export { recordRelease } from "../engine/record.js";
export {
  describeRecovery,
  pendingAgreements,
  type Recovery,
  recoverRelease,
} from "../engine/release/journal.js";
export { heldRelease, planRelease } from "../engine/release-plan.js";
