// jikimi detokenize: reverse tokens of one agreement's field with the controller's derived key. Only the
// keyring's holder can do it; tokens come as arguments or one per line on stdin. Text prints one value a line
// as the tokens come; JSON prints them all at the end, in order.
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { JikimiError, t } from "../../public/base.js";
import { loadKeyring } from "../../public/keys.js";
import { detokenizer, readSettings } from "../../public/workspace.js";
import { formatOption } from "../convention.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { jsonOutput, printJson } from "../output.js";

interface DetokenizeOptions {
  workspace?: string;
  field: string;
  keyId?: string;
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
    // declarations are NFC: a name typed or pasted in NFD (macOS) must still find its agreement and field
    const ring = loadKeyring(readSettings(workspaceDir(opts), process.env).keyringPath(), process.env);
    const open = detokenizer(
      workspaceDir(opts),
      ring,
      agreement.normalize("NFC"),
      opts.field.normalize("NFC"),
      opts.keyId,
    );
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
