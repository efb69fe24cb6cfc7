import { css } from 'lit';

/**
 * The page around the fields: type, buttons, error summary, the list of answers (review's and the
 * card scan's). The review and confirmation pages bring the rest of theirs (review.ts).
 * Sizes are in em of `--motcua-font-size`, so the text-size switch scales everything.
 * Colours pass WCAG 2.2 AA on white. High contrast is white and yellow on black, every colour at
 * least 7:1 (AAA): text #fff (21:1), links #ffdd00 (15.6:1), errors #ff8f8f (9.6:1), with thicker
 * borders; larger text is 150% of the host's size, toolbar and dialogs included.
 */
export const elementStyles = css`
  :host {
    display: block;
    --_text: var(--motcua-color-text, #0b0c0c);
    --_brand: var(--motcua-color-brand, #1d70b8);
    --_focus: var(--motcua-color-focus, #ffdd00);
    --_error: var(--motcua-color-error, #d4351c);
    --_hint: var(--motcua-color-hint, #505a5f);
    --_success: var(--motcua-color-success, #00703c);
    --_background: var(--motcua-color-background, #ffffff);
    --_panel: #f3f2f1;
    --_border-width: 2px;
    color: var(--_text);
    background: var(--_background);
    font-family: var(--motcua-font-family, system-ui, 'Segoe UI', Roboto, Arial, sans-serif);
    font-size: var(--motcua-font-size, 19px);
    line-height: 1.4;
  }
  :host([mode='kiosk']) {
    font-size: var(--motcua-font-size, 22px);
  }
  :host([text-size='large']) {
    font-size: calc(1.5 * var(--motcua-font-size, 19px));
  }
  :host([mode='kiosk'][text-size='large']) {
    font-size: calc(1.5 * var(--motcua-font-size, 22px));
  }
  :host([contrast='high']) {
    --_text: #ffffff;
    --_brand: #ffdd00;
    --_hint: #ffffff;
    --_error: #ff8f8f;
    --_success: #000000;
    --_background: #000000;
    --_panel: #000000;
    /* White on #333: 12.6:1. */
    --_panel-hover: #333333;
    --_border-width: 4px;
  }
  /* On black, a primary button and the confirmation panel are black too: a white border shows them. */
  :host([contrast='high']) :is(.button, .panel) {
    border: var(--_border-width) solid;
  }
  [hidden] {
    display: none !important;
  }
  .page {
    max-width: 40em;
    padding: 0.5em 0 2em;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  h1,
  .heading-l {
    font-size: 1.75em;
    line-height: 1.2;
    margin: 0 0 0.6em;
  }
  .heading-m {
    font-size: 1.25em;
    margin: 1.4em 0 0.5em;
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  /* A page's h1 takes focus (tabindex -1) so that a screen reader starts there; it is not a
     control, so no focus box (GOV.UK). Controls keep theirs. */
  h1[tabindex='-1']:focus {
    outline: none;
  }
  .caption {
    color: var(--_hint);
    margin: 0 0 0.25em;
  }
  .body,
  .list {
    margin: 0 0 1em;
  }
  .hint {
    color: var(--_hint);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    justify-content: flex-end;
    margin-bottom: 0.5em;
  }
  .toolbar__button,
  .back-link,
  .link-button {
    font: inherit;
    color: var(--_brand);
    background: none;
    border: 0;
    padding: 0.25em 0.1em;
    min-height: 44px;
    min-width: 44px;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  :host([mode='kiosk']) .toolbar__button,
  :host([mode='kiosk']) .back-link,
  :host([mode='kiosk']) .link-button {
    min-height: 48px;
    min-width: 48px;
  }
  .toolbar__button[aria-pressed='true'] {
    font-weight: 700;
    text-decoration-thickness: 3px;
  }
  .back-link {
    display: inline-block;
    margin-bottom: 0.75em;
  }
  .back-link::before {
    content: '‹ ';
  }
  .toolbar__button:focus-visible,
  .back-link:focus-visible,
  .link-button:focus-visible,
  a:focus-visible {
    outline: 3px solid transparent;
    background: var(--_focus);
    color: #0b0c0c;
    box-shadow:
      0 -2px var(--_focus),
      0 4px #0b0c0c;
    text-decoration: none;
  }
  .button {
    font: inherit;
    font-weight: 600;
    color: #ffffff;
    background: var(--_success);
    border: 2px solid transparent;
    border-radius: 0;
    box-shadow: 0 2px 0 #002d18;
    padding: 0.4em 0.8em;
    min-height: 48px;
    margin: 1em 0.5em 1em 0;
    cursor: pointer;
  }
  :host([mode='kiosk']) .button {
    min-height: 56px;
    padding: 0.5em 1.2em;
  }
  .button:focus-visible {
    outline: 3px solid transparent;
    background: var(--_focus);
    color: #0b0c0c;
    box-shadow: 0 4px 0 #0b0c0c;
  }
  .button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  /* A Continue pressed before the form's machine came: it goes on by itself once it has. */
  .button[aria-disabled='true'] {
    opacity: 0.8;
    cursor: progress;
  }
  .button--secondary {
    background: #f3f2f1;
    color: #0b0c0c;
    box-shadow: 0 2px 0 #929191;
  }
  .error-summary {
    border: 5px solid var(--_error);
    padding: 1em;
    margin-bottom: 1.5em;
  }
  .error-summary--service {
    border-color: var(--_brand);
  }
  .error-summary__title {
    font-size: 1.25em;
    margin: 0 0 0.5em;
  }
  .error-summary__list {
    margin: 0;
    padding-left: 0;
    list-style: none;
  }
  .error-summary__list li {
    margin-bottom: 0.4em;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }
  .warning-summary {
    border: 5px solid var(--_text);
    border-left-width: 10px;
    padding: 1em;
    margin-bottom: 1.5em;
  }
  .warning-summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  .warning-summary a {
    color: var(--_text);
    font-weight: 700;
  }
  .warning-message {
    margin: 0.25em 0 0.4em;
    padding-left: 0.5em;
    border-left: 5px solid var(--_text);
  }
  .error-message {
    color: var(--_error);
    font-weight: 700;
    margin: 0.25em 0 0.4em;
  }
  .field {
    margin-bottom: 1.5em;
  }
  .field--error {
    border-left: 5px solid var(--_error);
    padding-left: 0.75em;
  }
  .label,
  .legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25em;
  }
  .label-wrapper {
    margin: 0;
  }
  .label-wrapper .label,
  .legend--heading h1 {
    font-size: 1.75em;
    line-height: 1.2;
    margin: 0 0 0.4em;
  }
  .optional {
    font-weight: 400;
  }
  .input,
  .textarea {
    font: inherit;
    box-sizing: border-box;
    width: 100%;
    min-height: 2.2em;
    padding: 0.25em;
    border: var(--_border-width) solid var(--_text);
    border-radius: 0;
    color: var(--_text);
    background: var(--_background);
  }
  .input--20 {
    max-width: 12em;
  }
  .input--5 {
    max-width: 5em;
  }
  .input--4 {
    max-width: 4.5em;
  }
  .input:focus,
  .textarea:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px;
  }
  .input--error {
    border-color: var(--_error);
  }
  .summary-list {
    margin: 0 0 1em;
  }
  .summary-list__row {
    display: grid;
    grid-template-columns: 1fr 1.4fr auto;
    gap: 0.5em;
    border-bottom: 1px solid #b1b4b6;
    padding: 0.5em 0;
  }
  .summary-list__key {
    font-weight: 700;
  }
  .summary-list__value,
  .summary-list__actions {
    margin: 0;
  }
  @media (max-width: 40em) {
    .summary-list__row {
      grid-template-columns: 1fr;
    }
  }
  /* After a kiosk's wipe, for the next person (GOV.UK inset text). */
  .privacy-notice {
    border-left: 5px solid var(--_brand);
    padding: 0.5em 1em;
    margin: 0 0 1.5em;
  }
  @media print {
    :host {
      font-size: 12pt;
      color: #000000;
    }
    /* Paper is white whatever the screen's contrast was. */
    :host([contrast]) {
      --_text: #000000;
      --_brand: #000000;
      --_hint: #000000;
      --_error: #000000;
      --_background: #ffffff;
      --_panel: #ffffff;
    }
    .toolbar,
    .back-link,
    .button,
    .no-print,
    .summary-list__actions {
      display: none !important;
    }
  }
`;
