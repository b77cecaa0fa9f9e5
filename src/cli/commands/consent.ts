// `jikimi consent import|grant|withdraw|status`: the consent registry from the command line; subject keys
// are read from arguments or stdin and never printed. Recording accepts only the consent purposes the
// workspace's agreements declare, and skips events already recorded.
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import {
  type ConsentAction,
  ConsentInputError,
  ConsentRegistry,
  type ConsentStatus,
  declaredConsentPurposes,
  formatInstant,
  importConsentFile,
  parseInstant,
} from "../../consent/index.js";
import { JikimiError } from "../../errors.js";
import { diskReader } from "../../io/workspace-reader.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { openWorkspaceState } from "../state.js";

interface CommonFlags {
  workspace?: string;
  json?: boolean;
}

interface ImportFlags extends CommonFlags {
  format?: "csv" | "jsonl";
}

interface EventFlags extends CommonFlags {
  purpose: string;
  source: string;
  at?: string;
  evidence?: string;
}

interface StatusFlags extends CommonFlags {
  at?: string;
}

const SUBJECT_HELP = "the subject's key, or - to read it from stdin (keeps it out of shell history)";

/**
 * Opens the workspace's registry for `fn`, closing the store afterwards; for recording, the registry
 * accepts only the consent purposes the workspace's agreements declare.
 */
async function withRegistry<T>(
  flags: CommonFlags,
  use: "record" | "read",
  fn: (registry: ConsentRegistry) => T | Promise<T>,
): Promise<T> {
  const dir = workspaceDir(flags);
  const knownPurposes = use === "record" ? declaredConsentPurposes(diskReader(dir)) : undefined;
  const state = openWorkspaceState(dir);
  try {
    return await fn(new ConsentRegistry(state.store.db, state.subjects, state.hasher, { knownPurposes }));
  } finally {
    state.close();
  }
}

function print(flags: CommonFlags, json: unknown, text: string): void {
  process.stdout.write(flags.json ? `${JSON.stringify(json, null, 2)}\n` : text);
}

function subjectArg(subject: string): string {
  if (subject !== "-") return subject;
  const key = readFileSync(0, "utf8").split(/\r?\n/)[0] ?? "";
  if (key === "")
    throw new JikimiError("subject_missing", "no subject key on stdin: write it as the first line");
  return key;
}

function timeFlag(at: string | undefined): string | undefined {
  if (at !== undefined && parseInstant(at) === undefined)
    throw new JikimiError(
      "bad_time",
      "--at is not an ISO 8601 time with a timezone: use e.g. 2024-03-01T09:30:00+09:00 or 2024-03-01T00:30:00Z",
    );
  return at;
}

const OPTION_OF: Record<string, string> = {
  subject: "SUBJECT",
  purpose: "--purpose",
  at: "--at",
  source: "--source",
  evidence: "--evidence",
};

async function runImport(file: string, flags: ImportFlags): Promise<void> {
  await withRegistry(flags, "record", async (registry) => {
    try {
      const r = await importConsentFile(registry, file, { format: flags.format });
      const n = (k: number) => k.toLocaleString("en-US");
      print(
        flags,
        { ok: true, ...r },
        `recorded ${n(r.recorded)} consent events from ${file} ` +
          `(${n(r.newSubjects)} new subjects, ${n(r.skipped)} already recorded) in ${r.seconds.toFixed(1)} s\n`,
      );
    } catch (error) {
      if (flags.json && error instanceof ConsentInputError)
        print(flags, { ok: false, total: error.total, problems: error.problems }, "");
      throw error;
    }
  });
}

async function runEvent(action: ConsentAction, subject: string, flags: EventFlags): Promise<void> {
  const key = subjectArg(subject);
  const at = timeFlag(flags.at);
  const now = new Date();
  await withRegistry(flags, "record", (registry) => {
    const details = { source: flags.source, at, evidence: flags.evidence };
    let r: ReturnType<ConsentRegistry["grant"]>;
    try {
      r =
        action === "grant"
          ? registry.grant(key, flags.purpose, details, now)
          : registry.withdraw(key, flags.purpose, details, now);
    } catch (error) {
      if (!(error instanceof ConsentInputError)) throw error;
      // "event 1: purpose is ..." reads better as "--purpose is ..." here
      const lines = error.problems.map((p) =>
        p.message.replace(/^event 1: (\w+)/, (_, f: string) => OPTION_OF[f] ?? f),
      );
      throw new JikimiError("consent_input_invalid", `nothing was recorded:\n  ${lines.join("\n  ")}`);
    }
    const when = formatInstant(parseInstant(at ?? now.toISOString()) ?? now.getTime());
    const what = `${action === "grant" ? "a grant of" : "a withdrawal from"} ${flags.purpose} at ${when} (source ${flags.source})`;
    print(
      flags,
      {
        ok: true,
        action,
        purpose: flags.purpose,
        at: when,
        source: flags.source,
        evidence: flags.evidence ?? null,
        newSubject: r.newSubjects > 0,
        alreadyRecorded: r.skipped > 0,
      },
      r.skipped > 0 ? `${what} is already recorded: nothing added\n` : `recorded ${what}\n`,
    );
  });
}

function renderStatus(consents: ConsentStatus[]): string {
  if (consents.length === 0) return "no consent events are recorded for this subject\n";
  const lines: string[] = [];
  for (const c of consents) {
    lines.push(`${c.purpose}: ${c.state} since ${c.since} (source ${c.source})`);
    for (const h of c.history)
      lines.push(
        `  ${h.at}  ${h.action.padEnd(8)}  ${h.source}${h.evidence === null ? "" : `  ${h.evidence}`}`,
      );
  }
  return `${lines.join("\n")}\n`;
}

async function runStatus(subject: string, flags: StatusFlags): Promise<void> {
  const key = subjectArg(subject);
  const at = timeFlag(flags.at);
  await withRegistry(flags, "read", (registry) => {
    const consents = registry.status(key, at);
    print(flags, { consents }, renderStatus(consents));
  });
}

function eventCommand(parent: Command, action: ConsentAction, description: string): void {
  workspaceOption(parent.command(action))
    .description(description)
    .argument("<subject>", SUBJECT_HELP)
    .requiredOption("--purpose <id>", "consent purpose, e.g. nsf-provision")
    .requiredOption("--source <name>", "the system that collected it, e.g. app-signup-v3")
    .option("--at <time>", "when, ISO 8601 with a timezone (default: now)")
    .option("--evidence <ref>", "where the proof is kept")
    .option("--json", "print JSON")
    .action((subject: string, flags: EventFlags) => runEvent(action, subject, flags));
}

/** Registers `jikimi consent`. */
export function registerConsent(program: Command): void {
  const consent = program
    .command("consent")
    .description(
      "record consents and withdrawals, and look them up (the share gateway releases only consented subjects)",
    );
  workspaceOption(consent.command("import"))
    .description(
      "import consent events from CSV (subject,purpose,action,at,source[,evidence]) or JSONL; all or nothing",
    )
    .argument("<file>", "a .csv or .jsonl file")
    .addOption(
      new Option("--format <format>", "file format (default: from the extension)").choices(["csv", "jsonl"]),
    )
    .option("--json", "print JSON (with every problem when the file is rejected)")
    .action(runImport);
  eventCommand(consent, "grant", "record that a subject granted consent to a purpose");
  eventCommand(consent, "withdraw", "record that a subject withdrew consent to a purpose");
  workspaceOption(consent.command("status"))
    .description("show a subject's consents per purpose, with their history")
    .argument("<subject>", SUBJECT_HELP)
    .option("--at <time>", "as of this time, ISO 8601 with a timezone (default: everything recorded)")
    .option("--json", "print JSON")
    .action(runStatus);
}
