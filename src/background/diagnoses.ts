/**
 * The one place that diagnoses. A failure's Diagnosis is computed once, in the worker, and kept by failure id; the
 * pages receive it as data and render it (issue 21: the pages carry no engine). It is made again only when the
 * failure's evidence changed (a probe answered, the neighbourhood filled in) or the rules did (custom rules, policy).
 * The words are in the browser's language, which does not change while the worker runs.
 */
import { diagnose } from '../engine/diagnose';
import type { Failure } from '../engine/failure';
import type { Diagnosis, Rule } from '../engine/types';

/** Enough for every open page and the newest history entries; older ones are simply diagnosed again. */
const KEPT = 300;

interface Cached {
  /**
   * The failure as it was when diagnosed, serialized: the worker enriches failures in place (probes, load timing)
   * and the history hands out copies, so neither the object nor its id says whether the evidence changed.
   */
  evidence: string;
  rules: readonly Rule[];
  diagnosis: Diagnosis;
}

export class Diagnoses {
  private byId = new Map<string, Cached>();
  /** Diagnoses made (not served from the cache): for tests and the bench. */
  made = 0;

  constructor(private readonly rules: () => readonly Rule[]) {}

  of(failure: Failure): Diagnosis {
    const rules = this.rules();
    const evidence = JSON.stringify(failure);
    const hit = this.byId.get(failure.id);
    if (hit && hit.rules === rules && hit.evidence === evidence) return hit.diagnosis;
    const diagnosis = diagnose(failure, rules);
    this.made++;
    this.byId.delete(failure.id);
    if (this.byId.size >= KEPT) this.byId.delete(this.byId.keys().next().value!);
    this.byId.set(failure.id, { evidence, rules, diagnosis });
    return diagnosis;
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }
}
