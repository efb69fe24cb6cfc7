import { type TemplateResult, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { type AddressAnswer, interpolate } from '@motcua/core';
import { type AddressPlace, type FieldContext, fieldsetShell } from '../field-registry.js';
import { autocomplete } from '../privacy.js';

/**
 * Filters places by what the citizen typed, when the data gives no search of its own: a plain,
 * case- and diacritic-insensitive substring match. The Vietnam pack's search also reads Telex.
 */
function plainSearch(places: readonly AddressPlace[], query: string): AddressPlace[] {
  const key = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  const wanted = key(query.trim());
  return places.filter((place) => key(place.label ?? place.name).includes(wanted));
}

/**
 * Renders an `address`: province (a list), then commune (a search box over a scrollable list,
 * loaded for that province only), then the rest as text. Two tiers: there is no district since
 * 1 July 2025. Typing without diacritics works ("ea hleo" finds "Xã Ea H'Leo").
 */
export function renderAddress(context: FieldContext): TemplateResult {
  const { id, strings, addressData } = context;
  const value = (
    context.value && typeof context.value === 'object' ? context.value : {}
  ) as AddressAnswer;
  const missing = context.error?.code === 'address' ? context.error.params.missing : undefined;
  if (!addressData) {
    return fieldsetShell(context, html`<p class="error-message">${strings.addressUnavailable}</p>`);
  }
  const provinces = context.resource('address:provinces', () => addressData.provinces());
  const communes = value.province
    ? context.resource(`address:communes:${value.province}`, () =>
        addressData.communes(value.province!),
      )
    : undefined;
  const set = (patch: Partial<AddressAnswer>) => context.set({ ...value, ...patch });
  const search = addressData.search ?? plainSearch;

  // The list shows only what matches the search box; hiding options keeps the list's own
  // keyboard behaviour (arrows, Home, End) without re-rendering on every keystroke.
  const filter = (event: Event) => {
    const query = (event.target as HTMLInputElement).value;
    const list = (event.target as HTMLElement)
      .closest('.address')
      ?.querySelector<HTMLSelectElement>(`#${id}-commune`);
    if (!list || !communes) return;
    const shown = new Set(
      (query.trim() ? search(communes, query) : communes).map((place) => place.code),
    );
    for (const option of Array.from(list.options)) option.hidden = !shown.has(option.value);
    const box = (event.target as HTMLElement)
      .closest('.address')
      ?.querySelector<HTMLElement>('.address__formerly');
    if (box) void suggestFormer(query, shown.size === 0, box, event.target as HTMLInputElement);
  };

  // When nothing in the new list matches, the citizen may be reading an old unit off their
  // card: offer the new one. Built with DOM calls and textContent, never HTML from data.
  const suggestFormer = async (
    query: string,
    noMatch: boolean,
    box: HTMLElement,
    input: HTMLInputElement,
  ) => {
    box.replaceChildren();
    if (!noMatch || !addressData.formerly || !value.province || query.trim().length < 3) return;
    const found = await addressData.formerly(query, value.province);
    if (input.value !== query || found.length === 0) return;
    const intro = document.createElement('p');
    intro.className = 'hint';
    intro.textContent = strings.formerlyIntro;
    const list = document.createElement('ul');
    list.className = 'list';
    for (const place of found.slice(0, 5)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = interpolate(strings.formerlyChoice, {
        place: place.label ?? place.name,
        formerly: place.formerly,
      });
      button.addEventListener('click', () => set({ commune: place.code }));
      const item = document.createElement('li');
      item.append(button);
      list.append(item);
    }
    box.replaceChildren(intro, list);
  };

  return fieldsetShell(
    context,
    html`<div class="address">
      <div class="address__part">
        <label class="label address__label" for=${id}>${strings.province}</label>
        <select
          class="select ${missing === 'province' ? 'input--error' : ''}"
          id=${id}
          name=${`${context.path}.province`}
          autocomplete=${autocomplete(context.mode)}
          aria-invalid=${missing === 'province' ? 'true' : nothing}
          @change=${(event: Event) =>
            set({ province: (event.target as HTMLSelectElement).value, commune: '' })}
        >
          <option value="">${provinces ? strings.selectPlaceholder : strings.loading}</option>
          ${(provinces ?? []).map(
            (place) =>
              html`<option value=${place.code} ?selected=${place.code === value.province}>
                ${place.label ?? place.name}
              </option>`,
          )}
        </select>
      </div>
      <div class="address__part">
        <label class="label address__label" for=${`${id}-commune-search`}
          >${strings.communeSearch}</label
        >
        <div class="hint" id=${`${id}-commune-hint`}>
          ${value.province ? strings.communeHint : strings.chooseProvinceFirst}
        </div>
        <input
          class="input"
          type="search"
          id=${`${id}-commune-search`}
          autocomplete="off"
          spellcheck="false"
          aria-controls=${`${id}-commune`}
          aria-describedby=${`${id}-commune-hint`}
          ?disabled=${!value.province}
          @input=${filter}
        />
        <div class="address__formerly" aria-live="polite"></div>
        <label class="label address__label" for=${`${id}-commune`}>${strings.commune}</label>
        <select
          class="select address__list ${missing === 'commune' ? 'input--error' : ''}"
          id=${`${id}-commune`}
          name=${`${context.path}.commune`}
          size="6"
          autocomplete=${autocomplete(context.mode)}
          aria-invalid=${missing === 'commune' ? 'true' : nothing}
          ?disabled=${!value.province}
          @change=${(event: Event) => set({ commune: (event.target as HTMLSelectElement).value })}
        >
          ${(communes ?? []).map(
            (place) =>
              html`<option value=${place.code} ?selected=${place.code === value.commune}>
                ${place.label ?? place.name}
              </option>`,
          )}
        </select>
      </div>
      <div class="address__part">
        <label class="label address__label" for=${`${id}-detail`}>${strings.addressDetail}</label>
        <input
          class="input ${missing === 'detail' ? 'input--error' : ''}"
          id=${`${id}-detail`}
          name=${`${context.path}.detail`}
          autocomplete="off"
          aria-invalid=${missing === 'detail' ? 'true' : nothing}
          .value=${live(value.detail ?? '')}
          @input=${(event: InputEvent) => {
            if (!event.isComposing) set({ detail: (event.target as HTMLInputElement).value });
          }}
          @compositionend=${(event: CompositionEvent) =>
            set({ detail: (event.target as HTMLInputElement).value })}
        />
      </div>
      ${addressData.notice ? html`<p class="hint address__notice">${addressData.notice}</p>` : nothing}
    </div>`,
  );
}
