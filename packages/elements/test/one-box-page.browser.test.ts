import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createProcedure } from '@motcua/core';
import { type MotcuaProcedure, defineMotcuaProcedure } from '@motcua/elements';
import { axeViolations, formatViolations } from './helpers.js';

defineMotcuaProcedure();

// A page whose only question is one box ("Tôi cam kết…") uses the box's label as its heading,
// after the box: the page's focus goes to the box, so Tab from there does not skip past it
// (Firefox's walk of the household business found Tab going straight to "Tiếp tục").
const procedure = createProcedure({
  id: 'one-box',
  version: '1.0.0',
  title: 'Cam kết',
  steps: [
    { id: 'name', title: 'Họ tên', fields: [{ id: 'fullName', type: 'text', label: 'Họ và tên' }] },
    {
      id: 'commitment',
      title: 'Cam kết',
      fields: [
        {
          id: 'commitment',
          type: 'checkbox',
          label: 'Tôi cam kết các thông tin trên là đúng sự thật',
        },
      ],
    },
  ],
});

describe('<motcua-procedure> a page that asks one box', () => {
  it('puts the focus on the box, which Space ticks, and Tab then goes on to Tiếp tục', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${procedure}></motcua-procedure>`,
    );
    element.session!.set('fullName', 'Lê Thị Hoa');
    await element.updateComplete;
    const root = element.shadowRoot!;
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;
    await element.updateComplete;
    expect(element.snapshot?.step?.id).to.equal('commitment');
    expect(root.querySelector('h1')?.textContent).to.contain('Tôi cam kết');
    expect(root.activeElement?.id).to.equal('f-commitment');

    await sendKeys({ press: ' ' });
    await element.updateComplete;
    expect(element.snapshot?.answers.commitment).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement?.textContent?.trim()).to.equal('Tiếp tục');
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);
  });
});
