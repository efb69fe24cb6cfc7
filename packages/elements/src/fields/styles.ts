import { css } from 'lit';

/**
 * Styles of the built-in field controls: radios, checkboxes, select, date input, file upload
 * and a group's rows, after the GOV.UK Design System. Sizes are in em of the host's
 * `--motcua-font-size`, so the text-size switch scales the controls with the words; boxes and
 * buttons never go below a 44px target (48px in kiosk mode, for fingers on a public screen).
 *
 * Colours read the element's own variables first (`--_text`…, which high contrast changes),
 * then the public `--motcua-color-*`, then GOV.UK's values, all AA on white: text #0b0c0c
 * (19.6:1), hint #505a5f (7:1), link #1d70b8 (5.2:1), error #d4351c (4.9:1). State never
 * shows by colour alone: a checked box has its mark, an error has its message and a thicker
 * border, focus has a black bar under the yellow.
 */
export const fieldStyles = css`
  :host {
    --_field-text: var(--_text, var(--motcua-color-text, #0b0c0c));
    --_field-border: var(--motcua-color-border, var(--_field-text));
    --_field-focus: var(--_focus, var(--motcua-color-focus, #ffdd00));
    --_field-error: var(--_error, var(--motcua-color-error, #d4351c));
    --_field-hint: var(--_hint, var(--motcua-color-hint, #505a5f));
    --_field-brand: var(--_brand, var(--motcua-color-brand, #1d70b8));
    --_field-background: var(--_background, #ffffff);
    --_field-space: var(--motcua-space, 5px);
    /* The side of a radio or checkbox, which is also its touch target. */
    --_field-box: max(44px, 2.35em);
    --_field-target: 44px;
  }
  :host([mode='kiosk']) {
    --_field-box: max(48px, 2.35em);
    --_field-target: 48px;
  }

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
  }

  /* The same as the element's, so that the fields also stand alone in another host. */
  .field--error {
    border-left: 5px solid var(--_field-error);
    padding-left: 0.75em;
  }

  /* Radios and checkboxes: the native control stays, invisible, over a drawn box of the same
     size, so that screen readers, keyboards and Windows high contrast all get the real thing. */
  .radios__item,
  .checkboxes__item {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    margin-bottom: calc(var(--_field-space) * 2);
  }
  .radios__item:last-child,
  .checkboxes__item:last-child {
    margin-bottom: 0;
  }
  .radios--inline {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    column-gap: calc(var(--_field-space) * 4);
  }
  .radios--inline .radios__item {
    margin-bottom: 0;
  }
  .radios__input,
  .checkboxes__input {
    z-index: 1;
    flex: none;
    width: var(--_field-box);
    height: var(--_field-box);
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .radios__label,
  .checkboxes__label {
    display: inline-block;
    align-self: center;
    box-sizing: border-box;
    max-width: calc(100% - var(--_field-box));
    min-height: var(--_field-box);
    margin: 0;
    padding: 0.35em 0.75em;
    font-weight: 400;
    color: var(--_field-text);
    cursor: pointer;
    touch-action: manipulation;
  }
  .checkboxes__heading {
    align-self: center;
    max-width: calc(100% - var(--_field-box));
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
  }
  .checkboxes__heading .checkboxes__label {
    max-width: none;
    font-weight: 700;
  }
  .radios__label::before,
  .checkboxes__label::before {
    content: '';
    box-sizing: border-box;
    position: absolute;
    top: 0;
    left: 0;
    width: var(--_field-box);
    height: var(--_field-box);
    border: 2px solid var(--_field-border);
    background: var(--_field-background);
  }
  .radios__label::before {
    border-radius: 50%;
  }
  /* The dot is a border, not a background: forced-colours modes drop backgrounds. */
  .radios__label::after {
    content: '';
    position: absolute;
    top: calc(var(--_field-box) * 0.275);
    left: calc(var(--_field-box) * 0.275);
    width: 0;
    height: 0;
    border: calc(var(--_field-box) * 0.225) solid var(--_field-text);
    border-radius: 50%;
    opacity: 0;
  }
  .checkboxes__label::after {
    content: '';
    box-sizing: content-box;
    position: absolute;
    top: calc(var(--_field-box) * 0.25);
    left: calc(var(--_field-box) * 0.2);
    width: calc(var(--_field-box) * 0.52);
    height: calc(var(--_field-box) * 0.27);
    border: solid var(--_field-text);
    border-width: 0 0 calc(var(--_field-box) * 0.115) calc(var(--_field-box) * 0.115);
    border-top-color: transparent;
    background: transparent;
    transform: rotate(-45deg);
    opacity: 0;
  }
  .radios__input:checked + .radios__label::after,
  .checkboxes__input:checked + .checkboxes__label::after,
  .checkboxes__input:checked + .checkboxes__heading .checkboxes__label::after {
    opacity: 1;
  }
  /* A 4px border and a yellow ring: visible on any background, and the transparent outline
     becomes a real one in forced-colours modes. */
  .radios__input:focus + .radios__label::before,
  .checkboxes__input:focus + .checkboxes__label::before,
  .checkboxes__input:focus + .checkboxes__heading .checkboxes__label::before {
    border-width: 4px;
    outline: 3px solid transparent;
    outline-offset: 1px;
    box-shadow: 0 0 0 4px var(--_field-focus);
  }
  .radios__input:disabled,
  .radios__input:disabled + .radios__label,
  .checkboxes__input:disabled,
  .checkboxes__input:disabled + .checkboxes__label {
    cursor: not-allowed;
  }
  /* Not faded with opacity, which would take the text below AA: hint colour, dashed box. */
  .radios__input:disabled + .radios__label,
  .checkboxes__input:disabled + .checkboxes__label {
    color: var(--_field-hint);
  }
  .radios__input:disabled + .radios__label::before,
  .checkboxes__input:disabled + .checkboxes__label::before {
    border-style: dashed;
    border-color: var(--_field-hint);
  }
  .radios__hint,
  .checkboxes__hint {
    display: block;
    box-sizing: border-box;
    width: 100%;
    margin-top: -0.25em;
    padding: 0 0.75em 0 calc(var(--_field-box) + 0.75em);
    color: var(--_field-hint);
  }

  /* Select */
  .select {
    font: inherit;
    box-sizing: border-box;
    min-width: 11.5em;
    max-width: 100%;
    min-height: max(var(--_field-target), 2.2em);
    padding: 0.25em;
    border: 2px solid var(--_field-border);
    border-radius: 0;
    color: var(--_field-text);
    background: var(--_field-background);
  }
  .select:focus {
    outline: 3px solid var(--_field-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_field-text);
  }
  .select--error {
    border-color: var(--_field-error);
  }
  .select--error:focus {
    border-color: var(--_field-text);
  }

  /* Date input: three boxes, sized for what they hold. */
  .date-input {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_field-space) * 2) 1em;
  }
  .date-input__item {
    display: flex;
    flex-direction: column;
  }
  .date-input__label {
    display: block;
    margin-bottom: 0.25em;
    font-weight: 400;
  }
  .date-input__input {
    font: inherit;
    box-sizing: border-box;
    min-height: max(var(--_field-target), 2.2em);
    margin: 0;
    padding: 0.25em;
    border: 2px solid var(--_field-border);
    border-radius: 0;
    color: var(--_field-text);
    background: var(--_field-background);
  }
  .date-input__input--2 {
    width: 2.75em;
  }
  .date-input__input--4 {
    width: 4.5em;
  }
  .date-input__input::placeholder {
    color: var(--_field-hint);
    opacity: 1;
  }
  .date-input__input:focus {
    outline: 3px solid var(--_field-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_field-text);
  }
  .date-input__input--error {
    border-color: var(--_field-error);
    border-width: 3px;
  }
  .date-input__input--error:focus {
    border-color: var(--_field-text);
  }

  /* File upload */
  .file-upload {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_field-space) * 2) 1em;
  }
  /* The browser's "No file chosen" would contradict the answer when the page is shown again
     (the input forgets, the answer does not): .file-upload__chosen says what is chosen. */
  .file-upload__input {
    font: inherit;
    max-width: 100%;
    margin-left: -0.25em;
    padding: 0.25em;
    color: transparent;
  }
  .file-upload__input::file-selector-button {
    font: inherit;
    min-height: max(var(--_field-target), 2.2em);
    margin-right: 0.75em;
    padding: 0.25em 0.75em;
    border: 2px solid var(--_field-border);
    border-radius: 0;
    color: var(--_field-text);
    background: var(--_panel, #f3f2f1);
    cursor: pointer;
  }
  .file-upload__input:focus {
    outline: 3px solid var(--_field-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 4px var(--_field-text);
  }
  .file-upload__input--error {
    border: 2px solid var(--_field-error);
  }
  .file-upload__chosen,
  .file-upload__paper {
    flex-basis: 100%;
    margin: 0;
    font-weight: 700;
  }

  /* Buttons inside fields: take a photo, add or remove a row, remove a file. */
  .field-button {
    font: inherit;
    font-weight: 600;
    min-height: var(--_field-target);
    margin: 0;
    padding: 0.4em 0.8em;
    border: 2px solid transparent;
    border-radius: 0;
    color: var(--_field-text);
    background: var(--_panel, #f3f2f1);
    box-shadow: 0 2px 0 #929191;
    cursor: pointer;
    touch-action: manipulation;
  }
  .field-button:hover {
    background: var(--_panel-hover, #dbdad9);
  }
  .field-button:focus-visible {
    outline: 3px solid transparent;
    color: #0b0c0c;
    background: var(--_field-focus);
    box-shadow: 0 4px 0 #0b0c0c;
  }
  .field-link-button {
    font: inherit;
    min-height: var(--_field-target);
    padding: 0.25em 0.1em;
    border: 0;
    color: var(--_field-brand);
    background: none;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .field-link-button:focus-visible {
    outline: 3px solid transparent;
    color: #0b0c0c;
    background: var(--_field-focus);
    box-shadow:
      0 -2px var(--_field-focus),
      0 4px #0b0c0c;
    text-decoration: none;
  }

  /* A group's rows, after GOV.UK's "add another" pattern. */
  .group:focus {
    outline: 3px solid var(--_field-focus);
    outline-offset: 0.25em;
  }
  .group__row {
    margin-bottom: 1.5em;
    padding-bottom: 1em;
    border-bottom: 1px solid #b1b4b6;
  }
  fieldset:has(> .group) > .legend:not(.legend--heading) {
    font-size: 1.25em;
    margin-bottom: 0.5em;
  }
  .group__row-heading {
    margin: 0 0 0.5em;
    font-size: 1.125em;
    line-height: 1.3;
  }
  .group__row-heading:focus {
    outline: 3px solid var(--_field-focus);
  }
  .group__row .field {
    margin-bottom: 1em;
  }

  /* Old names' new units: rows flush with the words above, wrapped lines from the left. */
  .address__formerly ul {
    list-style: none;
    padding-left: 0;
  }
  .address__formerly button {
    text-align: start;
  }

  @media print {
    .file-upload__camera,
    .field-button,
    .field-link-button {
      display: none !important;
    }
  }
`;
