/**
 * The base of every error motcua throws. Subclasses set `name` explicitly because minifiers
 * mangle class names, and embedders match on `error.name`.
 */
export class MotcuaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MotcuaError';
  }
}

/** One problem found in a procedure definition. */
export interface DefinitionIssue {
  /** A JSON Pointer (RFC 6901) to the offending value, e.g. `/steps/2/fields/0/type`. */
  pointer: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/**
 * Thrown by `loadProcedure` (and `motcua build`) when a definition has problems. `issues` lists
 * every problem found, not only the first, so an author can fix them in one pass.
 */
export class DefinitionError extends MotcuaError {
  readonly issues: readonly DefinitionIssue[];

  /**
   * @param source the file, put in front of the message
   * @param subject what has the problems: the procedure definition, or its declaration template
   */
  constructor(
    issues: readonly DefinitionIssue[],
    source?: string,
    subject = 'the procedure definition',
  ) {
    const where = source ? `${source}: ` : '';
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      `${where}${subject} has ${count}:\n` +
        issues.map((issue) => `  ${issue.pointer || '/'}: ${issue.message}`).join('\n'),
    );
    this.name = 'DefinitionError';
    this.issues = issues;
  }
}
