// the public surface for verifying from outside, with public keys only: signed notes and checkpoints,
// cosignatures, receipts, published tiles and the monitor, and the lines that describe releases.
export { historyLines, historyTotal, releaseLines } from "../ledger/describe.js";
export { type MonitorResult, monitorLog } from "../ledger/monitor.js";
export { type CheckpointBody, checkpointText, parseCheckpoint } from "../ledger/note/checkpoint.js";
export {
  keyId,
  type NoteSigner,
  type NoteVerifier,
  openNote,
  signerFromSeed,
  signNote,
  verifierFromVkey,
  vkeyOf,
} from "../ledger/note/signed-note.js";
export { type ReceiptReport, verifyReceipt } from "../ledger/receipts/verify.js";
export {
  folderStore,
  openTiles,
  type PublishResult,
  publishLedger,
  type TilesReport,
  verifyTiles,
  writeTiles,
} from "../ledger/tiles/index.js";
export { cosignerFromSeed, verifyCosignatures } from "../witness/cosignature.js";
