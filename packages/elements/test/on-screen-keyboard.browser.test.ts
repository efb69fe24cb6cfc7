import { expect, fixture, html } from '@open-wc/testing';
import { createManualClock, createProcedure } from '@motcua/core';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  TODAY,
  button,
  clickContinue,
  completePage,
  controlId,
  exists,
  expectAccessible,
  find,
  focused,
  mount,
  shadow,
  text,
  typeInto,
  until,
  walkTo,
} from './helpers.js';

// The on-screen Vietnamese keyboard of kiosk mode ("Bàn phím"), for kiosks whose touch keyboard
// has no Vietnamese: letters, a row of marked forms after a vowel or "d", digits alone for fields
// that take digits, backspace and space. Keys type through the path typing takes (beforeinput,
// setRangeText, an `input` of type insertText), so the answer in the engine follows each tap as
// it follows typing.

// A step per page: these tests move from field to field down one page, as a volunteer's
// tablet in kiosk mode would show it (the kiosk itself asks one question per page).
const kiosk = (lang: 'vi' | 'en' = 'vi', contrast: 'normal' | 'high' = 'normal') =>
  mount({ mode: 'kiosk', speech: null, lang, contrast, perPage: 'step' });

function toggle(element: MotcuaProcedure): HTMLButtonElement | undefined {
  return Array.from(shadow(element).querySelectorAll<HTMLButtonElement>('.toolbar button')).find(
    (candidate) => ['Bàn phím', 'Keyboard'].includes(text(candidate)),
  );
}

async function open(element: MotcuaProcedure): Promise<void> {
  toggle(element)!.click();
  await element.updateComplete;
  expect(exists(element, '.keyboard'), 'the keyboard opened').to.equal(true);
}

/** The main keys (letters, digits, Chữ hoa, Dấu cách, Xoá), by their text. */
function mainKeys(element: MotcuaProcedure): string[] {
  return Array.from(shadow(element).querySelectorAll('.keyboard__row button')).map((key) =>
    text(key),
  );
}

/** The marked forms on offer after the last vowel or "d". */
function marks(element: MotcuaProcedure): string[] {
  return Array.from(shadow(element).querySelectorAll('.keyboard__marks-keys button')).map((key) =>
    text(key),
  );
}

function mainKey(element: MotcuaProcedure, label: string): HTMLButtonElement {
  const found = Array.from(
    shadow(element).querySelectorAll<HTMLButtonElement>('.keyboard__row button'),
  ).find((key) => text(key) === label);
  if (!found) throw new Error(`no key "${label}"; keys: ${mainKeys(element).join(' ')}`);
  return found;
}

function markKey(element: MotcuaProcedure, label: string): HTMLButtonElement {
  const found = Array.from(
    shadow(element).querySelectorAll<HTMLButtonElement>('.keyboard__marks-keys button'),
  ).find((key) => text(key) === label);
  if (!found) throw new Error(`no marked form "${label}"; on offer: ${marks(element).join(' ')}`);
  return found;
}

/** Taps, counted: each letter of `keys` is one tap, `[ễ]` a marked form, `⇧` the capital key. */
async function tap(element: MotcuaProcedure, keys: string): Promise<number> {
  let taps = 0;
  for (const token of keys.match(/\[[^\]]+\]|⇧|⌫|␣|./gu) ?? []) {
    if (token === '⇧') mainKey(element, element.locale === 'en' ? 'Capital' : 'Chữ hoa').click();
    else if (token === '⌫') mainKey(element, element.locale === 'en' ? 'Delete' : 'Xoá').click();
    else if (token === '␣')
      mainKey(element, element.locale === 'en' ? 'Space' : 'Dấu cách').click();
    else if (token.startsWith('[')) markKey(element, token.slice(1, -1)).click();
    else mainKey(element, token).click();
    taps++;
    await element.updateComplete;
  }
  return taps;
}

const input = (element: MotcuaProcedure, field: string) =>
  find<HTMLInputElement>(element, `#${controlId(field)}`);
const answerOf = (element: MotcuaProcedure, field: string) =>
  element.session!.snapshot.answers[field];

/** A real click (through the DevTools protocol: mousedown, focus, mouseup, click). */
async function realClick(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  // Click where the key is once it has stayed put for a few frames (a scroll or a re-render in
  // progress made a WebKit click land beside it).
  // The point must also hit the key itself (nothing drawn over it, the key not replaced by a
  // render), or the click is not made: a missed letter is then named, not typed beside.
  const root = target.getRootNode() as Document | ShadowRoot;
  let box = target.getBoundingClientRect();
  let hits = false;
  for (let frame = 0, stillFrames = 0; frame < 120 && stillFrames < 6; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const next = target.getBoundingClientRect();
    const still = next.x === box.x && next.y === box.y;
    box = next;
    const at = root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    hits = target.isConnected && (at === target || target.contains(at));
    stillFrames = still && hits ? stillFrames + 1 : 0;
    // WebKit scrolls a focused field's caret back into view at its next rendering after the key
    // before typed a letter, as it would for a citizen: then the key is scrolled to again.
    if (!hits) target.scrollIntoView({ block: 'center' });
  }
  if (!hits) throw new Error(`the key "${target.textContent?.trim()}" is not under its own centre`);
  await sendMouse({
    type: 'click',
    position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  });
}

describe('the on-screen Vietnamese keyboard ("Bàn phím") in kiosk mode', () => {
  afterEach(async () => {
    // A real click leaves the mouse where it was: the next test starts from a clean pointer.
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('opens and closes from the toolbar, pressed state and all, and is absent in portal mode', async () => {
    const element = await kiosk();
    expect(exists(element, '.keyboard')).to.equal(false);
    expect(toggle(element)?.getAttribute('aria-pressed')).to.equal('false');
    await open(element);
    expect(toggle(element)!.getAttribute('aria-pressed')).to.equal('true');
    const keyboard = find(element, '.keyboard');
    expect(keyboard.getAttribute('role')).to.equal('group');
    expect(keyboard.getAttribute('aria-label')).to.equal('Bàn phím tiếng Việt');
    expect(text(find(element, '.keyboard__target'))).to.equal(
      'Đang gõ vào: Họ, chữ đệm và tên của bạn',
    );
    toggle(element)!.click();
    await element.updateComplete;
    expect(exists(element, '.keyboard')).to.equal(false);
    expect(toggle(element)!.getAttribute('aria-pressed')).to.equal('false');

    const portal = await mount({ mode: 'portal' });
    expect(toggle(portal)).to.equal(undefined);
    expect(exists(portal, '.keyboard')).to.equal(false);
    // A field whose pattern takes digits alone gets a phone's numeric keypad too.
    expect(input(portal, 'requesterPersonalId').getAttribute('inputmode')).to.equal('numeric');
    expect(input(portal, 'requesterName').hasAttribute('inputmode')).to.equal(false);
  });

  it('types "Nguyễn Thị Đào" with a capital, marked vowels and đ, each in at most two taps, and the answer follows every tap', async () => {
    const element = await kiosk();
    await open(element);
    const events: { type: string; inputType: string; data: string | null }[] = [];
    const record = (event: Event) => {
      const { type, inputType, data } = event as InputEvent;
      events.push({ type, inputType, data });
    };
    // Composed events cross the shadow root, as typing's do: a host listening sees them too.
    element.addEventListener('beforeinput', record);
    element.addEventListener('input', record);

    expect(await tap(element, '⇧N'), 'a capital is two taps').to.equal(2);
    expect(answerOf(element, 'requesterName')).to.equal('N');
    expect(events).to.deep.equal([
      { type: 'beforeinput', inputType: 'insertText', data: 'N' },
      { type: 'input', inputType: 'insertText', data: 'N' },
    ]);
    // Capitals are one-shot, as on a phone.
    expect(mainKeys(element)).to.include('g');
    await tap(element, 'guy');
    expect(marks(element)).to.deep.equal(['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']);
    expect(await tap(element, 'e[ễ]'), 'ễ is two taps: e, then its mark').to.equal(2);
    expect(answerOf(element, 'requesterName')).to.equal('Nguyễ');
    await tap(element, 'n␣⇧Th');
    expect(await tap(element, 'i[ị]')).to.equal(2);
    await tap(element, '␣⇧');
    expect(await tap(element, 'D[Đ]'), 'Đ after a capital D is two taps').to.equal(2);
    await tap(element, 'a[à]o');
    expect(input(element, 'requesterName').value).to.equal('Nguyễn Thị Đào');
    expect(answerOf(element, 'requesterName')).to.equal('Nguyễn Thị Đào');
    expect(events.every((event) => event.inputType === 'insertText')).to.equal(true);
    expect(events.filter((event) => event.type === 'input').length).to.equal(events.length / 2);
  });

  it('corrects a mark with one more tap, in place of the vowel it was offered for', async () => {
    const element = await kiosk();
    await open(element);
    await tap(element, 'ma[á]');
    expect(answerOf(element, 'requesterName')).to.equal('má');
    await tap(element, '[ả]');
    expect(answerOf(element, 'requesterName'), 'ả replaces á').to.equal('mả');
    await tap(element, '[a]');
    expect(answerOf(element, 'requesterName'), 'back to the plain vowel').to.equal('ma');
  });

  it('types at the caret, replaces a selection, deletes the letter before the caret, and leaves the caret after what it typed', async () => {
    const element = await kiosk();
    typeInto(input(element, 'requesterName'), 'Trn Mai');
    await element.updateComplete;
    await open(element);
    const field = input(element, 'requesterName');
    field.setSelectionRange(2, 2);
    await tap(element, 'a');
    expect(field.value).to.equal('Tran Mai');
    expect(field.selectionStart).to.equal(3);
    await tap(element, '[ầ]');
    expect(field.value).to.equal('Trần Mai');
    expect([field.selectionStart, field.selectionEnd]).to.deep.equal([3, 3]);
    expect(answerOf(element, 'requesterName')).to.equal('Trần Mai');

    field.setSelectionRange(5, 8);
    await tap(element, '⇧L');
    expect(field.value, 'a selection is replaced').to.equal('Trần L');
    await tap(element, '⌫');
    expect(field.value).to.equal('Trần ');
    field.setSelectionRange(4, 4);
    await tap(element, '⌫');
    expect(field.value, 'the letter before the caret, not the last').to.equal('Trầ ');
    expect(field.selectionStart).to.equal(3);
    expect(answerOf(element, 'requesterName')).to.equal('Trầ ');

    // A letter typed decomposed (a + combining grave) goes in one tap of Xoá.
    typeInto(field, 'Tra\u0300');
    await element.updateComplete;
    field.setSelectionRange(4, 4);
    await tap(element, '⌫');
    expect(field.value).to.equal('Tr');
    expect(answerOf(element, 'requesterName')).to.equal('Tr');
  });

  it('types nothing when the field refuses the edit (a cancelled beforeinput) or is full', async () => {
    const element = await kiosk();
    await open(element);
    const field = input(element, 'requesterName');
    const refuse = (event: Event) => event.preventDefault();
    field.addEventListener('beforeinput', refuse);
    await tap(element, 'x');
    expect(field.value).to.equal('');
    expect(answerOf(element, 'requesterName')).to.equal(undefined);
    field.removeEventListener('beforeinput', refuse);
    field.maxLength = 2;
    await tap(element, 'xyz');
    expect(field.value).to.equal('xy');
  });

  it('offers digits alone for an ID number, a phone, a year and a count, and letters again for a name', async () => {
    const element = await kiosk();
    await open(element);
    expect(mainKeys(element)).to.include.members(['q', 'a', 'z', 'Chữ hoa', 'Dấu cách', 'Xoá']);

    input(element, 'requesterPersonalId').focus();
    await element.updateComplete;
    expect(text(find(element, '.keyboard__target'))).to.equal(
      'Đang gõ vào: Số định danh cá nhân của bạn',
    );
    const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'Xoá'];
    expect(mainKeys(element)).to.deep.equal(digits);
    expect(exists(element, '.keyboard__marks'), 'no marks on a digits keyboard').to.equal(false);
    await tap(element, '0011900123456⌫');
    expect(answerOf(element, 'requesterPersonalId')).to.equal('001190012345');

    // From one field to the next, as a citizen moves down the page.
    input(element, 'requesterPhone').focus();
    await element.updateComplete;
    expect(text(find(element, '.keyboard__target'))).to.equal('Đang gõ vào: Số điện thoại của bạn');
    expect(mainKeys(element)).to.deep.equal(digits);
    await tap(element, '0912345678');
    expect(answerOf(element, 'requesterPhone')).to.equal('0912345678');

    input(element, 'requesterName').focus();
    await element.updateComplete;
    expect(mainKeys(element)).to.include('q');
    expect(input(element, 'requesterPhone').value, 'the phone kept its digits').to.equal(
      '0912345678',
    );

    await completePage(element);
    await walkTo(element, 'mother');
    expect(exists(element, '.keyboard'), 'still open on the next page').to.equal(true);
    expect(text(find(element, '.keyboard__target'))).to.equal(
      'Đang gõ vào: Họ, chữ đệm và tên của mẹ',
    );
    input(element, 'motherBirthYear').focus();
    await element.updateComplete;
    expect(mainKeys(element)).to.deep.equal(digits);
    await walkTo(element, 'copies');
    find<HTMLInputElement>(element, 'input[name=wantCopies][value=yes]').click();
    await element.updateComplete;
    input(element, 'copyCount').focus();
    await element.updateComplete;
    expect(mainKeys(element)).to.deep.equal(digits);
  });

  it('types into a text box and the three boxes of a date, digits alone in the date', async () => {
    const element = await kiosk();
    await completePage(element);
    await open(element);
    const facility = find<HTMLInputElement>(element, `#${controlId('childBirthFacility')}`);
    facility.focus();
    await element.updateComplete;
    expect(text(find(element, '.keyboard__target'))).to.equal(
      'Đang gõ vào: Tên cơ sở y tế nơi trẻ sinh ra',
    );
    await tap(element, '⇧Be[ệ]nh␣vie[ệ]n');
    expect(answerOf(element, 'childBirthFacility')).to.equal('Bệnh viện');
    find<HTMLInputElement>(element, `#${controlId('childDateOfBirth')}`).focus();
    await element.updateComplete;
    expect(mainKeys(element)).to.deep.equal([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '0',
      'Xoá',
    ]);
    expect(text(find(element, '.keyboard__target'))).to.equal(
      'Đang gõ vào: Ngày, tháng, năm sinh – Ngày',
    );
    await tap(element, '20');
    expect(find<HTMLInputElement>(element, `#${controlId('childDateOfBirth')}`).value).to.equal(
      '20',
    );
  });

  it('offers digits first, and letters on "ABC", for a field whose example is a number', async () => {
    const custom = createProcedure({
      id: 'keyboard-test',
      version: '1',
      title: { vi: 'Thử', en: 'Test' },
      steps: [
        {
          id: 'card',
          title: { vi: 'Thẻ', en: 'Card' },
          fields: [
            {
              id: 'cardNumber',
              type: 'text',
              label: { vi: 'Số thẻ', en: 'Card number' },
              example: { vi: '001190012345', en: '001190012345' },
            },
          ],
        },
      ],
    });
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .clock=${createManualClock(TODAY)}
        .procedure=${custom}
        .speech=${null}
        mode="kiosk"
      ></motcua-procedure>`,
    );
    await element.loaded;
    await element.updateComplete;
    await open(element);
    expect(mainKeys(element)).to.deep.equal([
      ...'123456789'.split(''),
      'ABC, Bàn phím chữ',
      '0',
      'Xoá',
    ]);
    await tap(element, '12');
    mainKey(element, 'ABC, Bàn phím chữ').click();
    await element.updateComplete;
    expect(mainKeys(element)).to.include.members(['q', '123, Bàn phím số']);
    await tap(element, 'a');
    expect(answerOf(element, 'cardNumber')).to.equal('12a');
    mainKey(element, '123, Bàn phím số').click();
    await element.updateComplete;
    expect(mainKeys(element)).to.include('ABC, Bàn phím chữ');
    await expectAccessible(element, 'digits keyboard with "ABC"');
  });

  it('keeps the caret in the field when a key is pressed with a finger or mouse (real pointer events)', async () => {
    const element = await kiosk();
    await open(element);
    expect(input(element, 'requesterPersonalId').getAttribute('inputmode')).to.equal('none');
    const field = input(element, 'requesterName');
    await realClick(field);
    expect(focused(element)).to.equal(`input#${controlId('requesterName')}`);
    await realClick(mainKey(element, 'h'));
    await until(element, () => field.value === 'h', '"h" typed by its key');
    await realClick(mainKey(element, 'o'));
    await until(element, () => field.value === 'ho', '"o" typed by its key');
    expect(field.value, 'both letters typed before the mark').to.equal('ho');
    await realClick(markKey(element, 'ồ'));
    await element.updateComplete;
    expect(field.value).to.equal('hồ');
    expect(answerOf(element, 'requesterName')).to.equal('hồ');
    expect(focused(element), 'focus never left the field').to.equal(
      `input#${controlId('requesterName')}`,
    );
    // The device's own touch keyboard stays down while this one is open, and comes back after.
    expect(field.getAttribute('inputmode')).to.equal('none');
    toggle(element)!.click();
    await element.updateComplete;
    expect(field.hasAttribute('inputmode')).to.equal(false);
    // The Vietnam pack's phone format asks for the phone pad.
    expect(input(element, 'requesterPhone').getAttribute('inputmode')).to.equal('tel');
    expect(input(element, 'requesterPersonalId').getAttribute('inputmode')).to.equal('numeric');
  });

  it('lets an input method finish its word: a key pressed mid-composition lets the focus go', async () => {
    const element = await kiosk();
    await open(element);
    const field = input(element, 'requesterName');
    field.focus();
    const press = () => {
      const down = new MouseEvent('mousedown', { bubbles: true, composed: true, cancelable: true });
      mainKey(element, 'a').dispatchEvent(down);
      return down.defaultPrevented;
    };
    expect(press(), 'the caret stays in the field').to.equal(true);
    field.dispatchEvent(
      new CompositionEvent('compositionstart', { bubbles: true, composed: true }),
    );
    expect(press(), 'mid-composition the browser may commit it').to.equal(false);
    field.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true }));
    expect(press()).to.equal(true);
  });

  it('is used with a keyboard alone: Enter on "Bàn phím", then Enter and Space on the keys', async () => {
    const element = await kiosk();
    toggle(element)!.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(exists(element, '.keyboard')).to.equal(true);
    mainKey(element, 'd').focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(focused(element), 'focus stays on the key').to.equal('button "d"');
    expect(marks(element)).to.deep.equal(['d', 'đ']);
    markKey(element, 'đ').focus();
    // ' ', not 'Space': puppeteer's WebDriver BiDi keyboard (Firefox) knows no 'Space'.
    await sendKeys({ press: ' ' });
    await element.updateComplete;
    expect(answerOf(element, 'requesterName')).to.equal('đ');
    // Tab reaches every key in order.
    mainKey(element, 'q').focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal('button "w"');
  });

  it('forgets what was offered when the kiosk is wiped, and the next person finds it closed', async () => {
    const element = await kiosk();
    await open(element);
    await tap(element, 'a');
    expect(marks(element).length).to.be.greaterThan(0);
    element.reset();
    await element.updateComplete;
    expect(exists(element, '.keyboard')).to.equal(false);
    expect(toggle(element)!.getAttribute('aria-pressed')).to.equal('false');
    await open(element);
    expect(marks(element)).to.deep.equal([]);
    expect(input(element, 'requesterName').value).to.equal('');
  });

  it('is not offered on review, nor on a page without text to type', async () => {
    const element = await kiosk();
    await walkTo(element, 'fatherStatus');
    expect(toggle(element), 'radios only').to.equal(undefined);
    await walkTo(element, 'review');
    expect(toggle(element)).to.equal(undefined);
    expect(exists(element, '.keyboard')).to.equal(false);
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const contrast of ['normal', 'high'] as const) {
      it(`passes axe (WCAG 2.2 AA) open, with marks on offer, on digits and with errors, ${lang}, ${contrast} contrast`, async () => {
        const element = await kiosk(lang, contrast);
        await open(element);
        await expectAccessible(element, `keyboard, ${lang}, ${contrast}`);
        await tap(element, 'o');
        expect(marks(element).length).to.equal(18);
        await expectAccessible(element, `keyboard with marks, ${lang}, ${contrast}`);
        input(element, 'requesterPersonalId').focus();
        await element.updateComplete;
        await expectAccessible(element, `digits keyboard, ${lang}, ${contrast}`);
        await clickContinue(element);
        expect(exists(element, '.error-summary')).to.equal(true);
        await expectAccessible(element, `keyboard with errors, ${lang}, ${contrast}`);
        // Large text: the keys grow with it.
        button(element, lang === 'en' ? 'Larger text' : 'Chữ to hơn').click();
        await element.updateComplete;
        await expectAccessible(element, `keyboard, large text, ${lang}, ${contrast}`);
      });
    }
  }

  it('has keys at least 48 px square (WCAG 2.5.8, and fingers on a public screen)', async () => {
    const element = await kiosk();
    await open(element);
    await tap(element, 'a');
    const small = Array.from(shadow(element).querySelectorAll('.keyboard button'))
      .map((key) => ({ key: text(key), box: key.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 47.5 || box.height < 47.5)
      .map(({ key, box }) => `${key} ${box.width}×${box.height}`);
    expect(small).to.deep.equal([]);
  });
});
