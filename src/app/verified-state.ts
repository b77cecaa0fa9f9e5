// the state a passing `ledger verify` saves for the next one (an incremental verify): the log's size and root
// then, and what it saw of the consent registry (the chain's last batch head, each purpose's latest snapshot). It
// is the verifier's own record, like a regulator's checkpoint: kept where the ledger's operators cannot write it,
// computed only from bytes the verify checked. The next verify proves the log extends it and reads the sets,
// change rows, dictionary records, consent events and snapshots added since; the rest is left to a full verify.
import { z } from "zod";
import { consentCheck } from "../engine/consent-commitment.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { VerifyOptions, VerifyReport } from "../ledger/verify.js";
import type { ConsentStore } from "../ports/consent.js";

export const VERIFIED_STATE_FORMAT = "jikimi-verified-state/1";

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const Count = z.number().int().nonnegative();

export const VerifiedStateSchema = z
  .object({
    format: z.literal(VERIFIED_STATE_FORMAT),
    /** when the verify that saved it ended (ISO 8601) */
    verified_at: z.string(),
    log: z.object({ size: Count, root: Hex32 }).strict(),
    consent: z
      .object({
        events: Count,
        head: Hex32,
        snapshots: z.record(
          z.string(),
          z.object({ at: z.number().int(), last_id: Count, events: Count, digest: Hex32 }).strict(),
        ),
      })
      .strict(),
  })
  .strict();
export type VerifiedStateFile = z.infer<typeof VerifiedStateSchema>;

/**
 * A saved state from its text; `file` names it in errors.
 * @example const saved = parseVerifiedState(readFileSync("verified.json", "utf8"), "verified.json");
 */
export function parseVerifiedState(text: string, file: string): VerifiedStateFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new JikimiError("bad_verified_state", t("app.verified_state.unreadable", { file }), {
      hint: t("app.verified_state.hint"),
    });
  }
  const parsed = VerifiedStateSchema.safeParse(raw);
  if (!parsed.success)
    throw new JikimiError(
      "bad_verified_state",
      t("app.verified_state.not_state", {
        file,
        paths: parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", "),
      }),
      { hint: t("app.verified_state.hint") },
    );
  return parsed.data;
}

/** The state as the file holds it: JSON, two-space indented, one trailing newline. */
export function verifiedStateText(state: VerifiedStateFile): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/**
 * The options of an incremental verify from `saved` (none: a full verify that saves a first state), and how to
 * build the state to save from its report: only a report without problems gives one.
 * @example const run = verifiedStateRun(ws.store.consent, saved, "verified.json");
 * const report = await verifyLedger(ws.store.ledger, trusted, { ...base, ...run.options });
 * const next = run.next(report, new Date());
 */
export function verifiedStateRun(
  consent: ConsentStore,
  saved: VerifiedStateFile | undefined,
  file: string,
): {
  options: Pick<VerifyOptions, "since" | "consent">;
  next: (report: VerifyReport, now: Date) => VerifiedStateFile | undefined;
} {
  let reached: VerifiedStateFile["consent"] | undefined;
  return {
    options: {
      ...(saved
        ? {
            since: {
              ...saved.log,
              label: t("app.verified_state.label", { file, time: saved.verified_at }),
            },
          }
        : {}),
      consent: consentCheck(consent, {
        since: saved?.consent,
        verified: (state) => {
          reached = state;
        },
      }),
    },
    next: (report, now) =>
      report.ok && reached
        ? {
            format: VERIFIED_STATE_FORMAT,
            verified_at: now.toISOString(),
            log: { size: report.size, root: report.root },
            consent: reached,
          }
        : undefined,
  };
}
