import { type TemplateResult, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { type AddressAnswer, interpolate } from '@motcua/core';
import { type AddressPlace, type FieldContext, fieldsetShell } from '../field-registry.js';
import { autocomplete } from '../privacy.js';
// Its words come with it (the runtime has the first page's).
import '../strings-later.js';

/** Without diacritics, `đ` as `d`, lower case: how names are typed at a kiosk or on a phone. */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');

/**
 * Filters places by what the citizen typed, when the data gives no search of its own: a plain
 * substring match that ignores case, diacritics and spaces ("tuongmai" finds "Tương Mai"). The
 * Vietnam pack's search also ranks the matches and reads Telex.
 */
function plainSearch(places: readonly AddressPlace[], query: string): AddressPlace[] {
  const key = (text: string) => fold(text).replace(/\s/g, '');
  return places.filter((place) => key(place.label ?? place.name).includes(key(query)));
}

/**
 * Renders an `address`: province (a list), then commune (a search box over a scrollable list,
 * loaded for that province only), then the rest as text. Two tiers: there is no district since
 * 1 July 2025. Typing without diacritics works ("ea hleo" finds "Xã Ea H'Leo"). The hints'
 * example is the first name of the chosen province's own list, so a citizen of Hà Nội is not
 * shown a commune of Đắk Lắk.
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
  const example = communes?.[0] ? fold(communes[0].name) : '';

  // The list shows only what matches the search box; hiding options keeps the list's own
  // keyboard behaviour (arrows, Home, End) without re-rendering on every keystroke. Hidden options
  // are disabled too: WebKit's arrows still land on hidden ones (an unseen commune was chosen).
  const filter = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const part = input.parentElement!;
    const list = part.querySelector<HTMLSelectElement>('select');
    const box = part.querySelector<HTMLElement>('[aria-live]');
    if (!list || !box || !communes) return;
    const query = input.value;
    const shown = new Set(
      (query.trim() ? search(communes, query) : communes).map((place) => place.code),
    );
    for (const option of Array.from(list.options)) {
      option.hidden = option.disabled = !shown.has(option.value);
    }
    void explain(query, shown.size === 0, box, input);
  };

  // Arrows move among the communes shown, the same in every browser: WebKit's list moves only
  // to the option next to the chosen one, so a search that leaves one commune far down the list
  // could not be chosen by keyboard.
  const arrow = (event: KeyboardEvent) => {
    const down = event.key === 'ArrowDown';
    if (!down && event.key !== 'ArrowUp') return;
    const list = event.currentTarget as HTMLSelectElement;
    const shown = Array.from(list.options).filter((option) => !option.hidden);
    const at = shown.findIndex((option) => option.selected);
    const next = shown[down ? Math.min(at + 1, shown.length - 1) : Math.max(at - 1, 0)];
    if (!next) return;
    event.preventDefault();
    if (next.selected) return;
    next.selected = true;
    next.scrollIntoView({ block: 'nearest' });
    list.dispatchEvent(new Event('change', { bubbles: true }));
  };

  // Said in the live region, so a screen reader hears it without leaving the search box: when
  // nothing matches, what to try; when the citizen may be reading an old unit off their card,
  // the new one. Built with DOM calls and textContent, never HTML from data.
  const explain = async (
    query: string,
    noMatch: boolean,
    box: HTMLElement,
    input: HTMLInputElement,
  ) => {
    const paragraph = (text: string) => {
      const p = document.createElement('p');
      p.className = 'hint';
      p.textContent = text;
      return p;
    };
    box.replaceChildren();
    if (!noMatch || !query.trim()) return;
    box.append(paragraph(interpolate(strings.communeNotFound, { query: query.trim(), example })));
    if (!addressData.formerly || query.trim().length < 3) return;
    const found = await addressData.formerly(query, value.province!);
    if (input.value !== query || found.length === 0) return;
    // Flush with the words above, no bullets (fieldStyles' .address__formerly).
    const list = document.createElement('ul');
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
    box.replaceChildren(paragraph(strings.formerlyIntro), list);
  };
  // `updated` (dd/mm/yyyy) lets the notice be worded in the page's language; a source that
  // gives only `notice` has it shown as given.
  const { updated } = addressData;
  const notice = updated
    ? interpolate(strings.addressUpdated, { date: updated })
    : addressData.notice;

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
          @change=${(event: Event) => {
            const province = event.target as HTMLSelectElement;
            // The search box and its message were for the other province's list.
            const part = province.closest('.address')!;
            part.querySelector<HTMLInputElement>('[type=search]')!.value = '';
            part.querySelector('[aria-live]')!.replaceChildren();
            set({ province: province.value, commune: '' });
          }}
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
          ${
            value.province
              ? communes
                ? interpolate(strings.communeHint, { example })
                : strings.loading
              : strings.chooseProvinceFirst
          }
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
          @keydown=${arrow}
        >
          ${(communes ?? []).map(
            (place) =>
              html`<option value=${place.code} ?selected=${place.code === value.commune}>
                ${place.label ?? place.name}
              </option>`,
          )}
        </select>
      </div>
      ${
        context.field.detail === false
          ? nothing
          : html`<div class="address__part">
              <label class="label address__label" for=${`${id}-detail`}
                >${strings.addressDetail}</label
              >
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
            </div>`
      }
      ${notice ? html`<p class="hint address__notice"><small>${notice}</small></p>` : nothing}
    </div>`,
  );
}
