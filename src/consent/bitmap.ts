// the roaring bitmap class, through the ledger's one wrapper of the CommonJS package.
import { RoaringBitmap32 } from "../ledger/subjects/roaring.js";

export type { RoaringBitmap32 } from "../ledger/subjects/roaring.js";
/** The RoaringBitmap32 class, e.g. `new Bitmap([1, 2])`, `Bitmap.deserialize(buf, "portable")`. */
export const Bitmap = RoaringBitmap32;
