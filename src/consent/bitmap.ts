// the roaring bitmap class (the package is CommonJS, so ESM reaches it through its default export).
import roaring, { type RoaringBitmap32 } from "roaring";

export type { RoaringBitmap32 };
/** The RoaringBitmap32 class, e.g. `new Bitmap([1, 2])`, `Bitmap.deserialize(buf, "portable")`. */
export const Bitmap: typeof roaring.RoaringBitmap32 = roaring.RoaringBitmap32;
