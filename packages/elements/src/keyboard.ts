// The on-screen Vietnamese keyboard of kiosk mode, for kiosks whose touch keyboard has no
// Vietnamese. Part of the kiosk chunk (kiosk.ts), loaded only in kiosk mode.
//
// A vowel key types the vowel and offers, in a row of its own, every marked form of it
// (a → à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ); a tap on one replaces the vowel just typed, so a
// marked vowel is two taps, a plain one is one, and a wrong mark is corrected with one more tap.
// "d" offers "đ" the same way. Text goes in through the path typing takes (beforeinput,
// setRangeText, an `input` event of type `insertText`), so the fields' own handlers store it, and
// never while an input method is composing: a key pressed mid-composition lets the focus go, the
// browser commits the composition, then the key types after it.
import { type TemplateResult, html, nothing } from 'lit';
import { interpolate } from '@motcua/core';
import type { KioskStrings } from './kiosk-strings.js';

/** A control the keyboard types into. */
export type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** Input types that hold typed text (not choices, files, dates picked from a calendar). */
const TEXT_TYPES = new Set(['text', 'search', 'tel', 'email', 'url', 'number', 'password']);

/** Whether `node` is an enabled, editable text control. */
export function isTextControl(node: unknown): node is TextControl {
  const control = node as TextControl;
  return (
    (node instanceof HTMLTextAreaElement ||
      (node instanceof HTMLInputElement && TEXT_TYPES.has(node.type))) &&
    !control.disabled &&
    !control.readOnly
  );
}

/**
 * Every form of a letter the keyboard offers after it, the letter first: the five tone marks of
 * each vowel (huyền, sắc, hỏi, ngã, nặng), with the vowels that carry a breve, a circumflex or a
 * horn grouped under their base letter, as Vietnamese primers teach them; and đ under d.
 */
export const MARKED_FORMS: Readonly<Record<string, string>> = {
  a: 'aàáảãạăằắẳẵặâầấẩẫậ',
  e: 'eèéẻẽẹêềếểễệ',
  i: 'iìíỉĩị',
  o: 'oòóỏõọôồốổỗộơờớởỡợ',
  u: 'uùúủũụưừứửữự',
  y: 'yỳýỷỹỵ',
  d: 'dđ',
};

const LETTER_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm,.-/'];
const DIGIT_ROWS = ['123', '456', '789'];

/** The selection to replace: email inputs have no selection API, so they are typed at the end. */
function selection(control: TextControl): [number, number] {
  const { selectionStart: start, selectionEnd: end, value } = control;
  return start === null || end === null ? [value.length, value.length] : [start, end];
}

/**
 * Replaces `from`–`to` of the control's text with `text`, as typing does: a cancelable
 * `beforeinput`, the edit, then `input`, both composed so that they leave a shadow root.
 * Returns whether the edit was made.
 */
export function editText(
  control: TextControl,
  text: string,
  from: number,
  to: number,
  inputType: 'insertText' | 'deleteContentBackward',
): boolean {
  const data = inputType === 'insertText' ? text : null;
  const init = { inputType, data, bubbles: true, composed: true };
  if (!control.dispatchEvent(new InputEvent('beforeinput', { ...init, cancelable: true }))) {
    return false;
  }
  const { value, maxLength } = control;
  if (maxLength >= 0 && value.length - (to - from) + text.length > maxLength) return false;
  if (control.selectionStart === null) {
    control.value = value.slice(0, from) + text + value.slice(to);
  } else {
    control.setRangeText(text, from, to, 'end');
  }
  control.dispatchEvent(new InputEvent('input', init));
  return true;
}

/** Deletes the selection, or the letter before the caret with its combining marks, if any. */
export function deleteBackward(control: TextControl): void {
  const [from, to] = selection(control);
  if (from !== to) {
    editText(control, '', from, to, 'deleteContentBackward');
    return;
  }
  if (from === 0) return;
  const before = control.value.slice(0, from);
  // A letter typed in decomposed form (e + ◌̂ + ◌́) goes as one; `u` keeps a surrogate pair whole.
  const last = /[^]\p{M}*$/u.exec(before)![0];
  editText(control, '', from - last.length, from, 'deleteContentBackward');
}

/** Where the keyboard types and how it reads to the citizen. */
export interface KeyboardTarget {
  control: TextControl;
  /** "Ngày sinh của trẻ – Tháng": the question, and the part of it when it has several. */
  label: string;
  /** Digits only (a phone, a year, a date, an ID number), and whether letters may be asked for. */
  digits: 'only' | 'switchable' | false;
}

/** The marked forms on offer: the letter just typed, where, and in which case. */
interface Marks {
  control: TextControl;
  at: number;
  base: string;
  upper: boolean;
}

/**
 * The keyboard's state (capitals, the marked forms on offer, letters asked for on a digits
 * field) and its keys. The kiosk controller tells it where to type and renders it.
 */
export class OnScreenKeyboard {
  /** Whether the keyboard is shown. */
  open = false;
  /** The next letter is a capital (one-shot, as on phone keyboards). */
  shift = false;
  /** Letters asked for ("ABC") on a field that wants digits. */
  letters = false;
  #marks: Marks | undefined;

  /** Back to lower case, no marks on offer, the field's own layout: a new page or citizen. */
  reset(): void {
    this.shift = false;
    this.letters = false;
    this.#marks = undefined;
  }

  /** Types a letter, digit or sign at the caret; a vowel or "d" then offers its marked forms. */
  type(control: TextControl, char: string): void {
    const letter = char.toUpperCase() !== char;
    const upper = letter && this.shift;
    const [from, to] = selection(control);
    if (!editText(control, upper ? char.toUpperCase() : char, from, to, 'insertText')) return;
    if (letter) this.shift = false;
    this.#marks = MARKED_FORMS[char] ? { control, at: from, base: char, upper } : undefined;
  }

  /**
   * Types a marked form: in place of the letter it was offered for when the caret is still just
   * after it (a second tap corrects the mark), at the caret otherwise.
   */
  mark(control: TextControl, form: string): void {
    const marks = this.#marks;
    if (!marks) return;
    const text = marks.upper ? form.toUpperCase() : form;
    const [from, to] = selection(control);
    const current = control.value.charAt(marks.at).toLowerCase();
    const inPlace =
      marks.control === control &&
      from === to &&
      from === marks.at + 1 &&
      MARKED_FORMS[marks.base]!.includes(current);
    const at = inPlace ? marks.at : from;
    if (editText(control, text, at, inPlace ? from : to, 'insertText')) {
      this.#marks = { ...marks, control, at };
    }
  }

  backspace(control: TextControl): void {
    this.#marks = undefined;
    deleteBackward(control);
  }

  /** Another field was chosen: what was on offer belonged to the last one. */
  retarget(): void {
    this.#marks = undefined;
  }

  /**
   * The keys, for `target`. `keepFocus` goes on the keys' `mousedown`: it keeps the caret in the
   * field while a finger or mouse types, except mid-composition (see the file's comment).
   */
  render(
    target: KeyboardTarget,
    strings: KioskStrings,
    keepFocus: (event: Event) => void,
    changed: () => void,
  ): TemplateResult {
    const { control } = target;
    const press = (action: () => void) => () => {
      action();
      changed();
    };
    const key = (label: string, action: () => void, modifier = '') =>
      html`<button class="keyboard__key ${modifier}" type="button" @click=${press(action)}>
        ${label}
      </button>`;
    const char = (value: string) =>
      key(this.shift ? value.toUpperCase() : value, () => this.type(control, value));
    const backspace = key(strings.backspace, () => this.backspace(control), 'keyboard__key--wide');
    const digitsOnly = target.digits !== false && !this.letters;
    const marks = this.#marks?.control === control ? this.#marks : undefined;
    const rows = digitsOnly
      ? html`${DIGIT_ROWS.map((row) => html`<div class="keyboard__row">${[...row].map(char)}</div>`)}
          <div class="keyboard__row">
            ${
              target.digits === 'switchable'
                ? html`<button
                    class="keyboard__key keyboard__key--wide"
                    type="button"
                    @click=${press(() => (this.letters = true))}
                  >
                    ${strings.letters}<span class="visually-hidden">, ${strings.lettersName}</span>
                  </button>`
                : nothing
            }
            ${char('0')} ${backspace}
          </div>`
      : html`${LETTER_ROWS.map(
            (row) => html`<div class="keyboard__row">${[...row].map(char)}</div>`,
          )}
          <div class="keyboard__row">
            ${
              target.digits === 'switchable'
                ? html`<button
                    class="keyboard__key keyboard__key--wide"
                    type="button"
                    @click=${press(() => (this.letters = false))}
                  >
                    ${strings.digits}<span class="visually-hidden">, ${strings.digitsName}</span>
                  </button>`
                : nothing
            }
            <button
              class="keyboard__key keyboard__key--wide"
              type="button"
              aria-pressed=${this.shift ? 'true' : 'false'}
              @click=${press(() => (this.shift = !this.shift))}
            >
              ${strings.shift}
            </button>
            ${key(strings.space, () => this.type(control, ' '), 'keyboard__key--space')}
            ${backspace}
          </div>`;
    return html`<div
      class="keyboard no-print"
      role="group"
      aria-label=${strings.keyboardName}
      @mousedown=${keepFocus}
    >
      <p class="keyboard__target">${interpolate(strings.typingInto, { label: target.label })}</p>
      ${
        digitsOnly
          ? nothing
          : html`<div class="keyboard__marks">
              ${
                marks
                  ? html`<span class="keyboard__marks-label" id="keyboard-marks-label"
                        >${interpolate(strings.marksFor, {
                          letter: marks.upper ? marks.base.toUpperCase() : marks.base,
                        })}</span
                      >
                      <div
                        class="keyboard__marks-keys"
                        role="group"
                        aria-labelledby="keyboard-marks-label"
                      >
                        ${[...MARKED_FORMS[marks.base]!].map((form) =>
                          key(marks.upper ? form.toUpperCase() : form, () =>
                            this.mark(control, form),
                          ),
                        )}
                      </div>`
                  : html`<span class="keyboard__hint">${strings.marksHint}</span>`
              }
            </div>`
      }
      ${rows}
    </div>`;
  }
}
