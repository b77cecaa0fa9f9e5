// messages of the HTTP API adapter (src/server), one table per group of routes under messages/server/, merged here
// (every key starts with "server.").
import type { KoreanOf } from "../catalogue.js";
import * as base from "./server/base.js";
import * as ledger from "./server/ledger.js";
import * as share from "./server/share.js";
import * as work from "./server/work.js";

export const en = { ...base.en, ...ledger.en, ...share.en, ...work.en } as const;

export const ko: KoreanOf<typeof en> = { ...base.ko, ...ledger.ko, ...share.ko, ...work.ko };
