import { type TemplateResult, html, nothing } from 'lit';
import { type Answers, interpolate, midSentence } from '@motcua/core';
import { type FieldContext, fieldsetShell } from '../field-registry.js';
// Its words come with it (the runtime has the first page's).
import '../strings-later.js';

type Root = Document | ShadowRoot;

/** "thành viên" → "Thành viên", for the row heading that starts a line. */
function capitalize(text: string, locale: string): string {
  const [first] = Array.from(text);
  return first === undefined ? text : first.toLocaleUpperCase(locale) + text.slice(first.length);
}

function find(root: Root, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
}

/**
 * Calls `focus` once the host has rendered the rows just stored: after its `updateComplete`
 * when it is a Lit element, and one frame later if the target is not there yet (a host that
 * renders on a later task).
 */
function afterRender(root: Root, focus: (root: Root) => boolean): void {
  const host = root instanceof ShadowRoot ? root.host : undefined;
  const pending = (host as { updateComplete?: Promise<unknown> } | undefined)?.updateComplete;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  void (pending ?? nextFrame()).then(async () => {
    if (!focus(root)) {
      await nextFrame();
      focus(root);
    }
  });
}

/**
 * Renders a `group` field: repeatable rows ("thành viên hộ gia đình", "nơi cư trú trước
 * đây"), each with its own heading and fields, after GOV.UK's "add another" pattern. The
 * host renders each row field through `context.renderField` at `group.index.field`, so its
 * value, error and storing are the host's; the group only adds and removes whole rows. The
 * rows' container carries the field's id, so the error summary ("add at least one") lands
 * on the rows with the add button next.
 */
export function renderGroup(context: FieldContext): TemplateResult {
  const { field, strings, locale } = context;
  const rows = Array.isArray(context.value) ? (context.value as readonly Answers[]) : [];
  const rowFields = field.fields ?? [];
  const minRows = field.minRows ?? 0;
  const maxRows = field.maxRows ?? Number.POSITIVE_INFINITY;
  const item = context.text(field.itemLabel) || midSentence(context.text(field.label));
  const addId = `${context.id}-add`;
  const rowId = (index: number) => `${context.id}-row-${index}`;

  const add = (event: Event) => {
    // The root is read before `set`: the clicked button may be gone once the host re-renders.
    const root = (event.currentTarget as Element).getRootNode() as Root;
    const index = rows.length;
    context.set([...rows, {}]);
    afterRender(root, (root) => {
      const row = find(root, rowId(index));
      const target =
        row?.querySelector<HTMLElement>('input:not([hidden]), select, textarea') ??
        row?.querySelector<HTMLElement>('.group__row-heading');
      target?.focus();
      return Boolean(target);
    });
  };

  const remove = (index: number) => (event: Event) => {
    const root = (event.currentTarget as Element).getRootNode() as Root;
    context.set(rows.filter((_, at) => at !== index));
    afterRender(root, (root) => {
      const addButton = find(root, addId);
      if (addButton) {
        addButton.focus();
        return true;
      }
      const legend = find(root, context.id)?.closest('fieldset')?.querySelector('legend');
      const target = legend?.querySelector<HTMLElement>('h1') ?? legend;
      if (!target) return false;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
      return true;
    });
  };

  return fieldsetShell(
    context,
    html`<div class="group" id=${context.id} tabindex="-1">
      ${rows.map((_, index) => {
        const headingId = `${rowId(index)}-heading`;
        return html`<div
          class="group__row"
          id=${rowId(index)}
          role="group"
          aria-labelledby=${headingId}
        >
          <h2 class="group__row-heading" id=${headingId} tabindex="-1">
            ${interpolate(strings.rowHeading, { Item: capitalize(item, locale), item, index: index + 1 })}
          </h2>
          ${rowFields.map((rowField) => {
            const path = `${context.path}.${index}.${rowField.id}`;
            return context.rowFieldState(rowField, path).visible
              ? context.renderField(rowField, path)
              : nothing;
          })}
          ${
            rows.length > minRows
              ? html`<button
                  class="field-button field-button--secondary group__remove"
                  type="button"
                  @click=${remove(index)}
                >
                  ${interpolate(strings.removeRow, { item, index: index + 1 })}
                </button>`
              : nothing
          }
        </div>`;
      })}
      ${
        rows.length < maxRows
          ? html`<button
              class="field-button field-button--secondary group__add"
              id=${addId}
              type="button"
              @click=${add}
            >
              ${interpolate(strings.addRow, { item })}
            </button>`
          : nothing
      }
    </div>`,
  );
}
