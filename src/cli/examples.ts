// the "Examples:" section of every command's --help, by command path ("" is `jikimi` itself); attachExamples
// adds them after registration, so a verb's file never carries its own. test/cli-help.test.ts fails for a
// command without one.
import type { Command } from "commander";
import { t } from "../public/base.js";
import { commandTree } from "./command-tree.js";

const VKEY = '--vkey "$(cat hanbit-pay.vkey)"';
const LOG_URL = "https://ledger.hanbitpay.example/transfers";

/** Command path -> one to three command lines, as a user would type them. */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "": [
    "jikimi init ./nsf --example nsf-case-corrected",
    "jikimi check -w ./nsf",
    "jikimi share nsf-credit-feed -w ./nsf -i customers.csv --out-dir ./out",
  ],
  init: [
    "jikimi init ./nsf --example nsf-case-corrected",
    "jikimi init ./nsf --example minimal --force --format json",
  ],
  check: [
    "jikimi check -w ./nsf",
    "jikimi check -w ./nsf --strict --at 2024-03-01",
    "jikimi check -w ./nsf --format sarif -o check.sarif",
  ],
  schema: [
    "jikimi schema -w ./nsf",
    "jikimi schema --out-dir ./schemas",
    "jikimi schema --kind agreement > agreement.schema.json",
  ],
  taxonomy: ["jikimi taxonomy -w ./nsf", "jikimi taxonomy -w ./nsf --format json > taxonomy.json"],
  generate: [
    "jikimi generate customers --rows 100000 -o customers.csv --seed 7",
    "jikimi generate payments --rows 1000000 --customers 100000 -o payments.jsonl --format json",
  ],
  consent: ["jikimi consent import consents.csv -w ./nsf", "jikimi consent status HB0000000042 -w ./nsf"],
  "consent import": [
    "jikimi consent import consents.csv -w ./nsf",
    "jikimi consent import consents.jsonl -w ./nsf --format json",
  ],
  "consent grant": [
    "jikimi consent grant HB0000000042 -w ./nsf --purpose nsf-provision-overseas --source app-signup-v3",
    "echo HB0000000042 | jikimi consent grant - -w ./nsf --purpose nsf-provision-overseas --source app-signup-v3 --at 2024-03-01T09:30:00+09:00",
  ],
  "consent withdraw": [
    "jikimi consent withdraw HB0000000042 -w ./nsf --purpose nsf-provision-overseas --source call-centre --evidence ticket-2024-0311",
  ],
  "consent status": [
    "jikimi consent status HB0000000042 -w ./nsf",
    "jikimi consent status HB0000000042 -w ./nsf --at 2024-03-01T00:00:00Z --format json",
  ],
  keys: ["jikimi keys init -w ./nsf", "jikimi keys list -w ./nsf"],
  "keys init": ["jikimi keys init -w ./nsf"],
  "keys list": ["jikimi keys list -w ./nsf", "jikimi keys list -w ./nsf --format json"],
  "keys rotate": ["jikimi keys rotate master -w ./nsf", "jikimi keys rotate ledger-signing -w ./nsf"],
  "keys move-log-key": ["jikimi keys move-log-key -w ./nsf"],
  "keys shred": ["jikimi keys list -w ./nsf", "jikimi keys shred master-1a2b3c4d -w ./nsf"],
  "keys seal": [
    "read -rs JIKIMI_KEYRING_PASSPHRASE && export JIKIMI_KEYRING_PASSPHRASE",
    "jikimi keys seal -w ./nsf",
  ],
  "keys unseal": [
    "read -rs JIKIMI_KEYRING_PASSPHRASE && export JIKIMI_KEYRING_PASSPHRASE",
    "jikimi keys unseal -w ./nsf",
  ],
  ledger: ["jikimi ledger log -w ./nsf", "jikimi ledger verify -w ./nsf"],
  "ledger log": [
    "jikimi ledger log -w ./nsf",
    "jikimi ledger log -w ./nsf -a nsf-credit-feed -n 10",
    "jikimi ledger log -w ./nsf --format json",
  ],
  "ledger show": ["jikimi ledger show 12 -w ./nsf", "jikimi ledger show 12 -w ./nsf --format json"],
  "ledger subject": ["jikimi ledger subject HB0000000042 -w ./nsf"],
  "ledger receipt": ["jikimi ledger receipt HB0000000042 -w ./nsf -o receipt-HB0000000042.json"],
  "ledger verify": [
    "jikimi ledger verify -w ./nsf",
    "jikimi ledger verify -w ./nsf --against checkpoint-2024-03.txt --receipts all",
    "jikimi ledger verify -w ./nsf --incremental ~/verifier/nsf-verified.json",
  ],
  "ledger checkpoint": [
    "jikimi ledger checkpoint -w ./nsf -o checkpoint-2024-03.txt",
    "jikimi ledger checkpoint -w ./nsf --format json",
  ],
  "ledger vkey": ["jikimi ledger vkey -w ./nsf > hanbit-pay.vkey", "jikimi ledger vkey -w ./nsf --all"],
  "ledger proof": ["jikimi ledger proof 12 -w ./nsf", "jikimi ledger proof -w ./nsf --consistency 10"],
  "ledger record": [
    "jikimi ledger template nsf-credit-feed -w ./nsf > release.yaml",
    "jikimi ledger record -w ./nsf -m release.yaml",
  ],
  "ledger template": ["jikimi ledger template nsf-credit-feed -w ./nsf > release.yaml"],
  "ledger prune": ["jikimi ledger prune -w ./nsf --before 2021-01-01 --operator dpo@hanbitpay.example"],
  "ledger repair": ["jikimi ledger repair -w ./nsf"],
  "ledger witness": ["jikimi ledger witness -w ./nsf"],
  "ledger monitor": [`jikimi ledger monitor --tiles ${LOG_URL} ${VKEY} --state monitor.json`],
  "ledger publish": ["jikimi ledger publish ./public/transfers -w ./nsf"],
  verify: [
    `jikimi verify log --tiles ${LOG_URL} ${VKEY}`,
    `jikimi verify receipt receipt-HB0000000042.json ${VKEY}`,
  ],
  "verify checkpoint": [`jikimi verify checkpoint checkpoint-2024-03.txt ${VKEY}`],
  "verify log": [
    `jikimi verify log --tiles ${LOG_URL} ${VKEY}`,
    `jikimi verify log --tiles ./public/transfers ${VKEY} --against checkpoint-2024-03.txt`,
  ],
  "verify receipt": [`jikimi verify receipt receipt-HB0000000042.json ${VKEY} --subject HB0000000042`],
  share: [
    "jikimi share nsf-credit-feed -w ./nsf -i customers.csv --out-dir ./out --dry-run",
    "jikimi share nsf-credit-feed -w ./nsf -i customers.csv --out-dir ./out --format json",
    "jikimi generate customers --rows 1000 -o - | jikimi share nsf-credit-feed -w ./nsf -i - --input-format csv --out-dir ./out",
  ],
  detokenize: [
    "jikimi detokenize nsf-credit-feed -w ./nsf -f customer_id < tokens.txt",
    "jikimi detokenize nsf-credit-feed -w ./nsf -f customer_id --key-id master-1a2b3c4d < tokens.txt",
  ],
  scan: [
    "jikimi scan partner-export.csv",
    "jikimi scan partner-export.parquet --sample 10000 --format sarif -o scan.sarif",
  ],
  risk: [
    "jikimi risk ./out/nsf-credit-feed.csv --qi birth_date,postal_code,os",
    "jikimi risk ./out/nsf-credit-feed.csv --qi birth_date,postal_code --sensitive balance --format json",
  ],
  link: ["jikimi link ./out/nsf-credit-feed.csv ./out/overseas-settlement-feed.csv"],
  "audit-hash": [
    "jikimi audit-hash partner-export.csv -c phone_sha256",
    "jikimi audit-hash partner-export.csv -c email_sha256 --candidates emails.txt --spaces birthdate",
  ],
  db: [
    "jikimi db status -w ./nsf",
    "JIKIMI_DATABASE_URL=postgres://jikimi@db.internal/jikimi jikimi db migrate -w ./nsf",
  ],
  "db migrate": [
    "jikimi db migrate -w ./nsf",
    "JIKIMI_DATABASE_URL=postgres://jikimi@db.internal/jikimi jikimi db migrate -w ./nsf",
  ],
  "db status": ["jikimi db status -w ./nsf", "jikimi db status -w ./nsf --format json"],
  witness: [
    "jikimi witness init --dir ./witness --name witness.hanbitpay.example/w1",
    "jikimi witness serve --dir ./witness",
  ],
  "witness init": ["jikimi witness init --dir ./witness --name witness.hanbitpay.example/w1"],
  "witness vkey": ["jikimi witness vkey --dir ./witness"],
  "witness add-log": [
    `jikimi witness add-log --dir ./witness --origin ledger.hanbitpay.example/transfers --vkey "$(cat hanbit-pay.vkey)"`,
  ],
  "witness serve": [
    "jikimi witness serve --dir ./witness",
    "jikimi witness serve --dir ./witness --listen 0.0.0.0:7380",
  ],
  worker: [
    "jikimi worker -w /srv/nsf --redis redis://queue.internal:6379",
    "for i in $(seq $(nproc)); do jikimi worker -w /srv/nsf --quiet & done   # one worker per core",
    "jikimi worker -w /srv/nsf --lock-seconds 60",
  ],
  release: ["jikimi release status --redis redis://queue.internal:6379"],
  "release status": [
    "jikimi release status --redis redis://queue.internal:6379",
    "jikimi release status 3d126db0d24bb83c... --format json",
  ],
  serve: [
    "jikimi serve -w ./nsf",
    "JIKIMI_DATABASE_URL=postgres://jikimi@db.internal/jikimi jikimi serve -w ./nsf --listen 0.0.0.0:8787",
    "jikimi serve -w /srv/nsf --redis redis://queue.internal:6379   # the share route's distributed releases",
  ],
  tokens: [
    "jikimi tokens issue -w ./nsf --role operator --name airflow-nightly",
    "jikimi tokens list -w ./nsf",
  ],
  "tokens issue": [
    "TOKEN=$(jikimi tokens issue -w ./nsf --role operator --name airflow-nightly --ttl 90d)",
    "jikimi tokens issue -w ./nsf --role subject --subject HB0000000042 --ttl 10m",
  ],
  "tokens list": ["jikimi tokens list -w ./nsf --format json"],
  report: [
    "jikimi report inspection -w ./nsf --from 2026-01-01 --to 2026-12-31 --lang ko --format pdf -o inspection.pdf",
    "jikimi report statement HB0000000042 -w ./nsf --format html -o statement.html",
    "jikimi report policy -w ./nsf --lang ko --format md",
  ],
  "report inspection": [
    "jikimi report inspection -w ./nsf --from 2026-01-01 --to 2026-12-31 --lang ko --format pdf -o inspection.pdf",
    "jikimi report inspection -w ./nsf --country SG --format xlsx -o inspection-sg.xlsx",
    "jikimi report inspection -w ./nsf --agreement nsf-credit-feed --format json",
  ],
  "report statement": [
    "jikimi report statement HB0000000042 -w ./nsf --lang ko --format pdf -o statement.pdf",
    "jikimi report statement HB0000000042 -w ./nsf --format json",
  ],
  "report dpia": [
    "jikimi report dpia nsf-credit-feed -w ./nsf --format html -o dpia.html",
    "jikimi report dpia nsf-credit-feed -w ./nsf --release-file out/credit.csv --format json",
  ],
  "report ropa": [
    "jikimi report ropa -w ./nsf --format xlsx -o records-of-processing.xlsx",
    "jikimi report ropa -w ./nsf --lang en --format md",
  ],
  "report policy": [
    "jikimi report policy -w ./nsf --lang ko --format md",
    "jikimi report policy -w ./nsf --format html -o privacy-policy-tables.html",
  ],
  "tokens revoke": ["jikimi tokens revoke 3f9c1a2b4d5e -w ./nsf"],
  completion: [
    "source <(jikimi completion bash)",
    "jikimi completion bash > ~/.local/share/bash-completion/completions/jikimi",
    "source <(jikimi completion zsh)",
  ],
};

/** The "Examples:" block for a command path (its heading in the output language), or undefined when it has none. */
export function examplesText(path: string): string | undefined {
  const lines = EXAMPLES[path];
  return lines === undefined
    ? undefined
    : `\n${t("cli.help.examples")}\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

/**
 * Adds its examples after the help of every registered command that has some.
 * @example await registerCommands(program, process.argv); attachExamples(program);
 */
export function attachExamples(program: Command): void {
  for (const node of commandTree(program)) {
    const text = examplesText(node.path);
    if (text !== undefined) node.command.addHelpText("after", text);
  }
}
