import type { FieldType } from '@motcua/core';
import {
  type FieldRenderer,
  fieldRenderer,
  loadFieldRenderer,
  registerField,
  registerFieldLoader,
} from '../field-registry.js';
import { renderCheckbox, renderCheckboxes, renderRadios, renderSelect } from './choice.js';
import { renderDate } from './date.js';
import { renderTextInput, renderTextarea } from './text-input.js';

export {
  checkboxShell,
  renderCheckbox,
  renderCheckboxes,
  renderRadios,
  renderSelect,
} from './choice.js';
export { renderDate } from './date.js';
export type { FileEventDetail } from './file.js';
export { fieldStyles } from './styles.js';
export { renderTextInput, renderTextarea, textInputHandlers } from './text-input.js';

/** Built-in types every page may ask on its first page: in the runtime itself. */
const BUILTIN: Readonly<Record<Exclude<FieldType, LazyType>, FieldRenderer>> = {
  text: renderTextInput,
  textarea: renderTextarea,
  number: renderTextInput,
  email: renderTextInput,
  phone: renderTextInput,
  year: renderTextInput,
  date: renderDate,
  select: renderSelect,
  radio: renderRadios,
  checkbox: renderCheckbox,
  checkboxes: renderCheckboxes,
};

type LazyType = 'file' | 'group' | 'address';

/**
 * Built-in types few pages ask, each its own chunk loaded by `import()` when a page first needs
 * it (the element also fetches those its procedure uses once its first page is drawn): their code
 * and words are not on the way to the first input.
 */
const ON_DEMAND: Readonly<Record<LazyType, () => Promise<FieldRenderer>>> = {
  file: () => import('./file.js').then((module) => module.renderFile),
  group: () => import('./group.js').then((module) => module.renderGroup),
  address: () => import('./address.js').then((module) => module.renderAddress),
};

/**
 * Registers the renderer of every built-in field type that has none yet. Safe to call again
 * and again, and a type a host replaced with `registerField` (before or after) stays replaced.
 *
 * @example
 * registerField('date', myDatePicker); // kept
 * registerBuiltinFields();
 */
export function registerBuiltinFields(): void {
  for (const [type, renderer] of Object.entries(BUILTIN)) {
    if (!fieldRenderer(type)) registerField(type, renderer);
  }
  for (const [type, load] of Object.entries(ON_DEMAND)) registerFieldLoader(type, load);
}

/** Loads every built-in renderer that is loaded on demand (for tests and tools that list them). */
export async function loadBuiltinFields(): Promise<void> {
  await Promise.all(Object.keys(ON_DEMAND).map((type) => loadFieldRenderer(type)));
}
