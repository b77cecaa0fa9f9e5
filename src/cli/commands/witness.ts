// jikimi witness: run a transparency-log witness (c2sp.org/tlog-witness) from a folder: create its key, print its
// vkey, trust a log's key, serve POST /add-checkpoint. The key is never printed; the access log names origins only.
import { resolve } from "node:path";
import type { Command } from "commander";
import { ExitCode, JikimiError } from "../../errors.js";
import { listenWitness, witnessApp } from "../../witness/server.js";
import { initWitness, openWitness } from "../../witness/state.js";

interface DirOpts {
  dir: string;
}

/** Parses `host:port`, `[v6]:port` or `:port` (loopback); port 0 picks a free port. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(0|[1-9][0-9]{0,4})$/.exec(value);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535)
    throw new JikimiError(
      "bad_listen",
      `--listen ${JSON.stringify(value)} is not an address: use host:port, e.g. 127.0.0.1:7380 or [::1]:0`,
    );
  return { host: m[1] ?? (m[2] || "127.0.0.1"), port };
}

/** Registers `jikimi witness init|vkey|add-log|serve`. */
export function registerWitness(program: Command): void {
  const witness = program
    .command("witness")
    .description("run a witness that cosigns other logs' checkpoints (c2sp.org/tlog-witness)");
  witness
    .command("init")
    .requiredOption("--dir <dir>", "the witness's folder (created 0700)")
    .requiredOption("--name <name>", "the witness's key name, a schema-less URL, e.g. witness.example/w1")
    .description("create the witness's key (mode 0600, never overwritten) and state; prints its vkey")
    .action((opts: DirOpts & { name: string }) => {
      const dir = resolve(opts.dir);
      const { vkey } = initWitness(dir, opts.name);
      process.stderr.write(
        `created the witness ${opts.name} in ${dir}; give its vkey to the logs it witnesses:\n`,
      );
      process.stdout.write(`${vkey}\n`);
    });
  witness
    .command("vkey")
    .requiredOption("--dir <dir>", "the witness's folder")
    .description("print the witness's verifier key (type 0x04), for logs and verifiers to pin")
    .action((opts: DirOpts) => {
      const state = openWitness(resolve(opts.dir));
      process.stdout.write(`${state.cosigner.vkey}\n`);
      state.close();
    });
  witness
    .command("add-log")
    .requiredOption("--dir <dir>", "the witness's folder")
    .requiredOption("--origin <origin>", "the log's origin line, e.g. ledger.example/transfers")
    .requiredOption("--vkey <vkey>", "the log's verifier key (Ed25519), as `jikimi ledger vkey` prints it")
    .description(
      "witness a log: trust its key for its origin (a second key for one origin is kept beside the first)",
    )
    .action((opts: DirOpts & { origin: string; vkey: string }) => {
      const state = openWitness(resolve(opts.dir));
      try {
        const added = state.addLog(opts.origin, opts.vkey);
        process.stderr.write(
          added
            ? `witnessing ${opts.origin} with key ${opts.vkey.split("+")[0]}+${opts.vkey.split("+")[1]}\n`
            : `${opts.origin} already trusts that key\n`,
        );
      } finally {
        state.close();
      }
    });
  witness
    .command("serve")
    .requiredOption("--dir <dir>", "the witness's folder")
    .option("--listen <address>", "host:port to listen on (port 0: any free port)", "127.0.0.1:7380")
    .option("--quiet", "no access log on stderr")
    .description("serve POST /add-checkpoint until SIGTERM or SIGINT; prints `listening on <url>` once ready")
    .action(async (opts: DirOpts & { listen: string; quiet?: boolean }) => {
      const at = parseListen(opts.listen);
      const state = openWitness(resolve(opts.dir));
      const log = opts.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
      let server: Awaited<ReturnType<typeof listenWitness>>;
      try {
        server = await listenWitness(witnessApp({ state, ...(log ? { log } : {}) }), at);
      } catch (e) {
        state.close();
        throw e;
      }
      process.stderr.write(`witness ${state.cosigner.name} (${state.logs().length} logs)\n`);
      process.stdout.write(`listening on ${server.url}\n`);
      await new Promise<void>((done) => {
        const stop = (signal: string) => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          process.stderr.write(`${signal}: finishing requests in flight, then stopping\n`);
          void server.close().then(() => {
            state.close();
            done();
          });
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      process.exitCode = ExitCode.ok;
    });
}
