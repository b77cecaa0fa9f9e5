// messages of src/crypto/ and its adapters.
import type { KoreanOf } from "../catalogue.js";

export const en = {} as const;

export const ko: KoreanOf<typeof en> = {};
