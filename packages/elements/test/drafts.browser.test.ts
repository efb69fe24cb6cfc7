import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createStore, get, set } from 'idb-keyval';
import { type SendContext, type SendDossier, createManualClock } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  TODAY,
  expectAccessible,
  button,
  completePage,
  currentStep,
  find,
  heading,
  mount,
  procedure,
  shadow,
  text,
  walkTo,
} from './helpers.js';

// Portal mode keeps what the citizen typed on their own device (IndexedDB): a reload, a crash or
// a closed tab loses nothing, and a dossier sent but never acknowledged is sent again with its
// own key when the page comes back.

const store = createStore('motcua', 'dossiers');

/** Waits past the element's autosave pause (400 ms after the last change). */
const autosaved = () => new Promise((resolve) => setTimeout(resolve, 600));

/** A second element on the same device, as after a reload. */
async function reload(element: MotcuaProcedure, submit?: SendDossier): Promise<MotcuaProcedure> {
  element.remove();
  return mount({ submit });
}

describe('<motcua-procedure> drafts on this device (portal mode)', () => {
  it('saves every answer as it is typed, and offers to continue after a reload, at the step reached', async () => {
    let element = await mount();
    await completePage(element);
    await completePage(element);
    expect(currentStep(element)).to.equal('childOrigin');
    await autosaved();
    const draft = await get<{ version: string; step: string; answers: Record<string, unknown> }>(
      'draft:birth-registration',
      store,
    );
    expect(draft?.step).to.equal('childOrigin');
    expect(draft?.answers.childName).to.equal('Nguyễn Minh An');

    element = await reload(element);
    expect(text(heading(element))).to.equal('Bạn có một hồ sơ đang làm dở');
    await expectAccessible(element, 'the draft offer');
    button(element, 'Tiếp tục hồ sơ đang làm').click();
    await element.updateComplete;
    expect(currentStep(element)).to.equal('childOrigin');
    expect(element.session?.snapshot.answers.childName).to.equal('Nguyễn Minh An');
    expect(element.session?.snapshot.answers.requesterName).to.equal('Trần Thị Mai');
  });

  it('starts again with nothing when the citizen says "Làm lại từ đầu", and forgets the draft', async () => {
    let element = await mount();
    await completePage(element);
    await autosaved();
    element = await reload(element);
    button(element, 'Làm lại từ đầu').click();
    await element.updateComplete;
    expect(currentStep(element)).to.equal('requester');
    expect(Object.keys(element.session?.snapshot.answers ?? {})).to.deep.equal([]);
    expect(await get('draft:birth-registration', store)).to.equal(undefined);
  });

  it('carries a draft of an older version over, and names the answers it could not keep', async () => {
    await set(
      'draft:birth-registration',
      {
        version: '0.9.0',
        answers: { requesterName: 'Trần Thị Mai', requesterFax: '024 3826 1234' },
        step: 'requester',
        labels: { requesterFax: { vi: 'Số fax của bạn', en: 'Your fax number' } },
        savedAt: Date.parse(TODAY),
      },
      store,
    );
    const element = await mount();
    button(element, 'Tiếp tục hồ sơ đang làm').click();
    await element.updateComplete;
    const notice = find(element, '.notice');
    expect(text(notice)).to.contain('Mẫu đơn đã được cập nhật');
    expect(text(notice)).to.contain('Số fax của bạn');
    expect(element.session?.snapshot.answers.requesterName).to.equal('Trần Thị Mai');
    expect(element.session?.snapshot.answers).not.to.have.property('requesterFax');
    await expectAccessible(element, 'the notice of answers not kept');
  });

  it('works in memory and says once that it cannot save when the device refuses storage', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push(event);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    // Private mode in some browsers: opening a database throws a SecurityError.
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const element = await fixture<MotcuaProcedure>(
        html`<motcua-procedure
          .clock=${createManualClock(TODAY)}
          .procedure=${procedure}
          lang="vi"
        ></motcua-procedure>`,
      );
      await element.loaded;
      await waitUntil(() => shadow(element).querySelector('.notice'), 'no notice shown');
      expect(text(find(element, '.notice'))).to.contain('Máy này không lưu được hồ sơ đang làm');
      await completePage(element);
      expect(currentStep(element)).to.equal('child');
      expect(shadow(element).querySelector('.notice'), 'said once, not on every page').to.equal(
        null,
      );
      await autosaved();
      expect(errors).to.deep.equal([]);
    } finally {
      Object.defineProperty(window, 'indexedDB', original);
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  it('keeps nothing with persist="none"', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .clock=${createManualClock(TODAY)}
        .procedure=${procedure}
        persist="none"
        lang="vi"
      ></motcua-procedure>`,
    );
    await element.loaded;
    await completePage(element);
    await autosaved();
    expect(await get('draft:birth-registration', store)).to.equal(undefined);
  });
});

describe('<motcua-procedure> outbox (portal mode)', () => {
  it('sends a dossier left unacknowledged by a reload again, with the same key, to the same receipt', async () => {
    const keys: string[] = [];
    // The first page never hears back: the connection died, or the tab was closed.
    const lost: SendDossier = (_answers, _procedure, context?: SendContext) => {
      keys.push(context!.key);
      return new Promise(() => undefined);
    };
    let element = await mount({ submit: lost });
    await walkTo(element, 'review');
    button(element, 'Gửi hồ sơ').click();
    await waitUntil(() => keys.length === 1, 'the dossier never left');
    expect(await get('outbox:birth-registration', store)).to.have.property('key', keys[0]);

    const answered: SendDossier = async (_answers, _procedure, context?: SendContext) => {
      keys.push(context!.key);
      return { dossierCode: 'HS-20250901-DEMO-0001' };
    };
    element = await reload(element, answered);
    await waitUntil(() => element.snapshot?.status === 'submitted', 'not sent again after reload');
    expect(keys).to.have.length(2);
    expect(keys[1], 'the same dossier, the same key').to.equal(keys[0]);
    expect(text(find(element, '.dossier-code'))).to.equal('HS-20250901-DEMO-0001');
    expect(await get('outbox:birth-registration', store)).to.equal(undefined);
    expect(await get('draft:birth-registration', store)).to.equal(undefined);
  });

  it('gives each dossier its own key, and every retry of one dossier the same key', async () => {
    const keys: string[] = [];
    let fail = true;
    const flaky: SendDossier = async (_answers, _procedure, context?: SendContext) => {
      keys.push(context!.key);
      if (fail) throw new Error('the network is down');
      return { dossierCode: `HS-20250901-DEMO-000${keys.length}` };
    };
    const element = await mount({ submit: flaky });
    await walkTo(element, 'review');
    button(element, 'Gửi hồ sơ').click();
    await waitUntil(() => element.snapshot?.status === 'failed');
    fail = false;
    button(element, 'Gửi lại').click();
    await waitUntil(() => element.snapshot?.status === 'submitted');
    expect(keys[1]).to.equal(keys[0]);
    button(element, 'Làm hồ sơ mới').click();
    await element.updateComplete;
    await walkTo(element, 'review');
    button(element, 'Gửi hồ sơ').click();
    await waitUntil(() => element.snapshot?.status === 'submitted');
    expect(keys).to.have.length(3);
    expect(keys[2], 'a new dossier, a new key').not.to.equal(keys[0]);
    expect(keys[2]).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('shows the server’s own explanation, in the citizen’s language, when it refuses', async () => {
    const refused: SendDossier = async () => {
      throw Object.assign(new Error('422'), {
        detail: {
          vi: 'Có 1 chỗ cần sửa trong hồ sơ. Hãy sửa rồi gửi lại.',
          en: 'The dossier has 1 thing to fix. Fix it and send again.',
        },
      });
    };
    const element = await mount({ submit: refused });
    await walkTo(element, 'review');
    button(element, 'Gửi hồ sơ').click();
    await waitUntil(() => element.snapshot?.status === 'failed');
    await element.updateComplete;
    expect(text(find(element, '.review .error-summary'))).to.contain(
      'Có 1 chỗ cần sửa trong hồ sơ. Hãy sửa rồi gửi lại.',
    );
    element.lang = 'en';
    await element.updateComplete;
    expect(text(find(element, '.review .error-summary'))).to.contain(
      'The dossier has 1 thing to fix. Fix it and send again.',
    );
  });
});
