import { css } from 'lit';

/**
 * The on-screen keyboard, the "are you still there?" question and the help notice (kiosk mode),
 * adopted into the element's shadow root when the kiosk chunk loads. Keys are at least 48px square for fingers on a public screen, in em of the text
 * size so "Chữ to hơn" enlarges them too; a pressed key shows by its colours and its border.
 * Colours come from the element's theme, so high contrast and a host's colours reach the keys.
 */
export const kioskStyles = css`
  .keyboard {
    margin: 1em 0;
    padding: 0.5em;
    border: var(--_border-width) solid var(--_text);
    background: var(--_background);
    color: var(--_text);
    user-select: none;
  }
  .keyboard__target {
    margin: 0 0 0.5em;
    font-weight: 700;
  }
  /* Room for two rows of marked forms is kept even when none is offered, so that the keys below
     never move under the finger that just typed a vowel. */
  .keyboard__marks {
    min-height: calc(1.4em + 2 * max(48px, 2.3em) + 8px);
    margin-bottom: 0.5em;
  }
  .keyboard__hint {
    color: var(--_hint);
  }
  .keyboard__marks-keys,
  .keyboard__row {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 4px;
    margin-top: 4px;
  }
  .keyboard__key {
    flex: 1 1 0;
    box-sizing: border-box;
    min-width: 48px;
    max-width: 3.5em;
    min-height: max(48px, 2.3em);
    padding: 0 0.2em;
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: var(--_border-width) solid var(--_text);
    border-radius: 4px;
    box-shadow: 0 2px 0 var(--_text);
    cursor: pointer;
    touch-action: manipulation;
  }
  .keyboard__key--wide {
    flex-grow: 2;
    max-width: 8em;
  }
  .keyboard__key--space {
    flex-grow: 5;
    max-width: none;
  }
  .keyboard__key[aria-pressed='true'] {
    color: var(--_background);
    background: var(--_text);
  }
  .keyboard__key:active {
    box-shadow: none;
    transform: translateY(2px);
  }
  .keyboard__key:focus-visible {
    outline: 3px solid transparent;
    color: #0b0c0c;
    background: var(--_focus);
    box-shadow: 0 4px 0 var(--_text);
  }
  .idle {
    max-width: 30em;
    color: var(--_text);
    background: var(--_background);
    border: 5px solid var(--_text);
    padding: 1em 1.5em;
    font-size: inherit;
  }
  .idle::backdrop {
    background: rgb(11 12 12 / 70%);
  }
  .idle .heading-m {
    margin-top: 0;
  }
  /* Large and steady: the number changes each second without moving anything around it. */
  .idle__countdown {
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    margin: 0 0 1em;
  }
  /* After a call for help (GOV.UK inset text). */
  .help-notice {
    border-left: 5px solid var(--_brand);
    padding: 0.5em 1em;
    margin: 0 0 1.5em;
  }
  @media print {
    .keyboard,
    .help-notice {
      display: none;
    }
  }
`;
