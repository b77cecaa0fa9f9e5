// what verifyTiles reports: the shape of verifyLedger's problems (kind, entry, place, message), the place naming
// a tile path, an entry bundle or the checkpoint, with the kinds only a published log has added.
import { type Problem, type ProblemKind, Problems } from "../verify/problems.js";

export type TilesProblemKind =
  | ProblemKind
  /** a tile, bundle or checkpoint the checkpoint's size needs is not there */
  | "tile_missing"
  /** a tile of the wrong length, a bundle that does not parse or holds the wrong number of entries */
  | "tile_malformed"
  /** an entry's recorded_at is before an earlier entry's */
  | "recorded_backwards"
  /** a prune event that lists entries it cannot (itself, later ones, outside the log), or bases it did not prune */
  | "prune_mismatch";

export interface TilesProblem extends Omit<Problem, "kind"> {
  kind: TilesProblemKind;
}

/** The tiles verifier's collector: at most 20 of each kind, so a wholesale rewrite stays readable. */
export class TilesProblems extends Problems<TilesProblem> {}
