/**
 * Where citizens get stuck (issue 13): the summary a page sends when a citizen's session ends
 * (`watchInsights` in `@motcua/elements`) and `@motcua/server` counts (`POST /api/insights`).
 * Types only: the contract between the two. Step ids, field ids, error codes, counts and times;
 * never an answer or anything that identifies the citizen.
 *
 * @module
 */

/** A field's errors or warnings of one code on one step, and how many times they were shown. */
export interface InsightsCount {
  step: string;
  /** The field's path with row numbers left out: `members.dob` for `members.2.dob`. */
  field: string;
  code: string;
  count: number;
}

/**
 * What is sent when a citizen's session ends: the body of `POST /api/insights` on
 * `@motcua/server`.
 */
export interface InsightsSummary {
  procedure: string;
  version: string;
  /** `kiosk` for an element in kiosk mode, `online` for a portal. */
  channel: 'kiosk' | 'online';
  /** `submitted` once the dossier was accepted; `left` when the citizen went before that. */
  outcome: 'submitted' | 'left';
  /** Where the citizen was at the end: a step id, or `review`. */
  last: string;
  /** The steps reached (and `review`), in the order reached, with the time spent on each. */
  steps: { step: string; ms: number }[];
  /** Errors shown after a Continue: each showing counts once. */
  errors: InsightsCount[];
  /** Warnings the citizen confirmed by continuing past them. */
  warnings: InsightsCount[];
  /** "Cần trợ giúp" pressed, by step. */
  help: { step: string; count: number }[];
}
