/**
 * The engine as a page's runtime carries it (`motcua.js`, and the runtime a procedure module
 * finds registered): every value `@motcua/core` exports, but the two that start XState at once,
 * `createSession` and `createProcedureMachine`, and `defaultMessages`, which the runtime loads with
 * a procedure's checks (`procedure.load()`) rather than before the first page. A page starts its sessions with
 * {@link startSession}, whose first page is drawn before XState has loaded; XState and the
 * machine come in a chunk of their own once the first page is drawn (`session.ready`), and
 * `procedure.machine` and `session.actor` are there from then on. Node and bundled apps import
 * `createSession` from `@motcua/core` as before.
 *
 * @module
 */
export {
  AnswersError,
  DEFAULT_LOCALE,
  DefinitionError,
  FIELD_OPERATORS,
  FIELD_TYPES,
  FORBIDDEN_KEYS,
  MotcuaError,
  builtinFormats,
  civilDate,
  conditionFields,
  createManualClock,
  createProcedure,
  evaluate,
  formatDate,
  formatMessage,
  interpolate,
  isEmpty,
  isPaperAnswer,
  localize,
  midSentence,
  rowScope,
  startSession,
  systemClock,
  toAnswers,
  todayIn,
  warningKey,
} from '@motcua/core';
