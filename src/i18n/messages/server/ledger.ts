// messages of the HTTP API (ledger): every key starts with "server.".
import type { KoreanOf } from "../../catalogue.js";

export const en = {} as const;

export const ko: KoreanOf<typeof en> = {};
