import { createUser } from '../src/db/users.queries';
import { startTestStack, type TestStack } from './support/stack';
import { seedClip, staffSession } from './support/playlist-clips';
import { findDemoCampaign } from './support/test-database';

/**
 * The facilitator's playlist pages over HTTP against the real app: plain forms only (no
 * script), in English and Welsh, calling the same services as the JSON API.
 */
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
let demoId: string;
const clips: Record<string, string> = {};

type Session = { cookie: string; csrf: string };
let facil: Session;
let mod: Session;

beforeAll(async () => {
  stack = await startTestStack();
  const db = stack.deps.db;
  demoId = (await findDemoCampaign(db)).id;
  await createUser(db, {
    email: 'pages-facil@example.org',
    role: 'facilitator',
    password: PASSWORD,
    campaignIds: [demoId],
  });
  await createUser(db, {
    email: 'pages-mod@example.org',
    role: 'moderator',
    password: PASSWORD,
    campaignIds: [demoId],
  });
  clips.ann = await seedClip(stack, { campaignId: demoId, name: 'Ann', seconds: 30 });
  clips.bryn = await seedClip(stack, { campaignId: demoId, name: 'Bryn', seconds: 45.2 });
  clips.cai = await seedClip(stack, { campaignId: demoId, name: 'Cai', escalated: true });
  facil = await staffSession(stack.baseUrl, 'pages-facil@example.org', PASSWORD);
  mod = await staffSession(stack.baseUrl, 'pages-mod@example.org', PASSWORD);
});
afterAll(() => stack.close());

const get = async (s: Session | undefined, path: string) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    headers: s ? { cookie: s.cookie } : {},
    redirect: 'manual',
  });
  return {
    status: res.status,
    location: res.headers.get('location') ?? '',
    html: await res.text(),
  };
};

const post = async (s: Session, path: string, fields: Record<string, string>) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      cookie: s.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      origin: stack.baseUrl,
    },
    body: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
    redirect: 'manual',
  });
  return {
    status: res.status,
    location: res.headers.get('location') ?? '',
    html: await res.text(),
  };
};

/** The clips' names in the order the playlist page lists them. */
const order = (html: string) =>
  [...html.matchAll(/class="app-playlist__number">[^<]*<\/span>: ([^<\n]+)/g)].map((m) =>
    (m[1] ?? '').trim(),
  );

const itemIds = (html: string) =>
  [...html.matchAll(/id="item-([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '');

async function newPlaylist(title = 'Jury day one'): Promise<string> {
  const res = await post(facil, '/staff/playlists', {
    campaign: 'demo',
    titleEn: title,
    titleCy: 'Diwrnod rheithgor un',
    use: 'jury',
    date: '2027-03-14',
    notes: 'Room 2',
  });
  expect(res.status).toBe(303);
  const id = /\/staff\/playlists\/([0-9a-f-]{36})/.exec(res.location)?.[1];
  expect(id).toBeDefined();
  return id ?? '';
}

describe('staff navigation', () => {
  it('shows each role only the links it may use', async () => {
    const f = await get(facil, '/staff/playlists');
    expect(f.status).toBe(200);
    expect(f.html).toContain('href="/staff/playlists"');
    expect(f.html).not.toContain('href="/staff/upload-on-behalf"');
    expect(f.html).not.toContain('href="/staff/admin/campaigns"');
    const m = await get(mod, '/staff/playlists');
    expect(m.html).toContain('href="/staff/upload-on-behalf"');
    expect(m.html).toContain('href="/staff/playlists"');
  });

  it('starts a facilitator, who has no review queue, at the playlists', async () => {
    const home = await get(facil, '/staff/?lang=cy');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/staff/playlists?lang=cy');
    expect((await get(mod, '/staff/')).status).toBe(200);
  });
});

describe('the playlist pages', () => {
  it('sends someone signed out to sign in and back', async () => {
    const res = await get(undefined, '/staff/playlists');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/staff/login?next=%2Fstaff%2Fplaylists');
  });

  it('creates a playlist, refusing a missing title with the field named', async () => {
    const bad = await post(facil, '/staff/playlists?lang=cy', {
      campaign: 'demo',
      titleEn: '',
      titleCy: 'Teitl',
      use: 'jury',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#titleEn"');
    expect(bad.html).toContain('Rhowch deitl yn Saesneg');
    const id = await newPlaylist('Listed playlist');
    const list = await get(facil, '/staff/playlists');
    expect(list.html).toContain('Listed playlist');
    expect(list.html).toContain(`/staff/playlists/${id}`);
    const page = await get(facil, `/staff/playlists/${id}?done=created`);
    expect(page.html).toContain('The playlist was created.');
    expect(page.html).toContain('Jury viewing');
    expect(page.html).toContain('14 March 2027');
  });

  it('lists clips in the picker with the reason an ineligible one cannot be added', async () => {
    const id = await newPlaylist();
    const en = await get(facil, `/staff/playlists/${id}/clips`);
    expect(en.html).toContain('This video has been escalated and is waiting for an admin.');
    expect(en.html).toContain('aria-label="Add Ann"');
    expect(en.html).not.toContain('aria-label="Add Cai"');
    const cy = await get(facil, `/staff/playlists/${id}/clips?lang=cy`);
    expect(cy.html).toContain('lang="cy"');
    expect(cy.html).toContain('Ychwanegu clipiau');
    // Posting the refused clip anyway answers with the reason, in the page's words.
    const refused = await post(facil, `/staff/playlists/${id}/items?lang=cy`, {
      submissionId: clips.cai ?? '',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(`href="#clip-${clips.cai}"`);
  });

  it('adds, reorders with the buttons and by position, sets an intro and removes', async () => {
    const id = await newPlaylist();
    for (const c of [clips.ann, clips.bryn]) {
      const res = await post(facil, `/staff/playlists/${id}/items`, { submissionId: c ?? '' });
      expect(res.status).toBe(303);
      expect(res.location).toContain('done=added');
    }
    let page = await get(facil, `/staff/playlists/${id}`);
    expect(order(page.html)).toEqual(['Ann', 'Bryn']);
    // 30 s + 45.2 s, rounded up.
    expect(page.html).toContain('Total running time: 1 min 16 s');
    // The list shows the same (every listed playlist's items are read in one query).
    const list = await get(facil, '/staff/playlists');
    const row = new RegExp(`href="/staff/playlists/${id}[^"]*"[\\s\\S]*?</tr>`).exec(list.html);
    expect(row?.[0]).toContain('1 min 16 s');
    const [annItem, brynItem] = itemIds(page.html);

    const down = await post(facil, `/staff/playlists/${id}/items/${annItem}/move?lang=en`, {
      direction: 'down',
    });
    expect(down.status).toBe(303);
    page = await get(facil, down.location.replace(/#.*$/, ''));
    expect(order(page.html)).toEqual(['Bryn', 'Ann']);
    expect(page.html).toContain('Clip Ann is now number 2 of 2.');
    expect(page.html).toMatch(/role="status" aria-live="polite">Clip Ann is now number 2 of 2./);

    // Drag and drop posts the same form with a position.
    const drop = await post(facil, `/staff/playlists/${id}/items/${annItem}/move`, {
      position: '0',
    });
    expect(drop.status).toBe(303);
    page = await get(facil, `/staff/playlists/${id}`);
    expect(order(page.html)).toEqual(['Ann', 'Bryn']);

    const tooLong = await post(facil, `/staff/playlists/${id}/items/${brynItem}/intro`, {
      introEn: 'x'.repeat(141),
      introCy: '',
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain(`href="#introEn-${brynItem}"`);
    const intro = await post(facil, `/staff/playlists/${id}/items/${brynItem}/intro`, {
      introEn: 'Bryn cares for his father.',
      introCy: 'Mae Bryn yn gofalu am ei dad.',
    });
    expect(intro.status).toBe(303);
    page = await get(facil, `/staff/playlists/${id}`);
    expect(page.html).toContain('<span lang="cy">Mae Bryn yn gofalu am ei dad.</span>');

    const removed = await post(facil, `/staff/playlists/${id}/items/${annItem}/remove`, {});
    expect(removed.status).toBe(303);
    page = await get(facil, `/staff/playlists/${id}`);
    expect(order(page.html)).toEqual(['Bryn']);
  });

  it('edits the details and refuses a date that is not one', async () => {
    const id = await newPlaylist();
    const bad = await post(facil, `/staff/playlists/${id}`, {
      titleEn: 'Jury day two',
      titleCy: 'Diwrnod rheithgor dau',
      date: '14/03/2027',
      notes: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#date"');
    expect(bad.html).toContain('value="14/03/2027"');
    const ok = await post(facil, `/staff/playlists/${id}`, {
      titleEn: 'Jury day two',
      titleCy: 'Diwrnod rheithgor dau',
      date: '',
      notes: 'Moved rooms',
    });
    expect(ok.status).toBe(303);
    const cy = await get(facil, `/staff/playlists/${id}?lang=cy`);
    expect(cy.html).toContain('Diwrnod rheithgor dau');
    expect(cy.html).toContain('Dim dyddiad');
  });

  it('shows a share link once, lists it with its last use, and revokes it', async () => {
    const id = await newPlaylist();
    const shared = await post(facil, `/staff/playlists/${id}/shares`, { days: '7' });
    expect(shared.status).toBe(200);
    const url = /value="([^"]*\/watch\/[^"]+)"/.exec(shared.html)?.[1];
    expect(url).toMatch(/^http:\/\/[^/]+\/watch\/[A-Za-z0-9_-]+$/);
    let page = await get(facil, `/staff/playlists/${id}`);
    expect(page.html).not.toContain(url ?? 'no url');
    expect(page.html).toContain('Never');
    expect(page.html).toContain('Working');
    const revoke = /action="(\/staff\/playlists\/[^"]+\/revoke[^"]*)"/.exec(page.html)?.[1];
    expect(revoke).toBeDefined();
    const res = await post(facil, (revoke ?? '').replace(/&amp;/g, '&'), {});
    expect(res.status).toBe(303);
    page = await get(facil, `/staff/playlists/${id}`);
    expect(page.html).toContain('Revoked');
    const tooLong = await post(facil, `/staff/playlists/${id}/shares`, { days: '400' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('href="#days"');
  });

  it('requests an export, shows its progress, and says why a deleted one went', async () => {
    const id = await newPlaylist();
    const empty = await post(facil, `/staff/playlists/${id}/exports`, {
      lang: 'cy',
      height: '1080',
    });
    expect(empty.status).toBe(409);
    expect(empty.html).toContain('Add clips that can play before requesting an export');
    await post(facil, `/staff/playlists/${id}/items`, { submissionId: clips.ann ?? '' });
    const ok = await post(facil, `/staff/playlists/${id}/exports`, { lang: 'cy', height: '1080' });
    expect(ok.status).toBe(303);
    let page = await get(facil, `/staff/playlists/${id}`);
    expect(page.html).toContain('Welsh captions, 1080p');
    expect(page.html).toMatch(/Waiting \(0%\)|Being made \(\d+%\)/);
    await stack.deps.db
      .updateTable('playlist_exports')
      .set({ status: 'deleted', failure_reason: 'withdrawn' })
      .where('playlist_id', '=', id)
      .execute();
    page = await get(facil, `/staff/playlists/${id}`);
    expect(page.html).toContain('Deleted because a clip in it was withdrawn.');
  });

  it('lets a moderator look but not change anything', async () => {
    const id = await newPlaylist();
    const page = await get(mod, `/staff/playlists/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Move up');
    expect(page.html).not.toContain('Create a share link');
    expect(page.html).not.toContain('playlist-order.js');
    const refused = await post(mod, '/staff/playlists', { campaign: 'demo' });
    expect(refused.status).toBe(403);
  });
});
