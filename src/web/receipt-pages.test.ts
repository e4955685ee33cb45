import express from 'express';
import request from 'supertest';
import { createWebRouter } from './router';
import { AppError } from '../domain/errors';
import {
  appWith,
  brokenSummaryLinks,
  campaign,
  fakeDeps,
  processedMedia,
  receipt,
  unlabelledControls,
  type Fakes,
} from './test-support';

let fakes: Fakes;
let app: ReturnType<typeof appWith>;

beforeEach(() => {
  fakes = fakeDeps();
  app = appWith(fakes.deps);
});

describe('GET /r/:token', () => {
  it('while processing: status in words, the link to keep, a refresh link, no video', async () => {
    fakes.receipts.set('tok1', receipt({ status: 'processing' }));
    const res = await request(app).get('/r/tok1').expect(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Being prepared');
    expect(res.text).toMatch(
      /<a class="govuk-link" href="\/r\/tok1" id="receipt-link">http:\/\/127\.0\.0\.1:\d+\/r\/tok1<\/a>/,
    );
    expect(res.text).toMatch(/href="\/r\/tok1">Refresh this page to check again/);
    expect(res.text).not.toContain('<video');
    expect(res.text).not.toContain('http-equiv="refresh"');
    expect(res.text).toMatch(/href="\/r\/tok1\/withdraw"[^>]*>\s*Withdraw my video/);
  });

  it('once processed: the clip with poster and captions labelled by language', async () => {
    fakes.receipts.set('tok2', receipt({ status: 'awaiting_review', media: processedMedia }));
    const res = await request(app).get('/r/tok2?lang=cy').expect(200);
    expect(res.text).toContain('<html lang="cy"');
    expect(res.text).toContain('Yn aros i gael ei wirio');
    expect(res.text).toMatch(
      /<video [^>]*controls preload="metadata"[^>]*src="\/r\/tok2\/media\/720p\.mp4" poster="\/r\/tok2\/media\/poster\.jpg">/,
    );
    expect(res.text).toContain(
      '<track kind="captions" src="/r/tok2/media/captions.cy.vtt" srclang="cy" label="Cymraeg" default>',
    );
    expect(res.text).toContain(
      '<track kind="captions" src="/r/tok2/media/captions.en.vtt" srclang="en" label="English">',
    );
    expect(res.text).not.toContain('Adnewyddwch y dudalen hon');
    expect(res.text).toMatch(/href="\/r\/tok2\?lang=en"[^>]*>English/);
  });

  it('when failed: the reason in plain words, in either language', async () => {
    fakes.receipts.set('tok3', receipt({ status: 'failed', failureReason: 'not_media' }));
    const en = await request(app).get('/r/tok3').expect(200);
    expect(en.text).toContain('Problem with the file');
    expect(en.text).toContain('This file is not a video or audio recording.');
    expect(en.text).toMatch(
      /href="\/r\/tok3\/new-version"[^>]*>\s*Send a new version of your video/,
    );
    const cy = await request(app).get('/r/tok3?lang=cy').expect(200);
    expect(cy.text).toContain('Nid fideo na recordiad sain yw&#39;r ffeil hon.');
  });

  it('offers a new version when changes are asked for, unless the campaign has closed', async () => {
    fakes.receipts.set('tok9', receipt({ status: 'changes_requested' }));
    const open = await request(app).get('/r/tok9').expect(200);
    expect(open.text).toContain('Needs a change');
    expect(open.text).toMatch(/href="\/r\/tok9\/new-version"[^>]*>\s*Send a new version/);
    const closedCampaign = { ...campaign, isOpen: false };
    fakes.receipts.set('tok9', receipt({ status: 'changes_requested', campaign: closedCampaign }));
    const closed = await request(app).get('/r/tok9').expect(200);
    expect(closed.text).not.toContain('new-version');
    expect(closed.text).not.toContain('Send a new video');
  });

  it('reads an unknown failure code as our own problem, not the person’s', async () => {
    fakes.receipts.set('tok4', receipt({ status: 'failed', failureReason: 'ffmpeg_exit_137' }));
    const res = await request(app).get('/r/tok4').expect(200);
    expect(res.text).toContain('Something went wrong on our side');
    expect(res.text).not.toContain('ffmpeg_exit_137');
  });

  it('gives the same 404 page for an unknown token as for any unknown page', async () => {
    const token = await request(app).get('/r/no-such-token').expect(404);
    const page = await request(app).get('/c/no-such-campaign').expect(404);
    const strip = (html: string) => html.replace(/href="[^"]*\?lang=cy"/g, '');
    expect(token.text).toContain('Page not found');
    expect(token.headers['referrer-policy']).toBe('no-referrer');
    expect(strip(token.text).replace(/<header[\s\S]*<\/header>/, '')).toBe(
      strip(page.text).replace(/<header[\s\S]*<\/header>/, ''),
    );
  });

  it('uses the public base address for the link to keep when configured', async () => {
    const appWithBase = appWith({ ...fakes.deps, publicBaseUrl: 'https://videos.example.org/' });
    fakes.receipts.set('tok5', receipt());
    const res = await request(appWithBase).get('/r/tok5').expect(200);
    expect(res.text).toContain('>https://videos.example.org/r/tok5</a>');
  });
});

describe('withdrawing', () => {
  it('confirms, then withdraws through deps.withdraw, then says it is done', async () => {
    fakes.receipts.set('tok6', receipt({ status: 'approved', media: processedMedia }));
    const confirm = await request(app).get('/r/tok6/withdraw?lang=cy').expect(200);
    expect(confirm.text).toContain('<html lang="cy"');
    expect(confirm.text).toContain('<form method="post" action="/r/tok6/withdraw?lang=cy"');
    expect(confirm.text).toMatch(/href="\/r\/tok6"[^>]*>Cadw fy fideo/);
    expect(unlabelledControls(confirm.text)).toEqual([]);
    expect(fakes.withdrawn).toEqual([]);

    const done = await request(app).post('/r/tok6/withdraw').expect(200);
    expect(fakes.withdrawn).toEqual(['tok6']);
    expect(done.headers['referrer-policy']).toBe('no-referrer');
    expect(done.text).toContain('Your video has been withdrawn');
    expect(done.text).toMatch(/href="\/r\/tok6\?lang=cy"[^>]*>Cymraeg/);

    const after = await request(app).get('/r/tok6').expect(200);
    expect(after.text).toContain('Withdrawn and deleted');
    expect(after.text).not.toContain('<video');
    expect(after.text).not.toContain('Withdraw my video');
    await request(app).get('/r/tok6/withdraw').expect(303).expect('Location', '/r/tok6');
  });

  it('404s a withdrawal for an unknown token without calling deps.withdraw', async () => {
    await request(app).get('/r/nope/withdraw').expect(404);
    await request(app).post('/r/nope/withdraw').expect(404);
    expect(fakes.withdrawn).toEqual([]);
  });
});

describe('media and failures', () => {
  it('hands media requests to deps.sendMedia and refuses odd names', async () => {
    fakes.receipts.set('tok7', receipt({ media: processedMedia }));
    const res = await request(app).get('/r/tok7/media/720p.mp4').expect(200);
    expect(res.text).toBe('media 720p.mp4');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    await request(app).get('/r/tok7/media/..%2F..%2Fsecret').expect(404);
    await request(app).get('/r/nope/media/720p.mp4').expect(404);
  });

  it('shows a 500 page in the person’s language, without the error, and reports it', async () => {
    const logged: unknown[] = [];
    const broken = express();
    broken.use(
      createWebRouter({
        ...fakes.deps,
        getReceipt: async () => {
          throw new Error('database exploded at /srv/app/db.ts:12');
        },
        logError: (err) => logged.push(err),
      }),
    );
    const res = await request(broken).get('/r/tok8?lang=cy').expect(500);
    expect(res.text).toContain('<html lang="cy"');
    expect(res.text).toContain('mae problem gyda&#39;r gwasanaeth');
    expect(res.text).not.toContain('exploded');
    expect(res.text).not.toContain('db.ts');
    expect(logged).toHaveLength(1);
  });

  it('leaves other paths alone, so the router can sit beside the API', async () => {
    const outer = express();
    outer.use(createWebRouter(fakes.deps));
    outer.get('/healthz', (_req, res) => {
      res.json({ ok: true, campaign: campaign.slug });
    });
    await request(outer).get('/healthz?lang=cy').expect(200, { ok: true, campaign: 'demo' });
  });
});

describe('receipt extras (issue 7)', () => {
  it('shows a QR code with alt text, a copy button for scripts, and no inline script', async () => {
    const f = fakeDeps();
    f.receipts.set('tokq', receipt());
    const res = await request(appWith(f.deps)).get('/r/tokq').expect(200);
    expect(res.text).toMatch(
      /<img class="app-qr" src="data:image\/svg\+xml;base64,[^"]+" alt="QR code/,
    );
    expect(res.text).toMatch(/<button type="button"[^>]*id="copy-link" hidden/);
    expect(res.text).toMatch(/<script src="\/c-static\/receipt\.js\?v=\w+" defer><\/script>/);
  });

  it("shows the moderators' change request in the reader's language, and what was agreed", async () => {
    const f = fakeDeps();
    f.receipts.set(
      'tokc',
      receipt({
        status: 'changes_requested',
        changeRequest: {
          reasonCode: 'personal_details',
          note: 'Please cut the bit with the letter.',
        },
        consent: {
          scopes: ['jury'],
          othersAppear: false,
          othersConsented: false,
          over18: true,
          onBehalf: { relationship: 'Mam', basis: 'best_interests' },
        },
      }),
    );
    const res = await request(appWith(f.deps)).get('/r/tokc?lang=cy').expect(200);
    expect(res.text).toContain('Beth mae angen i chi ei newid');
    expect(res.text).toContain('Please cut the bit with the letter.');
    expect(res.text).toContain('Mam. Pam: ');
    expect(res.text).toContain('18 oed neu&#39;n hŷn');
  });
});

describe('a new version from the receipt (issue 7)', () => {
  const changes = (over: Partial<ReturnType<typeof receipt>> = {}) =>
    receipt({
      status: 'changes_requested',
      changeRequest: { reasonCode: null, note: 'Please leave out the street sign.' },
      ...over,
    });

  it('shows the form with the moderators’ message, in Welsh too, with every control labelled', async () => {
    fakes.receipts.set('tokv', changes());
    const en = await request(app).get('/r/tokv/new-version').expect(200);
    expect(en.text).toContain('Send a new version of your video');
    expect(en.text).toContain('Please leave out the street sign.');
    expect(en.text).toContain(
      '<form method="post" action="/r/tokv/new-version?lang=en" enctype="multipart/form-data"',
    );
    expect(unlabelledControls(en.text)).toEqual([]);
    const cy = await request(app).get('/r/tokv/new-version?lang=cy').expect(200);
    expect(cy.text).toContain('<html lang="cy"');
    expect(cy.text).toContain('Anfon fersiwn newydd o&#39;ch fideo');
  });

  it('sends the file through deps.sendNewVersion and says so on the receipt', async () => {
    fakes.receipts.set('tokv', changes());
    const res = await request(app)
      .post('/r/tokv/new-version?lang=en')
      .attach('video', Buffer.from('fake video'), 'new.mp4')
      .expect(303);
    expect(res.headers.location).toBe('/r/tokv?sent=version&lang=en');
    const after = await request(app)
      .get(res.headers.location as string)
      .expect(200);
    expect(after.text).toContain('govuk-notification-banner--success');
    expect(after.text).toContain('We have your new version');
  });

  it('shows a refused file next to the field, linked from the summary, in Welsh', async () => {
    fakes.receipts.set('tokv', changes());
    fakes.uploadOutcome = new AppError('unsupported_type', 'not media');
    const res = await request(app)
      .post('/r/tokv/new-version?lang=cy')
      .attach('video', Buffer.from('hello'), 'notes.txt')
      .expect(415);
    expect(res.text).toContain('<html lang="cy"');
    expect(res.text).toMatch(/govuk-error-summary[\s\S]*href="#video"/);
    expect(res.text).toContain('id="video-error"');
    expect(brokenSummaryLinks(res.text)).toEqual([]);
  });

  it('is not offered, and refuses, once the video has moved on (approved)', async () => {
    fakes.receipts.set('toka', receipt({ status: 'approved' }));
    const page = await request(app).get('/r/toka').expect(200);
    expect(page.text).not.toContain('new-version');
    await request(app).get('/r/toka/new-version').expect(303).expect('Location', '/r/toka');
    const post = await request(app)
      .post('/r/toka/new-version')
      .attach('video', Buffer.from('fake video'), 'new.mp4')
      .expect(409);
    expect(post.text).toContain('A new version cannot be sent now');
  });

  it('offers a new version while the video waits for review', async () => {
    fakes.receipts.set('tokw', receipt({ status: 'awaiting_review' }));
    const page = await request(app).get('/r/tokw').expect(200);
    expect(page.text).toMatch(/href="\/r\/tokw\/new-version"/);
  });
});

describe('captions from the receipt (issue 7)', () => {
  const open = () => receipt({ status: 'awaiting_review', captionsOpen: true });

  it('is offered only until a moderator claims the clip', async () => {
    fakes.receipts.set('tokc', open());
    expect((await request(app).get('/r/tokc').expect(200)).text).toMatch(
      /href="\/r\/tokc\/captions"[^>]*>Add or correct captions/,
    );
    fakes.receipts.set('tokd', receipt({ status: 'awaiting_review', captionsOpen: false }));
    expect((await request(app).get('/r/tokd').expect(200)).text).not.toContain('/captions"');
    await request(app).get('/r/tokd/captions').expect(303).expect('Location', '/r/tokd');
  });

  it('shows a labelled form in the page language, the captions language chosen', async () => {
    fakes.receipts.set('tokc', open());
    const res = await request(app).get('/r/tokc/captions?lang=cy').expect(200);
    expect(res.text).toContain('Ychwanegu neu gywiro capsiynau');
    expect(res.text).toMatch(/<input[^>]*name="captionsLang"[^>]*value="cy"[^>]*checked/);
    expect(unlabelledControls(res.text)).toEqual([]);
  });

  it('sends a WebVTT file with its language and reports the captions saved', async () => {
    fakes.receipts.set('tokc', open());
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nBore da\n';
    const res = await request(app)
      .post('/r/tokc/captions?lang=en')
      .field('captionsLang', 'cy')
      .attach('captionsFile', Buffer.from(vtt), 'mine.vtt')
      .expect(303);
    expect(res.headers.location).toBe('/r/tokc?captions=ready&lang=en');
    expect(fakes.captions).toEqual([{ token: 'tokc', lang: 'cy', format: 'vtt', text: vtt }]);
    const after = await request(app)
      .get(res.headers.location as string)
      .expect(200);
    expect(after.text).toContain('Your captions are saved.');
  });

  it('sends a typed transcript, timed later (pending)', async () => {
    fakes.receipts.set('tokc', open());
    fakes.captionsOutcome = { status: 'pending' };
    const res = await request(app)
      .post('/r/tokc/captions')
      .field('captionsLang', 'en')
      .field('transcript', 'I look after my dad.')
      .expect(303);
    expect(res.headers.location).toBe('/r/tokc?captions=pending&lang=en');
    expect(fakes.captions[0]).toMatchObject({ format: 'transcript', text: 'I look after my dad.' });
  });

  it('asks for a file or words when neither is given, and keeps the language chosen', async () => {
    fakes.receipts.set('tokc', open());
    const res = await request(app)
      .post('/r/tokc/captions?lang=cy')
      .field('captionsLang', 'en')
      .field('transcript', '   ')
      .expect(400);
    expect(res.text).toContain('Dewiswch ffeil capsiynau');
    expect(res.text).toMatch(/<input[^>]*name="captionsLang"[^>]*value="en"[^>]*checked/);
    expect(brokenSummaryLinks(res.text)).toEqual([]);
    expect(fakes.captions).toEqual([]);
  });

  it('refuses a file that is not SRT or WebVTT, and says when the service cannot read one', async () => {
    fakes.receipts.set('tokc', open());
    const odd = await request(app)
      .post('/r/tokc/captions')
      .attach('captionsFile', Buffer.from('hello'), 'notes.txt')
      .expect(400);
    expect(odd.text).toContain('must be an SRT or WebVTT file');
    fakes.captionsOutcome = new AppError('invalid_captions', 'no cues');
    const bad = await request(app)
      .post('/r/tokc/captions')
      .field('transcript', 'kept as typed')
      .attach('captionsFile', Buffer.from('1\nnonsense'), 'bad.srt')
      .expect(422);
    expect(bad.text).toContain('We could not read the captions in this file');
    expect(bad.text).toContain('kept as typed');
    expect(brokenSummaryLinks(bad.text)).toEqual([]);
  });

  it('says plainly when review has started meanwhile', async () => {
    fakes.receipts.set('tokc', open());
    fakes.captionsOutcome = new AppError('wrong_state', 'claimed');
    const res = await request(app)
      .post('/r/tokc/captions')
      .field('transcript', 'Hello there.')
      .expect(409);
    expect(res.text).toContain('our team has started to review your video');
  });
});

describe('after a resumable upload (issue 7)', () => {
  it('clears the consent answers cookie for the campaign, then shows the plain receipt', async () => {
    fakes.receipts.set('tokj', receipt());
    const res = await request(app).get('/r/tokj?sent=upload').expect(303);
    expect(res.headers.location).toBe('/r/tokj');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies).toEqual([
      expect.stringMatching(/^consent_answers=;.*Path=\/c\/demo;.*Expires=Thu, 01 Jan 1970/),
    ]);
    // Any other visit leaves the answers alone (a second video may be under way).
    const plain = await request(app).get('/r/tokj').expect(200);
    expect(plain.headers['set-cookie']).toBeUndefined();
  });
});
