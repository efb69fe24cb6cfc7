export type {
  Agency,
  CardMapping,
  CardPart,
  Condition,
  DateExpression,
  DateShift,
  DateOperand,
  DeclarationRow,
  DeclarationSection,
  DeclarationTemplate,
  DocumentDefinition,
  Fee,
  FeeChannel,
  FeePer,
  FieldCondition,
  FieldDefinition,
  FieldOperator,
  FieldRef,
  FieldType,
  JsonValue,
  LegalBasis,
  Locale,
  NumberOperand,
  OnlineAvailability,
  Option,
  Prefill,
  ProcedureDefinition,
  ProcessingTime,
  RangeKeys,
  RowCount,
  RuleDefinition,
  StepDefinition,
  Text,
} from './definition.js';
export { FIELD_OPERATORS, FIELD_TYPES } from './definition.js';
export type {
  AddressAnswer,
  AnswerValue,
  Answers,
  DateParts,
  FileAnswer,
  PaperAnswer,
} from './answers.js';
export { AnswersError, FORBIDDEN_KEYS, isEmpty, isPaperAnswer, toAnswers } from './answers.js';
export type { Clock, ManualClock } from './clock.js';
export { civilDate, createManualClock, systemClock, todayIn } from './clock.js';
export type { ConditionScope, Operators } from './condition.js';
export { conditionFields, evaluate, rowScope } from './condition.js';
export { formatDate } from './dates.js';
export type { DefinitionIssue } from './errors.js';
export { DefinitionError, MotcuaError } from './errors.js';
export type {
  FormatDefinition,
  FormatFailure,
  OperandProblem,
  OperatorDefinition,
  Pack,
} from './formats.js';
export { builtinFormats } from './formats.js';
export type { ErrorParams, MessageCatalog, MessageRequest } from './messages.js';
export { defaultMessages } from './default-messages.js';
export { formatMessage } from './messages.js';
export type {
  MachineOptions,
  ProcedureContext,
  ProcedureEvent,
  ProcedureInput,
  ProcedureMachine,
  SubmitError,
  SubmitInput,
} from './machine.js';
export { createProcedureMachine } from './machine.js';
export { warningKey } from './journey.js';
export type {
  CheckOptions,
  FeeLine,
  FeeOptions,
  Fees,
  InputMode,
  PaperToBring,
  Procedure,
  ProcedureChecks,
  ProcedureOptions,
  SchemaValidator,
  SchemaValidatorError,
  SchemaValidators,
  StepCheck,
  TextsOverlay,
  ValidationError,
  ValidationResult,
} from './procedure.js';
export { createProcedure } from './procedure.js';
export type {
  SendContext,
  SendDossier,
  Session,
  SessionOptions,
  SessionSnapshot,
  SessionStatus,
} from './session.js';
export { createSession } from './session.js';
export type { StartOptions } from './start.js';
export { startSession } from './start.js';
export { DEFAULT_LOCALE, interpolate, localize, midSentence } from './text.js';
export type { InsightsCount, InsightsSummary } from './insights.js';
