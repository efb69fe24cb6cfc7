// The keyboard alone, through the browser's real key events (sendKeys goes through the DevTools
// protocol in Chromium, WebDriver BiDi in Firefox, WebDriver in WebKit, not synthetic events):
// Tab and Shift+Tab, typing, Space and arrow keys on radios and boxes, type-ahead and arrows on
// selects, Enter on buttons. Shared by the birth registration's keyboard test and the walk
// through every procedure of the Vietnam pack (packages/vn/test/procedures.browser.test.ts).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FieldDefinition } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  type AddressChoice,
  type FileChoice,
  type PageAnswer,
  chooseFile,
  controlId,
  find,
  focused,
  makeFile,
  shadow,
  text,
  until,
} from './helpers.js';

/** A Tab or Shift+Tab press (the Chrome launcher's keyboard takes modifiers as down and up). */
export async function tab(shift = false): Promise<void> {
  if (!shift) {
    await sendKeys({ press: 'Tab' });
    return;
  }
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/**
 * Presses Tab until focus is on something matching `selector` in the element, and fails naming
 * every stop when it never gets there: a control the keyboard cannot reach is a defect.
 */
export async function tabTo(
  element: MotcuaProcedure,
  selector: string,
  shift = false,
): Promise<HTMLElement> {
  const stops: string[] = [];
  for (let presses = 0; presses < 60; presses++) {
    const active = shadow(element).activeElement;
    if (active?.matches(selector)) return active as HTMLElement;
    await tab(shift);
    stops.push(focused(element));
  }
  throw new Error(`Tab never reached ${selector}; it stopped at: ${stops.join(' → ')}`);
}

/**
 * Empties the text control in focus as a citizen does: the caret at the end, then Backspace once
 * a character (no modifier keys: Firefox's WebDriver BiDi keyboard and WebKit's may leave Control
 * held).
 */
async function clearFocused(control: HTMLInputElement | HTMLTextAreaElement): Promise<void> {
  if (control.value === '') return;
  // The caret to the end: WebKit's driver has no End key, and an email input has no selection
  // to set, so arrows where it has none (as many as there are characters is enough).
  try {
    control.setSelectionRange(control.value.length, control.value.length);
  } catch {
    for (let step = 0; step < control.value.length; step++) {
      await sendKeys({ press: 'ArrowRight' });
    }
  }
  for (let left = control.value.length; left > 0 && control.value !== ''; left--) {
    await sendKeys({ press: 'Backspace' });
  }
}

/** Several files in one file input, as the picker would put them (see `chooseFile`). */
export interface FilesChoice {
  files: FileChoice['file'][];
}

/**
 * Answers one field from the keyboard. `path` is the field's id, or `group.index.field` for a
 * field in a group's row; `field` its definition (found in the procedure when left out).
 */
export async function answerByKeyboard(
  element: MotcuaProcedure,
  path: string,
  value: PageAnswer | FilesChoice | boolean | readonly string[],
  field: FieldDefinition = element.session!.procedure.field(path)!,
): Promise<void> {
  const control = `#${controlId(path)}`;
  switch (field.type) {
    case 'radio': {
      // Tab enters a group with nothing chosen at its first radio; arrows move and choose.
      const first = await tabTo(element, `input[type=radio][name="${path}"]`);
      const radios = Array.from(
        shadow(element).querySelectorAll<HTMLInputElement>(`input[type=radio][name="${path}"]`),
      );
      const from = radios.indexOf(first as HTMLInputElement);
      const to = radios.findIndex((radio) => radio.value === value);
      if (to === -1) throw new Error(`${path} offers no option "${String(value)}"`);
      // ' ', not 'Space': puppeteer's WebDriver BiDi keyboard (Firefox) knows no 'Space'.
      if (to === from) await sendKeys({ press: ' ' });
      for (let i = from; i < to; i++) await sendKeys({ press: 'ArrowDown' });
      for (let i = from; i > to; i--) await sendKeys({ press: 'ArrowUp' });
      break;
    }
    case 'checkbox': {
      const box = (await tabTo(element, control)) as HTMLInputElement;
      if (box.checked !== (value === true || value === 'true')) await sendKeys({ press: ' ' });
      break;
    }
    case 'checkboxes': {
      for (const chosen of value as readonly string[]) {
        const box = (await tabTo(
          element,
          `input[type=checkbox][name="${path}"][value="${chosen}"]`,
        )) as HTMLInputElement;
        if (!box.checked) await sendKeys({ press: ' ' });
        await element.updateComplete;
      }
      break;
    }
    case 'select': {
      const select = (await tabTo(element, control)) as HTMLSelectElement;
      const option = Array.from(select.options).find((candidate) => candidate.value === value);
      if (!option) throw new Error(`${path} offers no option "${String(value)}"`);
      const label = text(option);
      // Type-ahead takes the letters of an ASCII label ("Kinh"); otherwise arrow to it.
      if (/^[A-Za-z ]+$/.test(label)) {
        await sendKeys({ type: label });
      } else {
        for (let i = select.selectedIndex; i < option.index; i++) {
          await sendKeys({ press: 'ArrowDown' });
        }
        for (let i = select.selectedIndex; i > option.index; i--) {
          await sendKeys({ press: 'ArrowUp' });
        }
      }
      expect(select.value, `the choice in ${path}`).to.equal(value);
      break;
    }
    case 'date': {
      const parts = value as { day: string; month: string; year: string };
      await tabTo(element, control);
      await sendKeys({ type: parts.day });
      await tab();
      expect(focused(element)).to.equal(`input#${controlId(path)}-month`);
      await sendKeys({ type: parts.month });
      await tab();
      expect(focused(element)).to.equal(`input#${controlId(path)}-year`);
      await sendKeys({ type: parts.year });
      break;
    }
    case 'address': {
      // Arrows choose in both lists: the province's name is not ASCII, so type-ahead cannot
      // reach it; the search narrows the communes, and arrows go to the one wanted.
      const place = value as AddressChoice;
      const arrowTo = async (select: HTMLSelectElement, code: string) => {
        const options = () => Array.from(select.options).filter((option) => !option.hidden);
        for (let presses = 0; select.value !== code && presses < 100; presses++) {
          const target = options().findIndex((option) => option.value === code);
          const at = options().findIndex((option) => option.value === select.value);
          await sendKeys({ press: target < at ? 'ArrowUp' : 'ArrowDown' });
          await element.updateComplete;
        }
      };
      const province = (await tabTo(element, control)) as HTMLSelectElement;
      await until(element, () => province.options.length > 1, `the provinces of ${path}`);
      await arrowTo(province, place.province);
      expect(province.value, `the province of ${path}`).to.equal(place.province);
      const communes = () => find<HTMLSelectElement>(element, `${control}-commune`);
      await until(
        element,
        () => Array.from(communes().options).some((option) => option.value === place.commune),
        `the communes of ${path}`,
      );
      await clearFocused((await tabTo(element, `${control}-commune-search`)) as HTMLInputElement);
      await sendKeys({ type: place.search });
      await tabTo(element, `${control}-commune`);
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      await arrowTo(communes(), place.commune);
      expect(communes().value, `the commune of ${path}`).to.equal(place.commune);
      if (place.detail !== undefined) {
        // A prefilled address ("the same as yours") may hold another house number: retype it.
        await clearFocused((await tabTo(element, `${control}-detail`)) as HTMLInputElement);
        await sendKeys({ type: place.detail });
      }
      break;
    }
    case 'file': {
      const input = (await tabTo(element, control)) as HTMLInputElement;
      // The one step not done with keys: Space on a file input opens the operating system's
      // picker, which no test can drive. The input is reached by Tab above; the files are then
      // put in it as the picker would, with the `change` the picker fires.
      if ('files' in (value as object)) {
        const transfer = new DataTransfer();
        for (const file of (value as FilesChoice).files) transfer.items.add(makeFile({ file }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      } else {
        chooseFile(input, value as FileChoice);
      }
      break;
    }
    default:
      await clearFocused((await tabTo(element, control)) as HTMLInputElement);
      await sendKeys({ type: String(value) });
  }
  await element.updateComplete;
}

/** Tabs to the button whose text is `label` and presses Enter on it. */
export async function pressButton(element: MotcuaProcedure, label: string): Promise<void> {
  const buttons = Array.from(shadow(element).querySelectorAll('button'));
  const target = buttons.find((candidate) => text(candidate) === label);
  if (!target) {
    throw new Error(`no button "${label}" on the page: ${buttons.map(text).join(' | ')}`);
  }
  const stops: string[] = [];
  for (let presses = 0; shadow(element).activeElement !== target; presses++) {
    if (presses >= 80) throw new Error(`Tab never reached "${label}": ${stops.join(' → ')}`);
    await tab();
    stops.push(focused(element));
  }
  await sendKeys({ press: 'Enter' });
  await element.updateComplete;
}
