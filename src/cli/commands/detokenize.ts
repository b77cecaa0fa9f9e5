// jikimi detokenize: reverse tokens of one agreement's field with the controller's derived key. Only the
// keyring's holder can do it; tokens come as arguments or one per line on stdin. Text prints one value a line
// as the tokens come; JSON prints them all at the end, in order.
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { JikimiError, t } from "../../public/base.js";
import { deriveKey, loadKeyring, masterIdOf } from "../../public/keys.js";
import { diskReader, loadWorkspace, own, readSettings } from "../../public/workspace.js";
import { formatOption } from "../convention.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { jsonOutput, printJson } from "../output.js";

interface DetokenizeOptions {
  workspace?: string;
  field: string;
  keyId?: string;
}

/** The function that opens this agreement's tokens of `field`, with the errors that name what is wrong. */
function opener(agreement: string, opts: DetokenizeOptions): (token: string) => string {
  // declarations are NFC: a name typed or pasted in NFD (macOS) must still find its agreement and field
  const field = opts.field.normalize("NFC");
  const dir = workspaceDir(opts);
  const loaded = loadWorkspace(diskReader(dir));
  if (!loaded.ok)
    throw new JikimiError(
      "workspace_invalid",
      t("cli.errors.workspace_invalid", { problems: t("common.problems", { count: loaded.issues.length }) }),
      { hint: t("cli.errors.workspace_invalid_hint", { dir }) },
    );
  const a = loaded.workspace.agreements.get(agreement)?.value;
  if (!a)
    throw new JikimiError("unknown_agreement", t("cli.errors.unknown_agreement", { agreement }), {
      hint: t("cli.errors.known_agreements", {
        names: [...loaded.workspace.agreements.keys()].join(", ") || t("cli.ledger.none"),
      }),
    });
  const rel = own(a.fields, field);
  // a field whose transform the controller can reverse (token), asked of the transform, not its name
  const reverse = rel?.transform.reverse;
  const need = rel?.transform.key;
  if (!rel || !reverse || !need)
    throw new JikimiError("not_a_token_field", t("cli.detokenize.not_a_token_field", { field, agreement }));
  const ring = loadKeyring(readSettings(dir, process.env).keyringPath(), process.env);
  const scope = typeof rel.options.link_key === "string" ? rel.options.link_key : undefined;
  const master = opts.keyId === undefined ? undefined : masterIdOf(opts.keyId);
  const { key } = deriveKey(ring, {
    use: need.use,
    agreement: a.id,
    recipient: a.recipient,
    scope,
    length: need.length,
    master,
  });
  return reverse(key);
}

export function registerDetokenize(program: Command): void {
  formatOption(
    workspaceOption(program.command("detokenize"))
      .argument("<agreement>", t("cli.detokenize.agreement"))
      .argument("[tokens...]", t("cli.detokenize.tokens"))
      .requiredOption("-f, --field <name>", t("cli.detokenize.field"))
      .option("--key-id <id>", t("cli.detokenize.key_id"))
      .description(t("cli.detokenize.description")),
  ).action(async (agreement: string, tokens: string[], opts: DetokenizeOptions) => {
    const open = opener(agreement.normalize("NFC"), opts);
    const values: string[] = [];
    let line = 0;
    const one = (token: string) => {
      line++;
      let value: string;
      try {
        value = open(token.trim());
      } catch {
        throw new JikimiError("bad_token", t("cli.detokenize.bad_token", { line }), {
          hint: t("cli.detokenize.bad_token_hint"),
        });
      }
      if (jsonOutput()) values.push(value);
      else process.stdout.write(`${value}\n`);
    };
    if (tokens.length > 0) for (const token of tokens) one(token);
    else
      for await (const token of createInterface({ input: process.stdin }))
        if (token.trim() !== "") one(token);
    if (jsonOutput()) printJson({ agreement, field: opts.field, values });
  });
}
