import { expect, fixture, html } from '@open-wc/testing';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  BIRTH_REGISTRATION,
  BIRTH_STEPS,
  axeViolations,
  button,
  clickContinue,
  currentStep,
  fillPage,
  formatViolations,
  mount,
  shadow,
  submitted,
} from './helpers.js';

// axe-core 4.14 with the WCAG 2.2 AA rules (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) on every
// page a citizen meets in the birth registration: each step as it opens and with its errors
// shown, review, a failed submission, and the confirmation. axe pierces the open shadow root.
// Every violation of a walk is collected, so one run lists all there is to fix.

const LANGUAGES = ['vi', 'en'] as const;
const MODES = ['portal', 'kiosk'] as const;

describe('accessibility of <motcua-procedure> (axe, WCAG 2.2 AA)', () => {
  it('sees inside the shadow root: an unlabelled input there is reported', async () => {
    const element = await mount();
    const stray = document.createElement('input');
    element.shadowRoot!.querySelector('form')!.append(stray);
    const violations = await axeViolations(element);
    stray.remove();
    expect(violations.map((violation) => violation.id)).to.include('label');
  });

  for (const lang of LANGUAGES) {
    for (const mode of MODES) {
      it(`finds no violation on any page of the birth registration, ${lang}, ${mode}`, async function () {
        // About 21 axe runs on one element; nothing waits on purpose.
        this.timeout(60_000);
        let attempts = 0;
        const element = await mount({
          lang,
          mode,
          submit: async () => {
            attempts += 1;
            if (attempts === 1) throw new Error('503 Service Unavailable');
            return { dossierCode: 'HS-20250901-0001' };
          },
        });
        const problems: string[] = [];
        const check = async (state: string) => {
          const violations = await axeViolations(element);
          if (violations.length > 0) {
            problems.push(`${lang}, ${mode}, ${state}:\n${formatViolations(violations)}`);
          }
        };

        const seen: string[] = [];
        let pages = 0;
        // Every page: a step, or at a kiosk each of its questions.
        while (element.session?.snapshot.status === 'filling') {
          const { snapshot, procedure } = element.session;
          const step = currentStep(element)!;
          const page = `"${step}" page ${snapshot.page + 1}`;
          if (!seen.includes(step)) seen.push(step);
          pages += 1;
          await check(page);
          // A page with a required question still unanswered (not one a prefill answered).
          const asks = snapshot.fields.some(
            (field) =>
              procedure.isRequired(field.id, snapshot.answers) &&
              snapshot.answers[field.id] === undefined,
          );
          if (asks) {
            await clickContinue(element);
            expect(
              element.session.snapshot.errors.length,
              `errors on an empty ${page}`,
            ).to.be.above(0);
            await check(`${page} with its error summary`);
          }
          await fillPage(element, BIRTH_REGISTRATION[step]!);
          await clickContinue(element);
          expect(
            [currentStep(element), element.session.snapshot.page],
            `Continue on a filled ${page}`,
          ).not.to.deep.equal([step, snapshot.page]);
        }
        expect(seen, 'every step, the father’s included').to.deep.equal(BIRTH_STEPS);
        expect(pages, 'one page per question at a kiosk').to.be.above(
          mode === 'kiosk' ? BIRTH_STEPS.length + 10 : BIRTH_STEPS.length - 1,
        );

        expect(element.session?.snapshot.status).to.equal('review');
        await check('review');

        await send(element, lang === 'vi' ? 'Gửi hồ sơ' : 'Send application');
        expect(element.session?.snapshot.status).to.equal('failed');
        await check('a failed submission');

        await send(element, lang === 'vi' ? 'Gửi lại' : 'Send again');
        expect(element.session?.snapshot.status).to.equal('submitted');
        await check('the confirmation');

        expect(problems, `axe violations:\n${problems.join('\n\n')}`).to.deep.equal([]);
      });
    }
  }
});

describe('accessibility of a part of the form that did not load (axe, WCAG 2.2 AA)', () => {
  for (const lang of LANGUAGES) {
    it(`finds no violation in the message and its "Thử lại", ${lang}`, async () => {
      const element = await fixture<MotcuaProcedure>(
        html`<motcua-procedure
          src=${new URL('./no-such.procedure.json', import.meta.url).href}
          lang=${lang}
        ></motcua-procedure>`,
      );
      await element.loaded;
      await element.updateComplete;
      expect(shadow(element).querySelector('.load-failed__retry')).to.not.equal(null);
      const violations = await axeViolations(element);
      expect(violations, formatViolations(violations)).to.deep.equal([]);
    });
  }
});

async function send(element: MotcuaProcedure, label: string): Promise<void> {
  button(element, label).click();
  await element.updateComplete;
  await submitted(element);
}
