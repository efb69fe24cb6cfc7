/**
 * `<MotcuaProcedure>`: the `<motcua-procedure>` element as a React component, made with
 * `@lit/react`, so that object properties (`procedure`, `submit`, `addressData`) are set as
 * properties, not stringified into attributes, and the element's events are typed `on…` props.
 *
 * Importing this module defines `<motcua-procedure>` (through `defineMotcuaProcedure`).
 *
 * @module
 */
import { type EventName, type ReactWebComponent, createComponent } from '@lit/react';
import {
  type MotcuaEventMap,
  MotcuaProcedure as MotcuaProcedureElement,
  defineMotcuaProcedure,
} from '@motcua/elements';
import * as React from 'react';

/**
 * The React prop of each event of `<motcua-procedure>`, with the event's type. (A type, not an
 * interface: `createComponent` needs it to be indexable by string.)
 */
export type MotcuaEventProps = {
  /** A new page is shown (a step, review, or the confirmation). */
  onMotcuaStepChange: EventName<MotcuaEventMap['motcua-step-change']>;
  /** The answers are about to be sent; `detail.key` is the dossier's idempotency key. */
  onMotcuaSubmit: EventName<MotcuaEventMap['motcua-submit']>;
  /** The server accepted the dossier; `detail.receipt` is its answer. */
  onMotcuaSubmitted: EventName<MotcuaEventMap['motcua-submitted']>;
  /** Sending failed; the answers are kept and the citizen can retry. */
  onMotcuaFailed: EventName<MotcuaEventMap['motcua-failed']>;
  /** The citizen asked for help. */
  onMotcuaHelp: EventName<MotcuaEventMap['motcua-help']>;
  /** The form was emptied (`detail.reason`: reset, idle or pagehide). */
  onMotcuaReset: EventName<MotcuaEventMap['motcua-reset']>;
};

/** `motcua-step-change` → `MotcuaStepChange`. */
type PascalCase<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<Name>;
type EveryEvent = {
  [Type in keyof MotcuaEventMap & string as `on${PascalCase<Type>}`]: EventName<
    MotcuaEventMap[Type]
  >;
};
type Assert<Condition extends true> = Condition;
// Fails to compile when the element gains an event that has no prop above.
type _EveryEventHasAProp = Assert<MotcuaEventProps extends EveryEvent ? true : false>;

/** Every event of `<motcua-procedure>` by its React prop, as `createComponent` takes them. */
export const motcuaEvents: MotcuaEventProps = {
  onMotcuaStepChange: 'motcua-step-change' as EventName<MotcuaEventMap['motcua-step-change']>,
  onMotcuaSubmit: 'motcua-submit' as EventName<MotcuaEventMap['motcua-submit']>,
  onMotcuaSubmitted: 'motcua-submitted' as EventName<MotcuaEventMap['motcua-submitted']>,
  onMotcuaFailed: 'motcua-failed' as EventName<MotcuaEventMap['motcua-failed']>,
  onMotcuaHelp: 'motcua-help' as EventName<MotcuaEventMap['motcua-help']>,
  onMotcuaReset: 'motcua-reset' as EventName<MotcuaEventMap['motcua-reset']>,
};

defineMotcuaProcedure();

/**
 * The citizen's guided form for one procedure. In a bundled app, import the procedure (through
 * the `motcuaProcedures()` plugin) and pass it as `procedure`, so that it runs on the app's own
 * copy of the engine; `src` loads a separately built module, with its own copy.
 *
 * @example
 * import { MotcuaProcedure } from '@motcua/react';
 * import birthRegistration from './birth-registration.procedure.json';
 *
 * <MotcuaProcedure
 *   procedure={birthRegistration}
 *   endpoint="/api/dossiers"
 *   onMotcuaSubmitted={(event) => console.log(event.detail.receipt)}
 * />;
 */
export const MotcuaProcedure: ReactWebComponent<MotcuaProcedureElement, MotcuaEventProps> =
  createComponent({
    react: React,
    tagName: 'motcua-procedure',
    elementClass: MotcuaProcedureElement,
    events: motcuaEvents,
    displayName: 'MotcuaProcedure',
  });
