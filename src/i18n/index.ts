// Korean and English from one catalogue (i18next): t() renders a message in the language in force, which is
// the one set by withLanguage() for the current async context (a server request), else setLanguage() (the CLI),
// else English. Messages never carry record values, keys or tokens: callers pass names, counts and places only.
import { AsyncLocalStorage } from "node:async_hooks";
import i18next from "i18next";
import type { Table } from "./catalogue.js";
import * as app from "./messages/app.js";
import * as cli from "./messages/cli.js";
import * as common from "./messages/common.js";
import * as consent from "./messages/consent.js";
import * as crypto from "./messages/crypto.js";
import * as distributed from "./messages/distributed.js";
import * as document from "./messages/document.js";
import * as engine from "./messages/engine.js";
import * as expr from "./messages/expr.js";
import * as generate from "./messages/generate.js";
import * as io from "./messages/io.js";
import * as ledger from "./messages/ledger.js";
import * as model from "./messages/model.js";
import * as policy from "./messages/policy.js";
import * as report from "./messages/report.js";
import * as risk from "./messages/risk.js";
import * as scan from "./messages/scan.js";
import * as server from "./messages/server.js";
import * as state from "./messages/state.js";
import * as store from "./messages/store.js";
import * as taxonomy from "./messages/taxonomy.js";
import * as web from "./messages/web.js";
import * as witness from "./messages/witness.js";

/** The languages Jikimi speaks. */
export const LANGUAGES = ["ko", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every area's tables, in one place (tests walk them). */
export const AREAS = {
  common,
  app,
  cli,
  consent,
  crypto,
  distributed,
  document,
  engine,
  expr,
  generate,
  io,
  ledger,
  model,
  policy,
  report,
  risk,
  scan,
  server,
  state,
  store,
  taxonomy,
  web,
  witness,
} as const;

type Areas = typeof AREAS;
type AnyKey = { [A in keyof Areas]: keyof Areas[A]["en"] & string }[keyof Areas];
/** Every key of the catalogue, plural forms by their base key (a key not in an English table fails to compile). */
export type MessageKey = AnyKey extends infer K
  ? K extends `${infer Base}_${"one" | "other"}`
    ? Base
    : K
  : never;
/** Values put into a message: names, counts, places; never a record value. */
export type MessageParams = Readonly<Record<string, string | number | bigint | boolean>>;

function merged(language: Language): Record<string, string> {
  const table: Record<string, string> = {};
  for (const [area, tables] of Object.entries(AREAS)) {
    for (const [key, value] of Object.entries(tables[language] as Table)) {
      if (key in table)
        throw new Error(`message ${key} is declared twice (second time in messages/${area}.ts)`);
      table[key] = value;
    }
  }
  return table;
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: "en",
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  resources: { en: { translation: merged("en") }, ko: { translation: merged("ko") } },
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnEmptyString: false,
});
const fixed = { en: instance.getFixedT("en"), ko: instance.getFixedT("ko") };

let processLanguage: Language = "en";
const contextLanguage = new AsyncLocalStorage<Language>();

/** The language messages are rendered in now. */
export function currentLanguage(): Language {
  return contextLanguage.getStore() ?? processLanguage;
}

/** Sets the language of the whole process (the CLI does this once, before running a command). */
export function setLanguage(language: Language): void {
  processLanguage = language;
}

/** Runs `fn` with messages in `language` (a server sets this per request). */
export function withLanguage<T>(language: Language, fn: () => T): T {
  return contextLanguage.run(language, fn);
}

/**
 * Renders a message in the language in force (or the one given).
 * @example t("common.releases", { count: 1 }) // "1 release"; in Korean "제공 1건"
 */
export function t(key: MessageKey, params?: MessageParams, language: Language = currentLanguage()): string {
  const options: Record<string, unknown> = {};
  if (params !== undefined)
    for (const [name, value] of Object.entries(params))
      options[name] = typeof value === "bigint" ? value.toString() : value;
  return fixed[language](key, options) as string;
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to speak: the flag, then the workspace's `lang`, then the locale in LC_ALL, LC_MESSAGES or LANG
 * (ko_KR.UTF-8 speaks Korean), else English. An unknown flag value is the caller's error; an unknown locale is
 * English.
 */
export function resolveLanguage(
  flag: string | undefined,
  workspace: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Language | undefined {
  if (flag !== undefined) return isLanguage(flag) ? flag : undefined;
  if (workspace !== undefined && isLanguage(workspace)) return workspace;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("ko") ? "ko" : "en";
}

/**
 * The language an Accept-Language header asks for among the ones Jikimi speaks (highest q first), or undefined.
 * @example requestLanguage("ko-KR,ko;q=0.9,en;q=0.8") // "ko"
 */
export function requestLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.base).find(isLanguage);
}
