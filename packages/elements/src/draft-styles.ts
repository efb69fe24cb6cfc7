import { css } from 'lit';

/** Drafts, "save for later" and their notices (portal mode). */
export const draftStyles = css`
  .notice {
    border-left: 5px solid var(--_brand);
    padding: 0.5em 1em;
    margin-bottom: 1.5em;
    background: var(--_panel);
  }
  .notice .body:last-child {
    margin-bottom: 0;
  }
  .draft-actions {
    margin-top: 1.5em;
  }
  .details {
    margin-top: 1em;
  }
  .details__summary {
    color: var(--_brand);
    text-decoration: underline;
    cursor: pointer;
    min-height: 44px;
    display: inline-flex;
    align-items: center;
  }
  .details__summary:focus-visible {
    outline: 3px solid transparent;
    background: var(--_focus);
    color: #0b0c0c;
  }
  .details__text {
    border-left: 5px solid #b1b4b6;
    padding: 0.75em 1em;
  }
  .resume-code {
    font-size: 2em;
    letter-spacing: 0.1em;
    font-variant-numeric: tabular-nums;
  }
  .qr-figure {
    margin: 0 0 1em;
  }
  .qr {
    width: 12em;
    height: 12em;
    display: block;
  }
`;
