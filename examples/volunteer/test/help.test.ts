import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHelp } from '../../kiosk/help.js';

// The kiosk's side of a help call (examples/kiosk/help.js) against a recorded fetch: one call,
// the dossier shared with the call's own token on changes, withdrawn when the session ends, and
// never a share after the withdrawal.

interface Sent {
  method: string;
  url: string;
  authorization?: string;
  body?: unknown;
}

/** A fetch that records each request and answers from `answer` (201/200/204 by default). */
function recordingFetch(answer: (sent: Sent) => Response | undefined = () => undefined) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const request: Sent = {
      method: init.method ?? 'GET',
      url,
      ...(headers.authorization && { authorization: headers.authorization }),
      ...(typeof init.body === 'string' && { body: JSON.parse(init.body) }),
    };
    sent.push(request);
    // A server that takes a moment, so that a late request could overtake an earlier one.
    await sleep(5);
    return (
      answer(request) ??
      (request.method === 'POST'
        ? Response.json({ id: 7, shareToken: 'secret-7' }, { status: 201 })
        : request.method === 'PUT'
          ? Response.json({ help: 7 })
          : new Response(null, { status: 204 }))
    );
  };
  return { sent, fetch: fetch as unknown as typeof globalThis.fetch };
}

const DOSSIER = {
  procedure: 'permanent-residence',
  version: '1.0.0',
  answers: { applicantName: 'Nguyễn Văn An' },
  step: 'applicant',
  locale: 'vi',
};

/** Waits past the moment changes are gathered for (250 ms) and the queue has run. */
const settle = () => sleep(400);

describe('the kiosk calling for help (help.js)', () => {
  it('calls once, shares what it has with the call’s token, and withdraws it at the end', async () => {
    const { sent, fetch } = recordingFetch();
    const help = createHelp({ kiosk: 'K1', fetch });
    help.share(DOSSIER);
    assert.deepEqual(sent, [], 'nothing leaves the kiosk before the citizen asks');

    assert.equal(await help.call({ procedure: 'permanent-residence', step: 'applicant' }), true);
    assert.equal(help.isOpen, true);
    assert.equal(await help.call({ procedure: 'permanent-residence', step: 'applicant' }), true);
    await help.end();
    assert.equal(help.isOpen, false);

    assert.deepEqual(sent, [
      {
        method: 'POST',
        url: '/api/help',
        body: { kiosk: 'K1', procedure: 'permanent-residence', step: 'applicant' },
      },
      {
        method: 'PUT',
        url: '/api/help/7/dossier',
        authorization: 'Bearer secret-7',
        body: DOSSIER,
      },
      { method: 'DELETE', url: '/api/help/7/dossier', authorization: 'Bearer secret-7' },
    ]);
  });

  it('gathers quick changes into one share, the last one', async () => {
    const { sent, fetch } = recordingFetch();
    const help = createHelp({ kiosk: 'K1', fetch });
    await help.call({});
    for (const name of ['N', 'Ng', 'Ngu', 'Nguyễn']) {
      help.share({ ...DOSSIER, answers: { applicantName: name } });
    }
    await settle();
    const puts = sent.filter((request) => request.method === 'PUT');
    assert.deepEqual(
      puts.map((put) => (put.body as typeof DOSSIER).answers),
      [{ applicantName: 'Nguyễn' }],
    );
  });

  it('never shares after the session ended, even a change made just before', async () => {
    const { sent, fetch } = recordingFetch();
    const help = createHelp({ kiosk: 'K1', fetch });
    await help.call({});
    help.share(DOSSIER);
    await help.end();
    help.share(DOSSIER);
    await settle();
    assert.deepEqual(
      sent.map((request) => request.method),
      ['POST', 'DELETE'],
    );
  });

  it('stops sharing when the volunteer closed the call (409), and calls anew after', async () => {
    const { sent, fetch } = recordingFetch((request) =>
      request.method === 'PUT'
        ? Response.json({ type: 'help-request-closed' }, { status: 409 })
        : undefined,
    );
    const help = createHelp({ kiosk: 'K1', fetch });
    await help.call({});
    help.share(DOSSIER);
    await settle();
    assert.equal(help.isOpen, false, 'the closed call is forgotten');
    help.share(DOSSIER);
    await settle();
    assert.deepEqual(
      sent.map((request) => request.method),
      ['POST', 'PUT'],
    );
    await help.call({});
    assert.equal(sent.filter((request) => request.method === 'POST').length, 2);
  });

  it('says the call failed when the server cannot be reached', async () => {
    const help = createHelp({
      kiosk: 'K1',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof globalThis.fetch,
    });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      assert.equal(await help.call({}), false);
    } finally {
      console.warn = warn;
    }
    assert.equal(help.isOpen, false);
  });
});
