import { expect } from '@open-wc/testing';
import type AxeCore from 'axe-core';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  axeViolations,
  button,
  clickContinue,
  exists,
  find,
  formatViolations,
  mount,
  shadow,
  submitted,
  text,
  walkTo,
} from './helpers.js';

// High contrast (contrast="high") is white and yellow on black: every piece of text at least
// 7:1 against what is behind it (WCAG 2.2 AAA, 1.4.6, for text of every size), a focus outline of
// at least 3px, and larger text (text-size="large") at 150% of the normal size. Measured on the
// computed styles of a page with errors, review, the confirmation and the on-screen keyboard.

type Rgba = [number, number, number, number];

function parse(colour: string): Rgba {
  const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [];
  if (parts.length < 3) throw new Error(`unreadable colour "${colour}"`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function ratio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The first opaque background at or above `node`, across the shadow boundary. */
function backgroundOf(node: Element): Rgba {
  for (let at: Element | null = node; at;) {
    const colour = parse(getComputedStyle(at).backgroundColor);
    if (colour[3] === 1) return colour;
    if (colour[3] > 0) throw new Error(`translucent background behind ${at.tagName}`);
    at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null);
  }
  return [255, 255, 255, 1];
}

/** Elements that show text of their own: a non-blank text node child, visible, not clipped. */
function textElements(element: MotcuaProcedure): HTMLElement[] {
  return Array.from(shadow(element).querySelectorAll<HTMLElement>('*')).filter((node) => {
    if (node.closest('.visually-hidden, [hidden], style, template')) return false;
    if (
      !Array.from(node.childNodes).some(
        (child) => child.nodeType === 3 && child.textContent!.trim(),
      )
    ) {
      return false;
    }
    return node.getClientRects().length > 0;
  });
}

function describeText(node: Element): string {
  return `<${node.tagName.toLowerCase()} class="${node.className}">${text(node).slice(0, 40)}`;
}

/** Every text element below 7:1 against its background, described. */
function lowContrast(element: MotcuaProcedure): string[] {
  const texts = textElements(element);
  expect(texts.length, 'text to measure').to.be.above(3);
  return texts.flatMap((node) => {
    const measured = ratio(parse(getComputedStyle(node).color), backgroundOf(node));
    return measured >= 7 ? [] : [`${describeText(node)}: ${measured.toFixed(2)}:1`];
  });
}

/** Font sizes of every text element at normal and at large size, those under 150% described. */
async function notLargeEnough(element: MotcuaProcedure): Promise<string[]> {
  const texts = textElements(element);
  const size = (node: Element) => parseFloat(getComputedStyle(node).fontSize);
  element.textSize = 'normal';
  await element.updateComplete;
  const normal = texts.map(size);
  element.textSize = 'large';
  await element.updateComplete;
  return texts.flatMap((node, index) =>
    size(node) >= normal[index]! * 1.5 - 0.01
      ? []
      : [`${describeText(node)}: ${normal[index]}px → ${size(node)}px`],
  );
}

async function enhancedContrastViolations(element: MotcuaProcedure): Promise<AxeCore.Result[]> {
  const axe = (window as unknown as { axe: typeof AxeCore }).axe;
  const results = await axe.run(element, {
    runOnly: { type: 'rule', values: ['color-contrast-enhanced'] },
  });
  return results.violations;
}

/** Contrast, size and axe (AA rules, then the AAA colour rule) on the state on screen. */
async function check(element: MotcuaProcedure, state: string): Promise<string[]> {
  const problems = [
    ...lowContrast(element).map((line) => `below 7:1: ${line}`),
    ...(await notLargeEnough(element)).map((line) => `not 150%: ${line}`),
  ];
  const violations = [
    ...(await axeViolations(element)),
    ...(await enhancedContrastViolations(element)),
  ];
  if (violations.length > 0) problems.push(formatViolations(violations));
  return problems.map((problem) => `${state}: ${problem}`);
}

async function highContrast(mode: 'portal' | 'kiosk'): Promise<MotcuaProcedure> {
  const element = await mount({
    mode,
    contrast: 'high',
    submit: async () => ({ dossierCode: 'HS-20250901-0001' }),
  });
  element.textSize = 'large';
  await element.updateComplete;
  return element;
}

describe('high contrast and larger text of <motcua-procedure>', () => {
  for (const mode of ['portal', 'kiosk'] as const) {
    it(`keeps every text at 7:1 or more and 150% size on errors, review and confirmation, ${mode}`, async function () {
      this.timeout(60_000);
      const element = await highContrast(mode);
      const problems: string[] = [];

      await clickContinue(element);
      expect(exists(element, '.error-summary'), 'the error summary').to.equal(true);
      problems.push(...(await check(element, 'a page with errors')));

      await walkTo(element, 'review');
      problems.push(...(await check(element, 'review')));

      button(element, 'Gửi hồ sơ').click();
      await element.updateComplete;
      await submitted(element);
      expect(element.session?.snapshot.status).to.equal('submitted');
      problems.push(...(await check(element, 'the confirmation')));

      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  }

  it('keeps the on-screen keyboard at 7:1 or more and 150% size in kiosk mode', async () => {
    const element = await highContrast('kiosk');
    const toggle = Array.from(
      shadow(element).querySelectorAll<HTMLButtonElement>('.toolbar button'),
    ).find((candidate) => text(candidate) === 'Bàn phím')!;
    toggle.click();
    await element.updateComplete;
    expect(exists(element, '.keyboard__key'), 'the keyboard opened').to.equal(true);
    const problems = await check(element, 'the keyboard');
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('is white and yellow on black, not black on white', async () => {
    const element = await highContrast('portal');
    expect(backgroundOf(find(element, 'h1'))).to.deep.equal([0, 0, 0, 1]);
    expect(parse(getComputedStyle(find(element, 'h1')).color)).to.deep.equal([255, 255, 255, 1]);
  });

  it('shows focus with an outline at least 3px wide on inputs and buttons', async () => {
    const element = await highContrast('kiosk');
    const input = find<HTMLInputElement>(element, 'input.input');
    input.focus();
    expect(parseFloat(getComputedStyle(input).outlineWidth), 'input').to.be.at.least(3);
    const next = button(element, 'Tiếp tục');
    next.focus();
    expect(next.matches(':focus-visible'), 'the button shows its focus').to.equal(true);
    expect(parseFloat(getComputedStyle(next).outlineWidth), 'button').to.be.at.least(3);
  });

  it('sets larger text at 150% on the host, so toolbar and dialogs grow too', async () => {
    for (const mode of ['portal', 'kiosk'] as const) {
      const element = await mount({ mode });
      const normal = parseFloat(getComputedStyle(element).fontSize);
      element.textSize = 'large';
      await element.updateComplete;
      expect(parseFloat(getComputedStyle(element).fontSize), mode).to.equal(normal * 1.5);
    }
  });
});
