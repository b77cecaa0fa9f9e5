// jikimi tokens issue | list | revoke: the HTTP API's bearer tokens on the workspace's store. `issue` prints the
// token once, alone on stdout (every other line goes to stderr), so `TOKEN=$(jikimi tokens issue ...)` holds it;
// only a hash of its secret is kept. `issue --role subject --subject KEY` mints a person's short-lived signed
// token instead (the subject key is never printed). `list` never shows a secret or its hash.
import { type Command, Option } from "commander";
import { JikimiError, t, table } from "../../public/base.js";
import { issueToken, mintSubjectToken, type TokenRecord, type TokenRole } from "../../public/server.js";
import { formatOption } from "../convention.js";
import { workspaceOption } from "../options.js";
import { jsonOutput, note, printJson, report } from "../output.js";
import { inWorkspace } from "../workspace.js";

const ROLES = ["operator", "dpo", "regulator", "controller", "subject"] as const;

interface IssueOptions {
  workspace?: string;
  role: (typeof ROLES)[number];
  name?: string;
  subject?: string;
  ttl?: string;
}

function registerIssue(tokens: Command): void {
  formatOption(workspaceOption(tokens.command("issue")))
    .description(t("cli.tokens.issue.description"))
    .addOption(new Option("--role <role>", t("cli.tokens.role")).choices(ROLES).makeOptionMandatory())
    .option("--name <name>", t("cli.tokens.name"))
    .option("--subject <key>", t("cli.tokens.subject"))
    .option("--ttl <duration>", t("cli.tokens.ttl"))
    .action(async (opts: IssueOptions) => {
      if (opts.role === "subject") await issueSubject(opts);
      else await issueApiToken(opts, opts.role);
    });
}

async function issueApiToken(opts: IssueOptions, role: TokenRole): Promise<void> {
  if (opts.subject !== undefined)
    throw new JikimiError("bad_option", t("cli.tokens.subject_only"), {
      hint: t("cli.tokens.subject_only_hint"),
    });
  if (opts.name === undefined)
    throw new JikimiError("bad_option", t("cli.tokens.name_missing"), {
      hint: t("cli.tokens.name_missing_hint"),
    });
  const name = opts.name;
  const { token, record } = await inWorkspace(opts, (ws) =>
    issueToken(ws.store.tokens, { name, role, ttl: opts.ttl ?? "90d" }),
  );
  note(t("cli.tokens.issued", { id: record.id, name: record.name, role, expires: record.expiresAt }));
  if (jsonOutput())
    printJson({ id: record.id, name: record.name, role, expires_at: record.expiresAt, token });
  else process.stdout.write(`${token}\n`);
  note(t("cli.tokens.shown_once"));
}

async function issueSubject(opts: IssueOptions): Promise<void> {
  if (opts.name !== undefined)
    throw new JikimiError("bad_option", t("cli.tokens.name_not_for_subject"), {
      hint: t("cli.tokens.name_not_for_subject_hint"),
    });
  if (opts.subject === undefined)
    throw new JikimiError("bad_subject_key", t("cli.tokens.subject_missing"), {
      hint: t("cli.tokens.subject_missing_hint"),
    });
  const subjectKey = opts.subject;
  const { token, expiresAt } = await inWorkspace(opts, (ws) =>
    mintSubjectToken(ws, { subjectKey, ttl: opts.ttl ?? "10m" }),
  );
  note(t("cli.tokens.issued_subject", { expires: expiresAt }));
  if (jsonOutput()) printJson({ role: "subject", expires_at: expiresAt, token });
  else process.stdout.write(`${token}\n`);
  note(t("cli.tokens.shown_once"));
}

/** A token as `list` shows it: never its secret's hash. */
const listed = (r: TokenRecord) => ({
  id: r.id,
  name: r.name,
  role: r.role,
  created_at: r.createdAt,
  expires_at: r.expiresAt,
  revoked_at: r.revokedAt ?? null,
});

function registerList(tokens: Command): void {
  formatOption(workspaceOption(tokens.command("list")))
    .description(t("cli.tokens.list.description"))
    .action(async (opts: { workspace?: string }) => {
      const records = await inWorkspace(opts, (ws) => ws.store.tokens.list());
      if (records.length === 0 && !jsonOutput()) note(t("cli.tokens.none"));
      report(
        () => ({ tokens: records.map(listed) }),
        () => {
          if (records.length === 0) return "";
          const head = ["id", "name", "role", "created", "expires", "revoked"].map((c) =>
            t(`cli.tokens.column.${c}` as Parameters<typeof t>[0]),
          );
          const rows = records.map((r) => [
            r.id,
            r.name,
            r.role,
            r.createdAt,
            r.expiresAt,
            r.revokedAt ?? "-",
          ]);
          return table([head, ...rows])
            .map((l) => `${l}\n`)
            .join("");
        },
      );
    });
}

function registerRevoke(tokens: Command): void {
  formatOption(workspaceOption(tokens.command("revoke")))
    .description(t("cli.tokens.revoke.description"))
    .argument("<id>", t("cli.tokens.id"))
    .action(async (id: string, opts: { workspace?: string }) => {
      const at = new Date().toISOString();
      const record = await inWorkspace(opts, async (ws) => {
        const found = /^[0-9a-f]{12}$/.test(id) ? await ws.store.tokens.find(id) : undefined;
        if (found === undefined)
          throw new JikimiError("unknown_token", t("cli.tokens.unknown", { id: safeId(id) }), {
            hint: t("cli.tokens.unknown_hint"),
          });
        if (found.revokedAt !== undefined || !(await ws.store.tokens.revoke(id, at)))
          throw new JikimiError("token_revoked", t("cli.tokens.already_revoked", { id }), {
            hint: t("cli.tokens.already_revoked_hint"),
          });
        return found;
      });
      report(
        () => ({ id: record.id, name: record.name, role: record.role, revoked_at: at }),
        () => `${t("cli.tokens.revoked", { id: record.id, name: record.name })}\n`,
      );
    });
}

/** An id fit to repeat in a message: a token text pasted by mistake is cut to its public part. */
function safeId(id: string): string {
  const m = /^jk_([0-9a-f]{12})_/.exec(id);
  if (m) return m[1] as string;
  return /^[0-9A-Za-z-]{1,16}$/.test(id) ? id : "…";
}

export function registerTokens(program: Command): void {
  const tokens = program.command("tokens").description(t("cli.tokens.description"));
  registerIssue(tokens);
  registerList(tokens);
  registerRevoke(tokens);
}
