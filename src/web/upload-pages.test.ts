import { createHash } from 'node:crypto';
import request from 'supertest';
import { AppError } from '../domain/errors';
import { govukTemplateScriptCspSource } from './router';
import { DRAFT_COOKIE } from './consent-steps-draft';
import {
  appWith,
  brokenSummaryLinks,
  campaign,
  fakeDeps,
  unlabelledControls,
  type Fakes,
} from './test-support';

// A complete set of answers, as the steps leave them in their cookie.
const draft = Buffer.from(
  JSON.stringify({
    scope: ['jury'],
    sendingFor: 'self',
    over18: 'yes',
    othersAppear: 'no',
    healthDetailsAgreed: 'yes',
    displayName: 'Sam',
  }),
).toString('base64url');

let fakes: Fakes;
let app: ReturnType<typeof appWith>;

beforeEach(() => {
  fakes = fakeDeps();
  app = appWith(fakes.deps);
});

/** Posts the form as a browser would: text fields first, then the file. */
const postForm = (path = '/c/demo?lang=en', transcript = '') =>
  request(app)
    .post(path)
    .field('campaign', 'demo')
    .field('statementVersion', '3')
    .field('language', 'en')
    .field('scope', 'jury')
    .field('scope', 'public')
    .field('othersAppear', 'yes')
    .field('othersConsented', 'yes')
    .field('displayName', "Sam's mum & <me>")
    .field('transcript', transcript)
    .attach('video', Buffer.from('not really a video'), 'clip.mp4');

describe('GET /c/:campaign', () => {
  it('shows the upload page in English by default', async () => {
    const res = await request(app).get('/c/demo').expect(200);
    expect(res.text).toContain('<html lang="en"');
    expect(res.text).toContain('Caring in Gwynedd');
    expect(res.text).toContain('Who will see your video');
    expect(res.text).toContain('href="/c/demo/consent/uses"');
    expect(res.text).toMatch(/<a [^>]*href="\/c\/demo\?lang=cy"[^>]*>Cymraeg/);
    expect(res.text).not.toContain('GDS Transport');
  });

  it('shows Welsh with ?lang=cy, remembers it in a cookie, and links back to English', async () => {
    const res = await request(app).get('/c/demo?lang=cy').expect(200);
    expect(res.text).toContain('<html lang="cy"');
    expect(res.text).toContain('Gofalu yng Ngwynedd');
    expect(res.text).toContain('Dechrau nawr');
    expect(res.text).toMatch(/<a [^>]*href="\/c\/demo\?lang=en"[^>]*>English/);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^lang=cy;.*HttpOnly/);

    const again = await request(app).get('/c/demo').set('Cookie', 'lang=cy').expect(200);
    expect(again.text).toContain('<html lang="cy"');
  });

  it('takes the language from Accept-Language when nothing else says', async () => {
    const res = await request(app)
      .get('/c/demo')
      .set('Accept-Language', 'cy-GB,cy;q=0.9,en;q=0.5')
      .expect(200);
    expect(res.text).toContain('<html lang="cy"');
  });

  it('has an upload step with the answers as hidden fields before the file, and labels', async () => {
    const res = await request(app)
      .get('/c/demo/upload')
      .set('Cookie', `${DRAFT_COOKIE}=${draft}`)
      .expect(200);
    const form = /<form[\s\S]*<\/form>/.exec(res.text)?.[0] ?? '';
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain('name="statementVersion" value="3"');
    expect(form).toContain('name="language" value="en"');
    expect(form).toContain('accept="video/*,audio/*"');
    const names = [...form.matchAll(/<(?:input|textarea)[^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(names.at(-1)).toBe('video');
    expect(names).toEqual(expect.arrayContaining(['scope', 'othersAppear', 'displayName']));
    expect(unlabelledControls(res.text)).toEqual([]);
    // No inline script: the client's settings are a JSON data block.
    expect(res.text).toMatch(/<script type="application\/json" id="upload-config">\{/);
  });

  it('sends someone without answers back to the first question', async () => {
    const res = await request(app).get('/c/demo/upload').expect(303);
    expect(res.headers.location).toBe('/c/demo/consent/uses');
  });

  it('says when a campaign is closed, and 404s an unknown one', async () => {
    const closed = await request(app).get('/c/closed').expect(200);
    expect(closed.text).toContain('This campaign is closed');
    expect(closed.text).not.toContain('<form');
    await request(app).get('/c/closed/consent/uses').expect(200);
    await request(app).get('/c/demo/consent/nope').expect(404);
    const missing = await request(app).get('/c/nope?lang=cy').expect(404);
    expect(missing.text).toContain('Heb ddod o hyd i&#39;r dudalen');
  });
});

describe('POST /c/:campaign', () => {
  it('redirects to the receipt when the upload is accepted', async () => {
    fakes.uploadOutcome = { token: 'tok/with?odd' };
    const res = await postForm().expect(303);
    expect(res.headers.location).toBe('/r/tok%2Fwith%3Fodd');
  });

  it('shows the upload step again with a linked summary, keeping the answers and the words', async () => {
    fakes.uploadOutcome = new AppError('too_large', 'big');
    const res = await postForm(undefined, 'Bore da <3').expect(413);
    expect(res.text).toContain('<title>Error: Send your video');
    expect(res.text).toContain('There is a problem');
    expect(res.text).toMatch(/<a href="#video">\s*The file is too big/);
    expect(brokenSummaryLinks(res.text)).toEqual([]);
    expect(res.text).toContain('name="displayName" value="Sam&#39;s mum &amp; &lt;me&gt;"');
    expect(res.text).toContain('Bore da &lt;3');
    // The file cannot be kept: say so.
    expect(res.text).toContain('You need to choose your file again');
    expect(unlabelledControls(res.text)).toEqual([]);
  });

  it('links a consent problem to the check-your-answers page', async () => {
    fakes.uploadOutcome = new AppError('invalid_consent', 'bad', { field: 'othersConsented' });
    const res = await postForm().expect(400);
    expect(res.text).toMatch(/<a href="\/c\/demo\/check">\s*Check your answers about how/);
  });

  it('links a file problem to the file field, in Welsh when the form was Welsh', async () => {
    fakes.uploadOutcome = new AppError('unsupported_type', 'nope');
    const res = await postForm('/c/demo?lang=cy').expect(415);
    expect(res.text).toContain('<html lang="cy"');
    expect(res.text).toContain('Mae problem wedi codi');
    expect(res.text).toMatch(/<a href="#video">\s*Nid fideo na recordiad sain/);
    expect(res.text).toContain('<span class="govuk-visually-hidden">Gwall:</span>');
    expect(brokenSummaryLinks(res.text)).toEqual([]);
  });

  it('uses the catalogue for errors without a field, and never shows a stack', async () => {
    fakes.uploadOutcome = new AppError('dependency_down', 'redis is down at line 42');
    const res = await postForm().expect(503);
    expect(res.text).toContain('The service is having problems right now.');
    expect(res.text).not.toContain('line 42');
  });

  it('shows the closed page if the campaign closed while the form was open', async () => {
    fakes.uploadOutcome = new AppError('campaign_closed', 'closed');
    const res = await postForm().expect(409);
    expect(res.text).toContain('This campaign is closed');
  });
});

describe('assets', () => {
  it('serves our compiled stylesheet with a long cache and no GOV.UK typeface or crown', async () => {
    const page = await request(app).get('/c/demo');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)?.[1] ?? '';
    expect(href).toMatch(/^\/assets\/app\.css\?v=\w+$/);
    const css = await request(app).get(href).expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(css.headers['cache-control']).toContain('max-age=31536000');
    expect(css.text).toContain('system-ui');
    expect(css.text).toContain('#0b5e55');
    expect(css.text).not.toMatch(/GDS Transport|@font-face|govuk-crest|govuk-crown/);
  });

  it('serves GOV.UK Frontend JS and our start-up module; pages need neither', async () => {
    const js = await request(app).get('/assets/govuk-frontend.min.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const init = await request(app).get('/assets/init.js').expect(200);
    expect(init.text).toContain('initAll()');
    await request(app).get('/assets/images/govuk-crest.svg').expect(404);
    await request(app).get('/assets/fonts/bold-affa96571d-v2.woff').expect(404);
  });

  it("names the CSP hash of the template's inline script, matching what pages carry", async () => {
    const page = await request(app).get('/c/demo');
    const inline = /<script>([^<]*)<\/script>/.exec(page.text)?.[1] ?? 'missing';
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(govukTemplateScriptCspSource()).toBe(`'sha256-${hash}'`);
  });
});

describe('the consent steps (issue 7)', () => {
  it('asks one question a page, keeps answers in a cookie, and links errors to fields', async () => {
    const agent = request.agent(app);
    const empty = await agent
      .post('/c/demo/consent/uses?lang=en')
      .type('form')
      .send('')
      .expect(400);
    expect(empty.text).toContain('<title>Error: What can we use your video for?');
    expect(brokenSummaryLinks(empty.text)).toEqual([]);
    expect(unlabelledControls(empty.text)).toEqual([]);
    await agent
      .post('/c/demo/consent/uses')
      .type('form')
      .send('scope=jury&scope=public')
      .expect(303)
      .expect('Location', '/c/demo/consent/for-whom');
    const again = await agent.get('/c/demo/consent/uses').expect(200);
    expect(again.text).toMatch(/value="public" checked/);
  });

  it('saves what was typed when switching language and shows the same question', async () => {
    const agent = request.agent(app);
    await agent
      .post('/c/demo/consent/name?lang=en')
      .type('form')
      .send('displayName=Gwen&switchLang=cy')
      .expect(303)
      .expect('Location', '/c/demo/consent/name?lang=cy');
    const cy = await agent.get('/c/demo/consent/name?lang=cy').expect(200);
    expect(cy.text).toContain('<html lang="cy"');
    expect(cy.text).toContain('value="Gwen"');
  });

  it('returns to check your answers after a change, via any question it opened', async () => {
    const agent = request.agent(app).set('Cookie', `${DRAFT_COOKIE}=${draft}`);
    await agent.get('/c/demo/check').expect(200);
    const opened = await agent
      .post('/c/demo/consent/for-whom?change=1')
      .type('form')
      .send('sendingFor=other')
      .expect(400);
    expect(opened.text).toContain('href="#onBehalfRelationship"');
  });

  it('shows how long videos are kept when the campaign says', async () => {
    fakes.deps.getCampaign = async () => ({ ...campaign, retentionUntil: new Date('2027-03-31') });
    const res = await request(app).get('/c/demo/consent/health').expect(200);
    expect(res.text).toContain('We keep your video until 31 March 2027, then delete it.');
  });
});
