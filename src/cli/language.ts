// the language of a run, decided before commander parses (its own help and errors are then in that language too):
// --lang, then the workspace's jikimi.yaml `lang`, then the locale.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { JikimiError, type Language, resolveLanguage, t } from "../public/base.js";

/** The value of `--name v` or `--name=v` (or `-s v`) in argv, last one wins; undefined when absent. */
function flagValue(argv: readonly string[], names: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") break;
    for (const name of names) {
      if (arg === name) value = argv[i + 1];
      else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
    }
  }
  return value;
}

/** The workspace's `lang`, when its jikimi.yaml can be read and says one; any problem is left to the command. */
function workspaceLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const dir = resolve(flagValue(argv, ["-w", "--workspace"]) ?? env.JIKIMI_WORKSPACE ?? ".");
  try {
    const doc: unknown = parse(readFileSync(join(dir, "jikimi.yaml"), "utf8"));
    if (typeof doc === "object" && doc !== null && "lang" in doc && typeof doc.lang === "string")
      return doc.lang;
  } catch {
    // no workspace here, or one the command will report on
  }
  return undefined;
}

/**
 * The language to speak, or the error for a `--lang` Jikimi does not speak.
 * @example languageOf(["node", "jikimi", "check", "--lang", "ko"], process.env) // "ko"
 */
export function languageOf(argv: readonly string[], env: NodeJS.ProcessEnv): Language | JikimiError {
  const flag = flagValue(argv.slice(2), ["--lang"]);
  const language = resolveLanguage(flag, workspaceLanguage(argv.slice(2), env), env);
  if (language !== undefined) return language;
  return new JikimiError("bad_lang", t("common.bad_lang", { value: JSON.stringify(flag ?? "") }), {
    hint: t("common.bad_lang_hint"),
  });
}
