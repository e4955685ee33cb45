import { sql } from 'kysely';
import request from 'supertest';
import { seedJurorPlaylist, type SeededPlaylist } from './support/juror-playlist';
import { startTestStack, type TestStack } from './support/stack';

/**
 * The juror's page (/watch/{token}) against the real app: clips in order, the player's tracks
 * with the page language's captions on, a transcript without JavaScript, headers that keep the
 * token private, and a clear page (never a stack trace) once the link is revoked or expired.
 */
let stack: TestStack;
let seeded: SeededPlaylist;

beforeAll(async () => {
  stack = await startTestStack();
  seeded = await seedJurorPlaylist(stack, [
    {
      name: 'Carer in Gwynedd',
      intro: { en: 'About mornings', cy: 'Am y boreau' },
      captions: ['en', 'cy'],
    },
    { name: 'Sam', intro: { en: 'Nights' }, captions: ['en'] },
  ]);
});
afterAll(() => stack.close());

const page = (path: string) => request(stack.baseUrl).get(path);
// The templates escape apostrophes, which Welsh uses a lot.
const words = (html: string) => html.replace(/&#39;/g, "'");
const items = () => seeded.itemIds;

describe('a live share link', () => {
  it('lists the clips in order with their intros, names and lengths', async () => {
    const res = await page(`/watch/${seeded.token}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Session one');
    const first = res.text.indexOf('About mornings');
    const second = res.text.indexOf('Nights');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(res.text).toContain('Shared by Carer in Gwynedd');
    expect(res.text).toContain('Shared by Sam');
    expect(res.text).toContain(`href="/watch/${seeded.token}?item=2#player"`);
    expect(res.text).toContain('<time datetime="PT5S">0:05</time>');
  });

  it('keeps the token private: no caching, no referrer, no indexing', async () => {
    const res = await page(`/watch/${seeded.token}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('plays media only through the proxy, with a track per language and English on', async () => {
    const res = await page(`/watch/${seeded.token}?lang=en`);
    const base = `/api/v1/watch/${seeded.token}/items/${items()[0]}`;
    expect(res.text).toContain(`src="${base}/720p.mp4"`);
    expect(res.text).toMatch(
      new RegExp(
        `<track kind="captions" src="${base}/captions.en.vtt" srclang="en" label="English" default>`,
      ),
    );
    expect(res.text).toMatch(
      new RegExp(
        `<track kind="captions" src="${base}/captions.cy.vtt" srclang="cy" label="Cymraeg">`,
      ),
    );
    // No storage address of any kind reaches the page.
    expect(res.text).not.toContain(stack.s3.endpoint);
    expect(res.text).not.toMatch(/X-Amz-|s3rver|:\/\/[^"]*\/media\//);
    // The English transcript, from the VTT on the server.
    expect(res.text).toContain('Every morning I help my mum get out of bed.');
    expect(res.text).toContain(`href="/watch/${seeded.token}?item=1&amp;at=2#player"`);
    // The page's own script, from our origin.
    expect(res.text).toMatch(/<script src="\/c-static\/watch\.js\?v=[0-9a-f]+" defer><\/script>/);
    const js = await page(res.text.match(/\/c-static\/watch\.js\?v=[0-9a-f]+/)![0]);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('in Welsh: Welsh words, the Welsh track on and a Welsh transcript', async () => {
    const res = await page(`/watch/${seeded.token}?lang=cy`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="cy"');
    expect(res.text).toContain('Sesiwn un');
    expect(res.text).toContain('Clip 1 o 2');
    expect(res.text).toContain('Am y boreau');
    expect(res.text).toContain('Trawsgrifiad');
    expect(words(res.text)).toContain("Wedi'i rannu gan Carer in Gwynedd");
    expect(res.text).toMatch(/srclang="cy" label="Cymraeg" default>/);
    expect(res.text).not.toMatch(/srclang="en" label="English" default>/);
    expect(res.text).toContain('Bob bore rwy’n helpu fy mam i godi.');
  });

  it('puts the second clip in the player with ?item=2, saying its captions are English only', async () => {
    const res = await page(`/watch/${seeded.token}?item=2&lang=cy`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Clip 2 o 2');
    expect(res.text).toContain(`src="/api/v1/watch/${seeded.token}/items/${items()[1]}/720p.mp4"`);
    expect(res.text).toMatch(/srclang="en" label="English" default>/);
    expect(words(res.text)).toContain("Yn Saesneg yn unig mae'r capsiynau ar gyfer y clip hwn.");
    // No Welsh intro: the English one shows, marked as English.
    expect(res.text).toMatch(/lang="en">Nights</);
    expect(res.text).toMatch(/<ol class="app-transcript__list" id="transcript" [^>]*lang="en">/);
    expect(res.text).toContain('Every morning I help my mum get out of bed.');
  });

  it('refuses a clip number the playlist does not have', async () => {
    const res = await page(`/watch/${seeded.token}?item=3&lang=en`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('This link is not working');
  });
});

describe('a link that no longer works', () => {
  it('shows the same clear page for a token that never existed, in English and Welsh', async () => {
    const en = await page('/watch/' + 'x'.repeat(43) + '?lang=en');
    expect(en.status).toBe(404);
    expect(en.headers['cache-control']).toBe('no-store');
    expect(en.text).toContain('This link is not working');
    expect(en.text).toContain('Ask the person who sent you the link for a new one.');
    const cy = await page('/watch/not-a-token?lang=cy');
    expect(cy.status).toBe(404);
    expect(words(cy.text)).toContain("Dyw'r ddolen hon ddim yn gweithio");
  });

  it('stops the page and its media at once when the link is revoked', async () => {
    const own = await seedJurorPlaylist(stack, [{ name: 'Alex', captions: ['cy'] }]);
    const media = `/api/v1/watch/${own.token}/items/${own.itemIds[0]}/captions.cy.vtt`;
    expect((await page(`/watch/${own.token}`)).status).toBe(200);
    expect((await page(media)).status).toBe(200);
    const revoke = await own.call('DELETE', `/playlists/${own.playlistId}/shares/${own.shareId}`);
    expect(revoke.status).toBeLessThan(300);
    const gone = await page(`/watch/${own.token}?lang=en`);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('This link is not working');
    expect(gone.text).not.toMatch(/at .*\.ts:\d+|Error:/);
    expect((await page(media)).status).toBe(404);
  });

  it('shows the clear page once the link has expired', async () => {
    const own = await seedJurorPlaylist(stack, [{ name: 'Bea', captions: ['en'] }]);
    await sql`update link_tokens set expires_at = now() - interval '1 second' where id = ${own.shareId}`.execute(
      stack.deps.db,
    );
    const res = await page(`/watch/${own.token}?lang=cy`);
    expect(res.status).toBe(404);
    expect(words(res.text)).toContain("Dyw'r ddolen hon ddim yn gweithio");
    expect((await page(`/api/v1/watch/${own.token}`)).status).toBe(404);
  });
});
