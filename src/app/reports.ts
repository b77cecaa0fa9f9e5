// the reports service: the inspection report computed from the ledger's stored releases, after proving them
// against the stored signed checkpoint (log signature and witnesses' cosignatures verified with public keys), and
// from the workspace's declarations as they are now (validity, growth limit, check findings per agreement digest);
// a person's statement from their ledger history and proven release bodies; and the reports made from the
// declarations alone (records of processing, privacy-policy tables).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { agreementBytes } from "../engine/agreement-bytes.js";
import { JikimiError } from "../errors.js";
import { currentLanguage, t } from "../i18n/index.js";
import type { HoldBody, ReleaseBody } from "../ledger/entry.js";
import { toHex } from "../ledger/merkle/index.js";
import { parseCheckpoint } from "../ledger/note/checkpoint.js";
import { openNote, verifierFromVkey } from "../ledger/note/signed-note.js";
import type { Workspace } from "../model/workspace.js";
import { ARTICLES, type Article } from "../policy/articles.js";
import { checkWorkspace } from "../policy/check.js";
import {
  type PolicyData,
  policyData,
  privacyPolicyTables,
  type RopaData,
  recordsOfProcessing,
  ropaData,
} from "../report/declarations/index.js";
import type { ReportDocument } from "../report/document/model.js";
import { type DpiaData, dpiaData, dpiaDocument, type MeasuredRisk } from "../report/dpia/dpia.js";
import {
  type DeclaredAgreement,
  type InspectionData,
  type InspectionFilter,
  inspectionData,
  inspectionDocument,
  type Verification,
} from "../report/inspection/inspection.js";
import {
  type Glossary,
  type PersonRelease,
  type StatementData,
  statementData,
  statementDocument,
} from "../report/statement/statement.js";
import { verifyCosignatures } from "../witness/cosignature.js";
import { storedCheckpoint } from "./checkpoints.js";
import { agreementOf } from "./declarations.js";
import type { WorkspaceSession } from "./workspace.js";

/** A report's exact figures, and its document in the language in force when asked (`withLanguage`). */
export interface Report<D> {
  data: D;
  document(): ReportDocument;
}

/** The stored checkpoint of the whole log, its log signature and witnesses' cosignatures verified. */
export async function signedCheckpoint(ws: WorkspaceSession): Promise<{
  origin: string;
  size: number;
  root: string;
  signed_by: string[];
  cosigned_by: string[];
}> {
  const note = await storedCheckpoint(ws);
  const opened = openNote(note, ws.logVkeys(true).map(verifierFromVkey));
  const checkpoint = parseCheckpoint(opened.text);
  const witnesses = ws.settings.witnesses.map((w) => w.vkey);
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: toHex(checkpoint.root),
    signed_by: opened.verified.map((k) => k.name),
    cosigned_by:
      witnesses.length > 0 ? verifyCosignatures(note, witnesses, 0).cosigned.map((c) => c.witness) : [],
  };
}

/**
 * Every release and hold body under the stored signed checkpoint, each checked against its leaf and the leaves
 * against the checkpoint's root, with what was verified.
 */
async function provenReleases(
  ws: WorkspaceSession,
): Promise<{ releases: ReleaseBody[]; holds: HoldBody[]; verification: Verification }> {
  const signed = await signedCheckpoint(ws);
  const key = `${signed.size} ${signed.root} ${signed.cosigned_by.join(",")}`;
  const kept = proofs.get(ws);
  if (kept?.key === key) return kept.value;
  const value = await proveAt(ws, signed);
  proofs.set(ws, { key, value });
  return value;
}

/**
 * The last proof of each open session, by the signed checkpoint it was made at: a long-running server (the
 * dashboard reloads the inspection data on every page) proves the bodies once per checkpoint, not once per request.
 * The bodies it keeps are the ones that gave the signed root when read; `jikimi verify` and the ledger page's verify still
 * read the store afresh, so a store changed after the proof is found there.
 */
const proofs = new WeakMap<
  WorkspaceSession,
  { key: string; value: { releases: ReleaseBody[]; holds: HoldBody[]; verification: Verification } }
>();

async function proveAt(
  ws: WorkspaceSession,
  signed: Awaited<ReturnType<typeof signedCheckpoint>>,
): Promise<{ releases: ReleaseBody[]; holds: HoldBody[]; verification: Verification }> {
  const proven = await ws.ledger().provenBodies(signed.size);
  return {
    releases: proven.bodies.filter((b): b is ReleaseBody => b?.kind === "release"),
    holds: proven.bodies.filter((b): b is HoldBody => b?.kind === "hold"),
    verification: {
      ...signed,
      ok: proven.root === signed.root,
      pruned: proven.bodies.filter((b) => b === undefined).length,
    },
  };
}

/** Each agreement as declared now: its file's digest, validity, volume limits and check findings for `now`. */
function declaredAgreements(
  ws: WorkspaceSession,
  now: Date,
): Map<string, DeclaredAgreement & { max_subjects?: number | undefined }> {
  const { workspace, reader } = ws.declarations();
  const findings = checkWorkspace(workspace, { at: now.toISOString().slice(0, 10) });
  const agreements = new Map<string, DeclaredAgreement & { max_subjects?: number | undefined }>();
  for (const [id, doc] of workspace.agreements) {
    const a = doc.value;
    agreements.set(id, {
      version: a.version,
      digest: createHash("sha256")
        .update(agreementBytes(workspace, doc.file, reader))
        .digest("hex"),
      valid: { from: a.valid.from, until: a.valid.until },
      max_growth: a.volume?.max_growth,
      max_subjects: a.volume?.max_subjects,
      findings: findings.filter((f) => f.subject.kind === "agreement" && f.subject.id === id),
    });
  }
  return agreements;
}

/**
 * The inspection report's figures for `filter`, computed at the stored checkpoint of the whole log. A checkpoint
 * whose signature fails throws (note_signature_invalid); stored bodies that do not give its root give a report
 * that says so (`verification.ok` false) and nothing else in it is to be trusted.
 * @example const { data, document } = await inspection(ws, { from: "2026-01-01", to: "2026-12-31" });
 */
export async function inspection(
  ws: WorkspaceSession,
  filter: InspectionFilter,
  now: Date = new Date(),
): Promise<Report<InspectionData>> {
  const { releases, holds, verification } = await provenReleases(ws);
  const agreements = declaredAgreements(ws, now);
  const data = inspectionData({
    releases,
    holds,
    verification,
    agreements,
    backdateDays: ws.settings.backdateDays,
    filter,
    generatedAt: now.toISOString(),
  });
  return { data, document: () => inspectionDocument(data, currentLanguage()) };
}

/** The workspace's words for the ids in release bodies, in the language in force when each is asked. */
export function glossaryOf(workspace: Workspace): Glossary {
  const ko = () => currentLanguage() === "ko";
  return {
    purpose: (id) => workspace.purposes.get(id)?.value.name,
    basis: (key) => {
      const b = workspace.taxonomy.bases.get(key);
      if (b === undefined) return undefined;
      const articles = (b.articles ?? [])
        .map((id) => (ARTICLES as Readonly<Record<string, Article>>)[id]?.citation)
        .filter((c): c is string => c !== undefined);
      return { name: (ko() ? b.name_ko : undefined) ?? b.name, articles };
    },
    category: (key) => {
      const c = workspace.taxonomy.categories.get(key);
      return c === undefined ? undefined : ((ko() ? c.name_ko : undefined) ?? c.name);
    },
  };
}

/**
 * A person's statement of provision over the last three years: their ledger history, one body per set of terms
 * proven against the log's leaves, and the checkpoint their receipts prove against. An unknown person and one
 * never released get the same statement (no provision).
 * @example const { data } = await statement(ws, "HB0000000042"); // data.provisions
 */
export async function statement(
  ws: WorkspaceSession,
  subjectKey: string,
  now: Date = new Date(),
): Promise<Report<StatementData>> {
  const ledger = ws.ledger();
  const signed = await signedCheckpoint(ws);
  const history = await ledger.subjectHistory(subjectKey);
  const terms = new Map<string, ReleaseBody>();
  const releases: PersonRelease[] = [];
  for (const r of history) {
    if (r.seq >= signed.size) continue;
    const key = JSON.stringify([r.agreement, r.version, r.recipient, r.legal_basis, r.purposes, r.fields]);
    let body = terms.get(key);
    if (body === undefined) {
      body = await ledger.provenRelease(r.seq);
      if (body === undefined) continue;
      terms.set(key, body);
    }
    releases.push({ seq: r.seq, released_at: r.released_at, terms: body });
  }
  const data = statementData({
    releases,
    checkpoint: { origin: signed.origin, size: signed.size, root: signed.root },
    generatedAt: now.toISOString(),
  });
  const glossary = glossaryOf(ws.declarations().workspace);
  return { data, document: () => statementDocument(data, glossary, currentLanguage()) };
}

/**
 * A report generated from the declarations alone: the records of processing activities (GDPR Art. 30(1)) or the
 * privacy-policy tables (PIPA Art. 30(1), 28-8(2)). Throws workspace_invalid when a declaration has a problem.
 * @example const { data } = declarationsReport(ws, "policy"); // data.cross_border
 */
export function declarationsReport(
  ws: WorkspaceSession,
  kind: "ropa" | "policy",
): Report<RopaData | PolicyData> {
  const { workspace } = ws.declarations();
  const make = kind === "ropa" ? recordsOfProcessing : privacyPolicyTables;
  return {
    data: kind === "ropa" ? ropaData(workspace) : policyData(workspace),
    document: () => make(workspace, { lang: currentLanguage() }).document,
  };
}

/**
 * The DPIA view of one agreement: its declaration and findings now, every release's volume and terms from the
 * proven bodies, and, when `releaseFile` is given, the re-identification risk of that file over the declared
 * quasi-identifiers, measured only when its SHA-256 is a file of the agreement's last release
 * (`release_file_mismatch` otherwise; `no_quasi_identifiers` when the agreement declares none).
 * @example const { data } = await dpia(ws, "nsf-credit-feed", { releaseFile: "out/credit.csv" });
 */
export async function dpia(
  ws: WorkspaceSession,
  agreement: string,
  options: { releaseFile?: string | undefined } = {},
  now: Date = new Date(),
): Promise<Report<DpiaData>> {
  const { releases, holds, verification } = await provenReleases(ws);
  const declared = declaredAgreements(ws, now).get(agreement);
  const own = releases.filter((r) => r.agreement.id === agreement);
  if (declared === undefined && own.length === 0) agreementOf(ws.declarations().workspace, agreement);
  let risk: MeasuredRisk | undefined;
  if (options.releaseFile !== undefined) {
    const last = own.at(-1);
    const digest = createHash("sha256")
      .update(await readFile(options.releaseFile))
      .digest("hex");
    const file = last?.files.find((f) => f.sha256 === digest);
    if (last === undefined || file === undefined)
      throw new JikimiError("release_file_mismatch", t("app.reports.release_file_mismatch", { agreement }), {
        hint: t("app.reports.release_file_mismatch_hint"),
      });
    const limits = ws.declarations().workspace.agreements.get(agreement)?.value.risk;
    if (limits === undefined)
      throw new JikimiError("no_quasi_identifiers", t("app.reports.no_quasi_identifiers", { agreement }), {
        hint: t("app.reports.no_quasi_identifiers_hint"),
      });
    const measured = (await ws.risk(options.releaseFile, { qi: limits.quasi_identifiers })).report;
    risk = {
      seq: last.seq,
      file: { name: file.name, sha256: file.sha256 },
      quasi_identifiers: limits.quasi_identifiers,
      records: measured.records,
      k: measured.k,
      unique_share: measured.uniqueShare,
      prosecutor_max: measured.prosecutorMax,
      marketer: measured.marketer,
      limits: { min_k: limits.min_k ?? null, max_unique_share: limits.max_unique_share ?? null },
    };
  }
  const data = dpiaData({
    agreement,
    releases,
    holds,
    declared,
    risk,
    verification,
    generatedAt: now.toISOString(),
  });
  return { data, document: () => dpiaDocument(data, currentLanguage()) };
}
