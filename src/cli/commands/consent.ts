// `jikimi consent import|grant|withdraw|status`: the consent registry from the command line; subject keys
// are read from arguments or stdin and never printed. Recording accepts only the consent purposes the
// workspace's agreements declare, and skips events already recorded.
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { JikimiError, padEnd, t } from "../../public/base.js";
import {
  type ConsentAction,
  type ConsentField,
  ConsentInputError,
  type ConsentRegistry,
  type ConsentStatus,
  declaredConsentPurposes,
  formatInstant,
  importConsentFile,
  parseInstant,
  problemNamed,
} from "../../public/consent.js";
import { diskReader } from "../../public/workspace.js";
import { formatOption } from "../convention.js";
import { n, workspaceDir, workspaceOption } from "../options.js";
import { report } from "../output.js";
import { withWorkspace } from "../workspace.js";

interface CommonFlags {
  workspace?: string;
}

interface ImportFlags extends CommonFlags {
  inputFormat?: "csv" | "jsonl";
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
  return withWorkspace(flags, (ws) => fn(ws.consent({ knownPurposes })));
}

function subjectArg(subject: string): string {
  if (subject !== "-") return subject;
  const key = readFileSync(0, "utf8").split(/\r?\n/)[0] ?? "";
  if (key === "")
    throw new JikimiError("subject_missing", t("cli.consent.subject_missing"), {
      hint: t("cli.consent.subject_missing_hint"),
    });
  return key;
}

function timeFlag(at: string | undefined): string | undefined {
  if (at !== undefined && parseInstant(at) === undefined)
    throw new JikimiError("bad_time", t("cli.consent.bad_time"), { hint: t("cli.consent.bad_time_hint") });
  return at;
}

const OPTION_OF: Record<ConsentField, string> = {
  subject: "SUBJECT",
  purpose: "--purpose",
  action: "ACTION",
  at: "--at",
  source: "--source",
  evidence: "--evidence",
};

async function runImport(file: string, flags: ImportFlags): Promise<void> {
  await withRegistry(flags, "record", async (registry) => {
    // a rejected file is one error; under --format json its problems travel in the error document
    const r = await importConsentFile(registry, file, { format: flags.inputFormat });
    report(
      () => ({ ok: true, ...r }),
      () =>
        `${t("cli.consent.imported", {
          events: t("cli.consent.events", { count: r.recorded, n: n(r.recorded) }),
          file,
          new_subjects: t("cli.consent.new_subjects", { count: r.newSubjects, n: n(r.newSubjects) }),
          skipped: n(r.skipped),
          seconds: r.seconds.toFixed(1),
        })}\n`,
    );
  });
}

async function runEvent(action: ConsentAction, subject: string, flags: EventFlags): Promise<void> {
  const key = subjectArg(subject);
  const at = timeFlag(flags.at);
  const now = new Date();
  await withRegistry(flags, "record", async (registry) => {
    const details = { source: flags.source, at, evidence: flags.evidence };
    let r: Awaited<ReturnType<ConsentRegistry["grant"]>>;
    try {
      r =
        action === "grant"
          ? await registry.grant(key, flags.purpose, details, now)
          : await registry.withdraw(key, flags.purpose, details, now);
    } catch (error) {
      if (!(error instanceof ConsentInputError)) throw error;
      // "event 1: purpose is ..." reads better as "--purpose is ..." here
      const lines = error.problems.map((p) => problemNamed(p, OPTION_OF));
      throw new JikimiError(
        "consent_input_invalid",
        `${t("cli.consent.nothing_recorded")}:\n  ${lines.join("\n  ")}`,
      );
    }
    const when = formatInstant(parseInstant(at ?? now.toISOString()) ?? now.getTime());
    const what = t(action === "grant" ? "cli.consent.a_grant" : "cli.consent.a_withdrawal", {
      purpose: flags.purpose,
      at: when,
      source: flags.source,
    });
    report(
      () => ({
        ok: true,
        action,
        purpose: flags.purpose,
        at: when,
        source: flags.source,
        evidence: flags.evidence ?? null,
        new_subject: r.newSubjects > 0,
        already_recorded: r.skipped > 0,
      }),
      () =>
        `${r.skipped > 0 ? t("cli.consent.already_recorded", { what }) : t("cli.consent.recorded", { what })}\n`,
    );
  });
}

function renderStatus(consents: ConsentStatus[]): string {
  if (consents.length === 0) return `${t("cli.consent.no_events")}\n`;
  const lines: string[] = [];
  for (const c of consents) {
    lines.push(
      t(c.state === "granted" ? "cli.consent.granted_since" : "cli.consent.withdrawn_since", {
        purpose: c.purpose,
        since: c.since,
        source: c.source,
      }),
    );
    for (const h of c.history)
      lines.push(
        `  ${h.at}  ${padEnd(t(h.action === "grant" ? "cli.consent.grant_word" : "cli.consent.withdraw_word"), 8)}  ${h.source}${h.evidence === null ? "" : `  ${h.evidence}`}`,
      );
  }
  return `${lines.join("\n")}\n`;
}

async function runStatus(subject: string, flags: StatusFlags): Promise<void> {
  const key = subjectArg(subject);
  const at = timeFlag(flags.at);
  await withRegistry(flags, "read", async (registry) => {
    const consents = await registry.status(key, at);
    report(
      () => ({ consents }),
      () => renderStatus(consents),
    );
  });
}

function eventCommand(parent: Command, action: ConsentAction, description: string): void {
  formatOption(
    workspaceOption(parent.command(action))
      .description(description)
      .argument("<subject>", t("cli.consent.subject"))
      .requiredOption("--purpose <id>", t("cli.consent.purpose"))
      .requiredOption("--source <name>", t("cli.consent.source"))
      .option("--at <time>", t("cli.consent.at"))
      .option("--evidence <ref>", t("cli.consent.evidence")),
  ).action((subject: string, flags: EventFlags) => runEvent(action, subject, flags));
}

/** Registers `jikimi consent`. */
export function registerConsent(program: Command): void {
  const consent = program.command("consent").description(t("cli.consent.description"));
  formatOption(
    workspaceOption(consent.command("import"))
      .description(t("cli.consent.import"))
      .argument("<file>", t("cli.consent.file"))
      .addOption(
        new Option("--input-format <format>", t("cli.options.input_format")).choices(["csv", "jsonl"]),
      ),
    {
      legacy: {
        values: ["csv", "jsonl"],
        attribute: "inputFormat",
        replacement: (value) => `--input-format ${value}`,
      },
    },
  ).action(runImport);
  eventCommand(consent, "grant", t("cli.consent.grant"));
  eventCommand(consent, "withdraw", t("cli.consent.withdraw"));
  formatOption(
    workspaceOption(consent.command("status"))
      .description(t("cli.consent.status"))
      .argument("<subject>", t("cli.consent.subject"))
      .option("--at <time>", t("cli.consent.status_at")),
  ).action(runStatus);
}
