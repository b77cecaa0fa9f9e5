// a purpose needed only by some subjects (a score for users of one service) must not receive everyone,
// except in a dated model-building phase. Conditions are compared by meaning (expr/meaning.ts), and a check
// --at a day judges the phase in force that day, as the gateway would run it.
import { clauses, keyOf, normalise, requires, selectsEveryone } from "../../expr/meaning.js";
import { checkExpression } from "../../expr/validate.js";
import type { CheckedPhase } from "../../model/workspace.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, phaseInForce } from "../facts.js";
import type { Finding } from "../finding.js";
import { list, pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const unscopedPopulation: Rule = {
  code: "unscoped_population",
  get title() {
    return pt("policy.unscoped_population.title");
  },
  severity: "error",
  articles: [ARTICLES.pipa3, ARTICLES.pipa18, ARTICLES.cia32, ARTICLES.gdpr5b, ARTICLES.gdpr5c],
  get description() {
    return pt("policy.unscoped_population.description");
  },
  run(ws, ctx) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const a = doc.value;
      const perSubject = a.purposes
        .map((id) => ({ id, p: ws.purposes.get(id)?.value.per_subject }))
        .filter((x): x is { id: string; p: NonNullable<typeof x.p> } => x.p !== undefined);
      if (perSubject.length === 0) continue;
      const subject = { kind: "agreement", id: a.id } as const;
      const names = list(perSubject.map((x) => x.id));
      const first = perSubject[0]?.p;
      if (!a.phases) {
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["purposes"],
            message: pt("policy.unscoped_population.no_scope", {
              purposes: names,
              description: first?.description ?? "",
            }),
            fix: pt("policy.unscoped_population.no_scope_fix", { condition: first?.condition ?? "" }),
            trace: [pt("policy.unscoped_population.no_scope_trace")],
          }),
        );
        continue;
      }
      const fields = new Map(
        Object.entries(ws.datasets.get(a.dataset)?.value.fields ?? {}).map(([k, f]) => [k, f.type]),
      );
      const inForce = phaseInForce(a.phases, ctx.at);
      const when = inForce
        ? pt("policy.unscoped_population.in_force", { phase: inForce.name, at: ctx.at })
        : pt("policy.unscoped_population.none_in_force", { at: ctx.at });
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
              message: pt("policy.unscoped_population.endless", { phase: phase.name }),
              fix: pt("policy.unscoped_population.endless_fix"),
              trace: [when, "model_building: true", pt("policy.unscoped_population.until_absent_trace")],
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
              message: pt("policy.unscoped_population.everyone", {
                phase: phase.name,
                from: phase.from ?? pt("policy.word.the_start"),
                purposes: names,
                description: first?.description ?? "",
              }),
              fix: pt("policy.unscoped_population.everyone_fix", { condition: first?.condition ?? "" }),
              trace: [
                when,
                pt("policy.unscoped_population.everyone_trace", { phase: phase.name }),
                "model_building: false",
              ],
            }),
          );
          continue;
        }
        for (const x of perSubject) {
          const cond = checkExpression(x.p.condition, fields);
          // the loader has checked every purpose condition against the agreement's dataset already
          if (!cond.ok || requires(phase.expr, cond.expr)) continue;
          out.push(
            finding(this, doc, {
              code: this.code,
              severity: "warning",
              subject,
              path: ["scope", "phases", i, "where"],
              message: pt("policy.unscoped_population.not_required", {
                phase: phase.name,
                purpose: x.id,
                condition: x.p.condition,
              }),
              fix: pt("policy.unscoped_population.not_required_fix", { condition: x.p.condition }),
              trace: [
                when,
                pt("policy.unscoped_population.clauses_trace", {
                  clauses: clauses(normalise(phase.expr)).map(keyOf).join(" && "),
                }),
                pt("policy.unscoped_population.condition_trace", { condition: keyOf(normalise(cond.expr)) }),
              ],
            }),
          );
        }
      }
    }
    return out;
  },
};
