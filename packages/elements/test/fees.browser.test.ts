import { expect } from '@open-wc/testing';
import { createManualClock } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import { money } from '../src/fees.js';
import {
  BIRTH_REGISTRATION_NO_FATHER,
  button,
  delayedSubmit,
  expectAccessible,
  mount,
  shadow,
  submitted,
  text,
  walkTo,
} from './helpers.js';

// Fees the citizen can trust (issue 12, point 15): the review page and the confirmation list the
// fees that apply on this element's channel, copies counted, with their total, from the same
// `procedure.fees` as the server's receipt. A late birth registration is never shown as free.

/** The fee lines under "Phí và lệ phí" / "Fees", and the total under them. */
function fees(element: MotcuaProcedure): { lines: string[]; total: string } {
  const heading = Array.from(shadow(element).querySelectorAll('h2')).find((candidate) =>
    ['Phí và lệ phí', 'Fees'].includes(text(candidate)),
  );
  if (!heading) return { lines: [], total: '' };
  const list = heading.nextElementSibling;
  return {
    lines: Array.from(list?.querySelectorAll('li') ?? []).map((item) => text(item)),
    total: text(shadow(element).querySelector('.fees__total')),
  };
}

/** Six years after the birth of 20/08/2025 in the journey. */
const SIX_YEARS_LATER = '2031-09-01T09:00:00+07:00';

describe('fees on the review page and the confirmation', () => {
  it('counts the copies asked for and gives the total, the birth registered on time', async () => {
    const element = await mount();
    await walkTo(element, 'review');
    const { lines, total } = fees(element);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^Lệ phí đăng ký khai sinh đúng hạn: Miễn phí/);
    expect(lines[0]).to.contain('trong 60 ngày kể từ ngày sinh');
    expect(lines[1]).to.match(/^Phí cấp bản sao Giấy khai sinh: 2 × 8\.000 đồng = 16\.000 đồng/);
    expect(total).to.equal('Tổng cộng: 16.000 đồng');
    await expectAccessible(element, 'review with fees');
  });

  it('never shows a late birth registration as free: it says the 60-day limit and who sets the fee', async () => {
    const element = await mount({ clock: createManualClock(SIX_YEARS_LATER) });
    await walkTo(element, 'review', BIRTH_REGISTRATION_NO_FATHER);
    const { lines, total } = fees(element);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(
      /^Lệ phí đăng ký khai sinh quá hạn 60 ngày: mức do địa phương quy định, cán bộ sẽ báo khi nhận hồ sơ/,
    );
    expect(lines[0]).to.contain('trong 60 ngày kể từ ngày sinh');
    expect(lines[0]).to.contain('Hội đồng nhân dân tỉnh');
    expect(lines.join(' ')).not.to.contain('Miễn phí');
    expect(total).to.equal('Tổng các khoản đã biết mức: 0 đồng. Cán bộ sẽ báo khoản còn lại.');
    await expectAccessible(element, 'review with a late registration fee');
  });

  it('stays accessible in kiosk mode with high contrast', async () => {
    const element = await mount({
      mode: 'kiosk',
      speech: null,
      contrast: 'high',
      clock: createManualClock(SIX_YEARS_LATER),
    });
    await walkTo(element, 'review');
    expect(fees(element).lines).to.have.length(2);
    await expectAccessible(element, 'review with fees, kiosk, high contrast');
  });

  it('says it in English too', async () => {
    const element = await mount({ lang: 'en', clock: createManualClock(SIX_YEARS_LATER) });
    await walkTo(element, 'review');
    const { lines, total } = fees(element);
    expect(lines[0]).to.match(
      /^Birth registration fee, more than 60 days after the birth: set locally; the officer will tell you the amount/,
    );
    expect(lines[1]).to.match(
      /^Extra copies of the birth certificate: 2 × 8\.000 VND = 16\.000 VND/,
    );
    expect(total).to.equal(
      'Total of the amounts known: 16.000 VND. The officer will tell you the rest.',
    );
    await expectAccessible(element, 'review with a fee left to the officer, in English');
  });

  it('lists the same fees and total on the confirmation, in kiosk mode', async () => {
    const send = delayedSubmit({ dossierCode: 'HS-FEES-1' });
    const element = await mount({ mode: 'kiosk', speech: null, submit: send });
    await walkTo(element, 'review');
    const onReview = fees(element);
    button(element, 'Gửi hồ sơ').click();
    await submitted(element);
    expect(element.session!.snapshot.status).to.equal('submitted');
    expect(fees(element)).to.deep.equal(onReview);
    expect(onReview.total).to.equal('Tổng cộng: 16.000 đồng');
    await expectAccessible(element, 'confirmation with fees, kiosk');
  });
});

describe('money', () => {
  it('groups whole đồng by "." as vi-VN does, in both languages, without Intl', () => {
    const NumberFormat = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = function (...args: ConstructorParameters<typeof NumberFormat>) {
      made++;
      return new NumberFormat(...args);
    } as unknown as typeof Intl.NumberFormat;
    try {
      expect(money(0, 'vi')).to.equal('0 đồng');
      expect(money(8000, 'vi')).to.equal('8.000 đồng');
      expect(money(1234567, 'vi')).to.equal('1.234.567 đồng');
      expect(money(100000, 'en')).to.equal('100.000 VND');
      expect(made).to.equal(0);
    } finally {
      Intl.NumberFormat = NumberFormat;
    }
    for (const amount of [0, 5, 999, 1000, 16000, 250000, 1234567, 10000000]) {
      expect(money(amount, 'vi')).to.equal(`${new NumberFormat('vi-VN').format(amount)} đồng`);
    }
  });
});
