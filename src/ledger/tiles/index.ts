// the log as static tiles (c2sp.org/tlog-tiles): paths, the publisher, readers over a folder or a URL, and the
// verifier that needs public material only.
export { decodeBundle, encodeBundle, MAX_ENTRY_BYTES, markerLeaf, prunedMarker } from "./bundle.js";
export { hashTiles, tileRoot } from "./hash-tiles.js";
export { httpReader, openTiles } from "./http.js";
export { bundlesOf, hashTilesOf, indexPath, type TileId, tilePath } from "./path.js";
export { type PublishLedger, type PublishOutcome, publishLedger } from "./publish.js";
export { type LogSource, ledgerLogSource } from "./source.js";
export { folderStore, type TileReader, type TileStore } from "./store.js";
export {
  type TilesProblem,
  type TilesProblemKind,
  type TilesReport,
  type VerifyTilesOptions,
  verifyTiles,
} from "./verify.js";
export { type PublishResult, writeTiles } from "./write.js";
