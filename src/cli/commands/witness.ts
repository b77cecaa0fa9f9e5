// jikimi witness: run a transparency-log witness (c2sp.org/tlog-witness) from a folder: create its key, print its
// vkey, trust a log's key, serve POST /add-checkpoint. The key is never printed; the access log names origins only.
import { resolve } from "node:path";
import type { Command } from "commander";
import { JikimiError, t } from "../../public/base.js";
import { initWitness, listenWitness, openWitness, witnessApp } from "../../public/witness.js";
import { serveUntilSignal } from "../adapters/serve-until-signal.js";
import { formatOption } from "../convention.js";
import { note, report } from "../output.js";

interface DirOpts {
  dir: string;
}

/** Parses `host:port`, `[v6]:port` or `:port` (loopback); port 0 picks a free port. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(0|[1-9][0-9]{0,4})$/.exec(value);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535)
    throw new JikimiError("bad_listen", t("cli.witness.bad_listen", { value: JSON.stringify(value) }), {
      hint: t("cli.witness.bad_listen_hint"),
    });
  return { host: m[1] ?? (m[2] || "127.0.0.1"), port };
}

/** A witness verb: --dir and --format. */
function witnessVerb(witness: Command, name: string, description: string): Command {
  return formatOption(
    witness.command(name).description(description).requiredOption("--dir <dir>", t("cli.witness.dir")),
  );
}

/** Registers `jikimi witness init|vkey|add-log|serve`. */
export function registerWitness(program: Command): void {
  const witness = program.command("witness").description(t("cli.witness.description"));
  witnessVerb(witness, "init", t("cli.witness.init"))
    .requiredOption("--name <name>", t("cli.witness.name"))
    .action(async (opts: DirOpts & { name: string }) => {
      const dir = resolve(opts.dir);
      const { vkey } = await initWitness(dir, opts.name);
      note(t("cli.witness.created", { name: opts.name, dir }));
      report(
        () => ({ name: opts.name, dir, vkey }),
        () => `${vkey}\n`,
      );
    });
  witnessVerb(witness, "vkey", t("cli.witness.vkey")).action(async (opts: DirOpts) => {
    const state = await openWitness(resolve(opts.dir));
    try {
      report(
        () => ({ name: state.cosigner.name, vkey: state.cosigner.vkey }),
        () => `${state.cosigner.vkey}\n`,
      );
    } finally {
      await state.close();
    }
  });
  witnessVerb(witness, "add-log", t("cli.witness.add_log"))
    .requiredOption("--origin <origin>", t("cli.witness.origin"))
    .requiredOption("--vkey <vkey>", t("cli.witness.log_vkey"))
    .action(async (opts: DirOpts & { origin: string; vkey: string }) => {
      const state = await openWitness(resolve(opts.dir));
      try {
        const added = await state.addLog(opts.origin, opts.vkey);
        const [name = "", id = ""] = opts.vkey.split("+");
        note(
          added
            ? t("cli.witness.witnessing", { origin: opts.origin, key: `${name}+${id}` })
            : t("cli.witness.already_trusts", { origin: opts.origin }),
        );
        report(
          () => ({ origin: opts.origin, key: `${name}+${id}`, added }),
          () => "",
        );
      } finally {
        await state.close();
      }
    });
  witnessVerb(witness, "serve", t("cli.witness.serve"))
    .option("--listen <address>", t("cli.witness.listen"), "127.0.0.1:7380")
    .option("--quiet", t("cli.witness.quiet"))
    .action(async (opts: DirOpts & { listen: string; quiet?: boolean }) => {
      const at = parseListen(opts.listen);
      const state = await openWitness(resolve(opts.dir));
      const log = opts.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
      let server: Awaited<ReturnType<typeof listenWitness>>;
      try {
        server = await listenWitness(witnessApp({ state, ...(log ? { log } : {}) }), at);
      } catch (e) {
        await state.close();
        throw e;
      }
      note(
        t("cli.witness.serving", {
          name: state.cosigner.name,
          logs: t("cli.witness.logs", { count: (await state.logs()).length }),
        }),
      );
      await serveUntilSignal(
        server,
        (signal) => t("cli.witness.stopping", { signal }),
        () => state.close(),
      );
    });
}
