// a purpose needed only by some subjects (a score for users of one service) must not receive everyone,
// except in a dated model-building phase. Conditions are compared by meaning (expr/meaning.ts), and a check
// --at a day judges the phase in force that day, as the gateway would run it.
import { clauses, keyOf, normalise, requires, selectsEveryone } from "../../expr/meaning.js";
import { checkExpression } from "../../expr/validate.js";
import type { CheckedPhase } from "../../model/workspace.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, phaseInForce } from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

export const unscopedPopulation: Rule = {
  code: "unscoped_population",
  title: "Whole population sent for a per-subject purpose",
  severity: "error",
  articles: [ARTICLES.pipa3, ARTICLES.pipa18, ARTICLES.cia32, ARTICLES.gdpr5b, ARTICLES.gdpr5c],
  description:
    "When a purpose is needed only for some subjects (e.g. a risk score only for customers who linked the app store), sending every customer goes beyond the purpose. The whole population may go only in a model-building phase that ends on a date. Checked for a day, the phase in force that day is judged (every phase when none is); a phase's condition is compared with the purpose's by meaning, so `linked == true` and `linked` are the same.",
  run(ws, ctx) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const a = doc.value;
      const perSubject = a.purposes
        .map((id) => ({ id, p: ws.purposes.get(id)?.value.per_subject }))
        .filter((x): x is { id: string; p: NonNullable<typeof x.p> } => x.p !== undefined);
      if (perSubject.length === 0) continue;
      const subject = { kind: "agreement", id: a.id } as const;
      const names = perSubject.map((x) => x.id).join(", ");
      if (!a.phases) {
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["purposes"],
            message: `purpose ${names} is needed only for some subjects (${perSubject[0]?.p.description}), but the agreement has no scope: every subject is sent`,
            fix: `add scope.phases with where: ${perSubject[0]?.p.condition}`,
            trace: ["no scope declared"],
          }),
        );
        continue;
      }
      const fields = new Map(
        Object.entries(ws.datasets.get(a.dataset)?.value.fields ?? {}).map(([k, f]) => [k, f.type]),
      );
      const inForce = phaseInForce(a.phases, ctx.at);
      const when = inForce
        ? `phase "${inForce.name}" is in force on ${ctx.at}`
        : `no phase is in force on ${ctx.at}: every phase is judged`;
      const judged: [CheckedPhase, number][] = a.phases
        .map((phase, i): [CheckedPhase, number] => [phase, i])
        .filter(([phase]) => inForce === undefined || phase === inForce);
      for (const [phase, i] of judged) {
        if (phase.model_building && phase.until === undefined) {
          out.push(
            finding(this, doc, {
              code: this.code,
              subject,
              path: ["scope", "phases", i, "model_building"],
              message: `model-building phase "${phase.name}" has no end date, so the whole population may be sent for ever`,
              fix: "give the model-building phase an until: date",
              trace: [when, "model_building: true", "until: absent"],
            }),
          );
          continue;
        }
        if (phase.model_building) continue;
        if (selectsEveryone(phase.expr)) {
          out.push(
            finding(this, doc, {
              code: this.code,
              subject,
              path: ["scope", "phases", i, "where"],
              message: `phase "${phase.name}" (from ${phase.from ?? "the start"}) sends every subject, but purpose ${names} is needed only for ${perSubject[0]?.p.description}`,
              fix: `restrict the phase: where: ${perSubject[0]?.p.condition}`,
              trace: [when, `phase ${phase.name}: where selects everyone`, "model_building: false"],
            }),
          );
          continue;
        }
        for (const x of perSubject) {
          const cond = checkExpression(x.p.condition, fields);
          if (!cond.ok || requires(phase.expr, cond.expr)) continue;
          out.push(
            finding(this, doc, {
              code: this.code,
              severity: "warning",
              subject,
              path: ["scope", "phases", i, "where"],
              message: `phase "${phase.name}" does not require the condition of purpose ${x.id} (${x.p.condition}), so it may send subjects who do not need it`,
              fix: `add "&& ${x.p.condition}" to the phase's where`,
              trace: [
                when,
                `phase clauses: ${clauses(normalise(phase.expr)).map(keyOf).join(" && ")}`,
                `purpose condition: ${keyOf(normalise(cond.expr))}`,
              ],
            }),
          );
        }
      }
    }
    return out;
  },
};
