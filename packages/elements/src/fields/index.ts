import type { FieldType } from '@motcua/core';
import { type FieldRenderer, fieldRenderer, registerField } from '../field-registry.js';
import { renderCheckbox, renderCheckboxes, renderRadios, renderSelect } from './choice.js';
import { renderAddress } from './address.js';
import { renderDate } from './date.js';
import { renderFile } from './file.js';
import { renderGroup } from './group.js';
import { renderTextInput, renderTextarea } from './text-input.js';

export {
  checkboxShell,
  renderCheckbox,
  renderCheckboxes,
  renderRadios,
  renderSelect,
} from './choice.js';
export { renderAddress } from './address.js';
export { renderDate } from './date.js';
export type { FileEventDetail } from './file.js';
export { renderFile } from './file.js';
export { renderGroup } from './group.js';
export { fieldStyles } from './styles.js';
export { renderTextInput, renderTextarea, textInputHandlers } from './text-input.js';

const BUILTIN: Readonly<Record<FieldType, FieldRenderer>> = {
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
  file: renderFile,
  group: renderGroup,
  address: renderAddress,
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
}
