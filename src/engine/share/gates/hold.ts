// a hold: why a guard or gate keeps a release back, as data (what was measured against which limit). The data is
// the ledger's (entry.ts's HoldReason: a held release is recorded with it); ledger/holds.ts words it.

export type { HoldReason as Hold } from "../../../ledger/entry.js";
export { describeHold } from "../../../ledger/holds.js";
