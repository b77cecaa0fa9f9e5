// every CLI verb registers itself here; each lives in its own file and is loaded only when it runs (a verb's
// module graph, e.g. the share gateway's, costs start-up time every other verb should not pay).
import type { Command } from "commander";

type Register = (program: Command) => void;

/** Verb -> its module's register function, loaded on demand. Order is the order of `jikimi --help`. */
const VERBS: Record<string, () => Promise<Register>> = {
  init: async () => (await import("./init.js")).registerInit,
  check: async () => (await import("./check.js")).registerCheck,
  schema: async () => (await import("./schema.js")).registerSchema,
  taxonomy: async () => (await import("./taxonomy.js")).registerTaxonomy,
  generate: async () => (await import("./generate.js")).registerGenerate,
  consent: async () => (await import("./consent.js")).registerConsent,
  keys: async () => (await import("./keys.js")).registerKeys,
  ledger: async () => (await import("./ledger/index.js")).registerLedger,
  verify: async () => (await import("./verify/index.js")).registerVerifyGroup,
  share: async () => (await import("./share.js")).registerShare,
  worker: async () => (await import("./worker.js")).registerWorker,
  release: async () => (await import("./release.js")).registerRelease,
  detokenize: async () => (await import("./detokenize.js")).registerDetokenize,
  scan: async () => (await import("./scan.js")).registerScan,
  risk: async () => (await import("./risk.js")).registerRisk,
  link: async () => (await import("./link.js")).registerLink,
  "audit-hash": async () => (await import("./audit-hash.js")).registerAuditHash,
  report: async () => (await import("./report.js")).registerReport,
  witness: async () => (await import("./witness.js")).registerWitness,
  serve: async () => (await import("./serve.js")).registerServe,
  tokens: async () => (await import("./tokens.js")).registerTokens,
  db: async () => (await import("./db.js")).registerDb,
  completion: async () => (await import("./completion.js")).registerCompletion,
};

/**
 * Adds the verb named in `argv` (the first argument after the script), none for `--version` alone, or every verb
 * when there is none or it is unknown (help, suggestions for a typo).
 * @example await registerCommands(program, process.argv);
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const verb = argv[2];
  // `jikimi --version` needs no verb at all (loading all 23 took most of a second)
  if (argv.length === 3 && (verb === "-V" || verb === "--version")) return;
  const names = verb !== undefined && Object.hasOwn(VERBS, verb) ? [verb] : Object.keys(VERBS);
  const registers = await Promise.all(names.map((n) => (VERBS[n] as () => Promise<Register>)()));
  for (const register of registers) register(program);
}
