// messages of the CLI adapter: option help, progress, summaries and the errors of argument parsing.
import type { KoreanOf } from "../catalogue.js";

export const en = {} as const;

export const ko: KoreanOf<typeof en> = {};
