// roaring is a CommonJS module: ESM code imports RoaringBitmap32 from here, never by name from "roaring".
import roaring from "roaring";

export const RoaringBitmap32 = roaring.RoaringBitmap32;
export type RoaringBitmap32 = InstanceType<typeof roaring.RoaringBitmap32>;
