import { type TemplateResult, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  type AnswerValue,
  type FieldDefinition,
  type FileAnswer,
  interpolate,
  isPaperAnswer,
} from '@motcua/core';
import { type FieldContext, fieldShell } from '../field-registry.js';
import { autocomplete } from '../privacy.js';
// Its words come with it (the runtime has the first page's).
import '../strings-later.js';

/**
 * Detail of the `motcua-file` event: the files now chosen for the field at `path`, in the
 * order of the metadata stored as its answer (empty when the citizen removed them). The
 * answer holds only `{name, type, size}`; the host keeps these `File`s to send their bytes.
 */
export interface FileEventDetail {
  path: string;
  files: File[];
}

const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.heic', '.heif', '.webp', '.gif'];

/** Whether a photo may answer the field: it accepts anything, or some image type. */
function acceptsImages(field: FieldDefinition): boolean {
  const accept = field.accept ?? [];
  if (accept.length === 0) return true;
  return accept.some((entry) => {
    const type = entry.trim().toLowerCase();
    return type.startsWith('image/') || IMAGE_EXTENSIONS.includes(type);
  });
}

/** The files an answer names, whether one (`maxFiles` 1) or a list. */
export function chosenFiles(value: AnswerValue): FileAnswer[] {
  const list = Array.isArray(value) ? (value as readonly unknown[]) : [value];
  return list.filter(
    (item): item is FileAnswer =>
      item !== null &&
      typeof item === 'object' &&
      typeof (item as Partial<FileAnswer>).name === 'string',
  );
}

function announce(input: HTMLInputElement, path: string, files: File[]): void {
  input.dispatchEvent(
    new CustomEvent<FileEventDetail>('motcua-file', {
      detail: { path, files },
      bubbles: true,
      composed: true,
    }),
  );
}

/**
 * Renders a `file` field: the browser's own file input, which every phone, kiosk and screen
 * reader knows (drag and drop would leave out keyboard and touch users), plus a "Chụp ảnh"
 * button that opens the camera when photos are accepted: many citizens have their papers
 * only on paper. Each change dispatches `motcua-file` (see {@link FileEventDetail}) and stores
 * the files' metadata; the engine checks their type, size and count on Continue. It makes no
 * object URL and no preview: a kiosk's wipe drops the element's `File`s and re-creates these
 * inputs, and a preview added here would also need its URL revoked then.
 *
 * With `context.paperChoice` (the words of a kiosk that lets walk-ins bring papers), a box "Tôi
 * sẽ mang bản giấy đến quầy" answers `{ paper: true }` instead: a citizen who has the paper but
 * no scan of it is not stopped by a required upload. Choosing a file unticks it; ticking it drops
 * the files. Its label names the field for screen readers, as a page may ask for several files.
 */
export function renderFile(context: FieldContext): TemplateResult {
  const { field, strings } = context;
  const multiple = (field.maxFiles ?? 1) > 1;
  const chosen = chosenFiles(context.value);
  const names = chosen.map((file) => file.name).join(', ');
  const cameraId = `${context.id}-camera`;

  const store = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    const metadata = files.map(({ name, type, size }) => ({ name, type, size }));
    announce(input, context.path, files);
    context.set(metadata.length === 0 ? undefined : multiple ? metadata : metadata[0]);
  };

  /** Drops the chosen files; the first file input, where a new one is chosen, is returned. */
  const drop = (event: Event, answer?: AnswerValue) => {
    const upload = (event.currentTarget as Element).closest('.file-upload');
    const inputs = Array.from(upload?.querySelectorAll<HTMLInputElement>('input[type=file]') ?? []);
    // Cleared so that choosing the same file again still fires `change`.
    for (const input of inputs) input.value = '';
    const main = inputs[0];
    if (main) announce(main, context.path, []);
    context.set(answer);
    return main;
  };

  // The remove button goes away with the file; focus returns to where a new file is chosen.
  const remove = (event: Event) => drop(event)?.focus();
  const paperId = `${context.id}-paper`;
  const paper = isPaperAnswer(context.value);

  return fieldShell(
    context,
    html`<div class="file-upload">
      <input
        class="file-upload__input ${context.error ? 'file-upload__input--error' : ''}"
        id=${context.id}
        name=${context.path}
        type="file"
        autocomplete=${autocomplete(context.mode)}
        accept=${field.accept && field.accept.length > 0 ? field.accept.join(',') : nothing}
        ?multiple=${multiple}
        aria-describedby=${context.describedBy ?? nothing}
        aria-invalid=${context.error ? 'true' : nothing}
        @change=${(event: Event) => store(event.target as HTMLInputElement)}
      />
      ${
        acceptsImages(field)
          ? html`<button
                class="field-button field-button--secondary file-upload__camera"
                type="button"
                @click=${(event: Event) =>
                  // HTML opens a file input's picker on click() with user activation, hidden or
                  // not, so the camera needs no second visible file input.
                  (event.currentTarget as Element)
                    .closest('.file-upload')
                    ?.querySelector<HTMLInputElement>(`.file-upload__camera-input`)
                    ?.click()}
              >
                ${strings.takePhoto}
              </button>
              <input
                class="file-upload__camera-input"
                id=${cameraId}
                type="file"
                accept="image/*"
                capture="environment"
                autocomplete=${autocomplete(context.mode)}
                hidden
                @change=${(event: Event) => store(event.target as HTMLInputElement)}
              />`
          : nothing
      }
      <p class="file-upload__chosen" role="status">
        ${chosen.length > 0 ? interpolate(strings.fileSelected, { name: names }) : nothing}
      </p>
      ${
        chosen.length > 0
          ? html`<button
              class="field-link-button file-upload__remove"
              type="button"
              @click=${remove}
            >
              ${interpolate(strings.removeFile, { name: names })}
            </button>`
          : nothing
      }
      ${
        context.paperChoice
          ? html`<div class="checkboxes file-upload__paper">
              <div class="checkboxes__item">
                <input
                  class="checkboxes__input"
                  id=${paperId}
                  type="checkbox"
                  autocomplete="off"
                  .checked=${live(paper)}
                  @change=${(event: Event) =>
                    drop(
                      event,
                      (event.target as HTMLInputElement).checked ? { paper: true } : undefined,
                    )}
                />
                <label class="checkboxes__label" for=${paperId}
                  >${context.paperChoice}<span class="visually-hidden">
                    (${context.text(field.label)})</span
                  ></label
                >
              </div>
            </div>`
          : nothing
      }
    </div>`,
  );
}
