// jikimi ledger verify / checkpoint / proof: prove the log was never rewritten.
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { JikimiError, t } from "../../../public/base.js";
import {
  type Checkpoint,
  CheckpointSchema,
  parseVerifiedState,
  type VerifiedStateFile,
  type VerifyReport,
  verifiedStateRun,
  verifiedStateText,
  verifyLedger,
} from "../../../public/ledger.js";
import { openNote, parseCheckpoint, verifierFromVkey } from "../../../public/verify.js";
import { formatOption, oldFlag } from "../../convention.js";
import { ExitCode } from "../../exit-codes.js";
import { emit, problemsText, workspaceOption } from "../../options.js";
import { jsonOutput, jsonText, report } from "../../output.js";
import { type LedgerOptions, ledgerVerb, trustedKeys, verifyOptions, withState } from "./open.js";

/** A checkpoint note opened with the given verifier keys: its size and hex root. */
function readCheckpointNote(
  file: string,
  text: string,
  vkeys: string[],
): { size: number; root: string; label: string } {
  const opened = openNote(text, vkeys.map(verifierFromVkey));
  const body = parseCheckpoint(opened.text);
  return {
    size: body.size,
    root: Buffer.from(body.root).toString("hex"),
    label: t("cli.ledger.verify.checkpoint_label", {
      file,
      origin: body.origin,
      signers: opened.verified.map((k) => k.name).join(", "),
    }),
  };
}

function readCheckpoint(file: string): Checkpoint {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new JikimiError("bad_checkpoint", t("cli.ledger.verify.checkpoint_unreadable", { file }), {
      hint: t("cli.ledger.verify.checkpoint_json_hint"),
    });
  }
  const parsed = CheckpointSchema.safeParse(raw);
  if (!parsed.success)
    throw new JikimiError(
      "bad_checkpoint",
      t("cli.ledger.verify.not_a_checkpoint", {
        file,
        paths: parsed.error.issues.map((i) => i.path.join(".")).join(", "),
      }),
    );
  return parsed.data;
}

/** The state a previous verify saved in `file`; undefined when there is no file yet (the first, full verify). */
function readVerifiedState(file: string): VerifiedStateFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new JikimiError("bad_verified_state", t("cli.ledger.verify.state_unreadable", { file }), {
      hint: t("cli.errors.check_path"),
      cause: e,
    });
  }
  return parseVerifiedState(text, file);
}

type VerifyFlags = LedgerOptions & {
  against?: string;
  publicKey?: string;
  vkey?: string[];
  receipts?: string;
  incremental?: string;
};

export function registerVerify(ledger: Command): void {
  ledgerVerb(ledger, "verify", t("cli.ledger.verify.description"))
    .option("--against <file>", t("cli.ledger.verify.against"))
    .option("--public-key <base64>", t("cli.ledger.verify.public_key"))
    .addOption(
      new Option("--receipts <which>", t("cli.ledger.verify.receipts"))
        .choices(["latest", "all"])
        .default("latest"),
    )
    .option("--vkey <vkey...>", t("cli.ledger.verify.vkey"))
    .option("--incremental <file>", t("cli.ledger.verify.incremental"))
    .action((opts: VerifyFlags) =>
      withState(opts, async (state) => {
        let text: string | undefined;
        if (opts.against)
          try {
            text = readFileSync(opts.against, "utf8");
          } catch {
            throw new JikimiError(
              "bad_checkpoint",
              t("cli.ledger.verify.checkpoint_unreadable", { file: opts.against }),
              {
                hint: t("cli.errors.check_path"),
              },
            );
          }
        const isNote = text !== undefined && !text.trimStart().startsWith("{");
        const vkeys = opts.vkey ?? state.logVkeys(true);
        const anchor =
          isNote && opts.against ? readCheckpointNote(opts.against, text ?? "", vkeys) : undefined;
        const against = opts.against && !isNote ? readCheckpoint(opts.against) : undefined;
        const trusted = trustedKeys(state);
        if (opts.publicKey) {
          trusted.clear();
          for (const k of state.logKeys.all()) if (k.public === opts.publicKey) trusted.set(k.id, k.public);
          if (against) trusted.set(against.key_id, opts.publicKey);
        }
        const file = opts.incremental;
        const saved = file === undefined ? undefined : readVerifiedState(file);
        const run = file === undefined ? undefined : verifiedStateRun(state.store.consent, saved, file);
        const started = performance.now();
        const verified = await verifyLedger(state.store.ledger, trusted, {
          ...verifyOptions(state, opts.receipts === "all" ? "all" : "latest"),
          ...run?.options,
          against,
          anchor,
        });
        const seconds = (performance.now() - started) / 1000;
        // the new state is saved only when everything passed
        const next = run?.next(verified, new Date());
        if (next && file) emit(verifiedStateText(next), file, 0o600);
        report(
          () => ({ ...verified, seconds, ...(next && file ? { saved: file } : {}) }),
          () =>
            verified.ok
              ? `${okLine(verified, seconds, opts.receipts === "all", saved)}\n${
                  next && file ? `${t("cli.ledger.verify.saved", { file })}\n` : ""
                }`
              : problemsText(verified.problems),
        );
        process.exitCode = verified.ok ? ExitCode.ok : ExitCode.findings;
      }),
    );
  // the checkpoint is the result: a note (text) or the older signed JSON (json), to stdout or --output
  const checkpoint = formatOption(
    workspaceOption(ledger.command("checkpoint")).description(t("cli.ledger.checkpoint.description")),
    { legacy: { values: ["note"], replacement: () => "--format text" } },
  ).option("-o, --output <file>", t("cli.ledger.checkpoint.output"));
  oldFlag(checkpoint, "--out <file>", "output", "--output");
  checkpoint.action((opts: LedgerOptions & { output?: string }) =>
    withState(opts, async (state) => {
      const l = state.ledger();
      emit(
        jsonOutput() ? jsonText(await l.checkpoint()) : await state.checkpoint({ stored: true }),
        opts.output,
      );
    }),
  );
  ledgerVerb(ledger, "vkey", t("cli.ledger.vkey.description"))
    .option("--all", t("cli.ledger.vkey.all"))
    .action((opts: LedgerOptions & { all?: boolean }) =>
      withState(opts, (state) => {
        const vkeys = state.logVkeys(opts.all === true);
        report(
          () => vkeys,
          () => vkeys.map((v) => `${v}\n`).join(""),
        );
      }),
    );
  // a proof is data: JSON in either format
  ledgerVerb(ledger, "proof", t("cli.ledger.proof.description"))
    .argument("[seq]", t("cli.ledger.proof.seq"))
    .option("--consistency <size1>", t("cli.ledger.proof.consistency"))
    .option("--size <n>", t("cli.ledger.proof.size"))
    .action((seq: string | undefined, opts: LedgerOptions & { consistency?: string; size?: string }) =>
      withState(opts, async (state) => {
        const l = state.ledger();
        const size = opts.size === undefined ? undefined : Number(opts.size);
        if (opts.consistency !== undefined) {
          process.stdout.write(jsonText(await l.consistencyProof(Number(opts.consistency), size)));
          return;
        }
        if (seq === undefined)
          throw new JikimiError("usage", t("cli.ledger.proof.usage"), {
            hint: t("cli.ledger.proof.usage_hint"),
          });
        process.stdout.write(jsonText(await l.inclusionProof(Number(seq), size)));
      }),
    );
}

/** "ok: 2 entries, root …; consistent with …; receipts roots recomputed for … (0.12 s)" */
function okLine(
  r: VerifyReport,
  seconds: number,
  allReceipts: boolean,
  saved: VerifiedStateFile | undefined,
): string {
  const time = saved?.verified_at ?? "";
  const incremental =
    r.from === undefined || saved === undefined || saved.log.size === 0
      ? ""
      : r.from > 0
        ? t("cli.ledger.verify.since", { from: r.from, time })
        : t("cli.ledger.verify.since_full", { time });
  const against =
    (r.against ? t("cli.ledger.verify.consistent", { size: r.against.size }) : "") + incremental;
  const receipts = r.receipts
    ? t(allReceipts ? "cli.ledger.verify.receipts_all" : "cli.ledger.verify.receipts_latest", {
        checked: r.receipts.checked,
        total: r.receipts.checked + r.receipts.unchecked,
      })
    : "";
  return t("cli.ledger.verify.ok", {
    entries: t("ledger.entries", { count: r.size }),
    root: r.root,
    against,
    receipts,
    seconds: seconds.toFixed(2),
  });
}
