// jikimi detokenize: reverse tokens of one agreement's field with the controller's derived key. Only the
// keyring's holder can do it; tokens come as arguments or one per line on stdin.
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { deriveKey, masterIdOf } from "../../crypto/derive.js";
import { loadKeyring } from "../../crypto/keyring.js";
import { detokenizer } from "../../engine/transforms/token-apply.js";
import { JikimiError } from "../../errors.js";
import { diskReader } from "../../io/workspace-reader.js";
import { loadWorkspace } from "../../model/load.js";
import { own } from "../../model/names.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { workspaceKeyringPath } from "../state.js";

export function registerDetokenize(program: Command): void {
  workspaceOption(program.command("detokenize"))
    .argument("<agreement>", "the agreement whose tokens these are")
    .argument(
      "[tokens...]",
      "tokens (after --, since a token may start with -); without any, one per line on stdin",
    )
    .requiredOption("-f, --field <name>", "the field the tokens were made for")
    .option("--key-id <id>", "the key id recorded in the ledger entry (for tokens made before a rotation)")
    .description("reverse tokens made by the token transform (controller only)")
    .action(
      async (
        agreement: string,
        tokens: string[],
        opts: { workspace?: string; field: string; keyId?: string },
      ) => {
        const dir = workspaceDir(opts);
        const loaded = loadWorkspace(diskReader(dir));
        if (!loaded.ok)
          throw new JikimiError(
            "workspace_invalid",
            `the workspace has problems: run \`jikimi check -w ${dir}\``,
          );
        const a = loaded.workspace.agreements.get(agreement)?.value;
        if (!a) throw new JikimiError("unknown_agreement", `there is no agreement "${agreement}"`);
        const rel = own(a.fields, opts.field);
        if (rel?.transform.name !== "token")
          throw new JikimiError(
            "not_a_token_field",
            `field "${opts.field}" of "${agreement}" is not released as a token`,
          );
        const ring = loadKeyring(workspaceKeyringPath(dir));
        const scope = typeof rel.options.link_key === "string" ? rel.options.link_key : undefined;
        const master = opts.keyId === undefined ? undefined : masterIdOf(opts.keyId);
        const { key } = deriveKey(ring, {
          use: "token",
          agreement: a.id,
          recipient: a.recipient,
          scope,
          length: 64,
          master,
        });
        const open = detokenizer(key);
        let line = 0;
        const one = (token: string) => {
          line++;
          try {
            process.stdout.write(`${open(token.trim())}\n`);
          } catch {
            throw new JikimiError(
              "bad_token",
              `token ${line} does not open under this agreement's key (wrong field, agreement or key id, or altered)`,
            );
          }
        };
        if (tokens.length > 0) for (const t of tokens) one(t);
        else for await (const t of createInterface({ input: process.stdin })) if (t.trim() !== "") one(t);
      },
    );
}
