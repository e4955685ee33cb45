import {
  exportsView,
  fieldErrorFor,
  formatDuration,
  pickerPage,
  playlistPage,
  sessionDay,
  sharesView,
} from './playlist-pages-view';
import type { PlaylistPageView } from './playlist-pages-deps';

const playlist: PlaylistPageView = {
  id: '11111111-1111-4111-8111-111111111111',
  campaign: 'demo',
  title: { en: 'Jury day', cy: '' },
  use: 'jury',
  date: '2027-03-14',
  notes: '',
  runningTimeSeconds: 75.2,
  changes: [
    {
      id: '1',
      at: '2027-03-01T10:00:00.000Z',
      kind: 'item_removed',
      reason: 'withdrawn',
      message: 'A clip was removed because the person who sent it withdrew their consent.',
    },
  ],
  items: [
    {
      id: 'a',
      submissionId: 's1',
      position: 0,
      intro: { en: 'Ann', cy: null },
      name: 'Ann',
      durationSeconds: 30,
      needsRecheck: false,
      playable: true,
    },
    {
      id: 'b',
      submissionId: 's2',
      position: 1,
      intro: { en: null, cy: null },
      name: null,
      durationSeconds: 45,
      needsRecheck: true,
      playable: false,
    },
  ],
};

describe('formatDuration', () => {
  it.each([
    [0, 'en', '0 s'],
    [null, 'en', '0 s'],
    [44.1, 'en', '45 s'],
    [75.2, 'en', '1 min 16 s'],
    [3725, 'en', '1 h 02 min'],
    [75, 'cy', '1 mun 15 eiliad'],
  ] as const)('%s seconds in %s is %s', (seconds, lang, text) => {
    expect(formatDuration(seconds, lang)).toBe(text);
  });
});

describe('sessionDay', () => {
  it('puts the day in words, or says there is none', () => {
    expect(sessionDay('2027-03-14', 'en')).toBe('14 March 2027');
    expect(sessionDay('2027-03-14', 'cy')).toBe('14 Mawrth 2027');
    expect(sessionDay(null, 'cy')).toBe('Dim dyddiad');
  });
});

describe('fieldErrorFor', () => {
  it('turns the API field names into the page fields, in the page language', () => {
    expect(fieldErrorFor('en', 'title.en', 'bad_request').href).toBe('#titleEn');
    expect(fieldErrorFor('cy', 'date', 'bad_request').text).toContain('er enghraifft 2027-03-14');
    expect(fieldErrorFor('en', 'intro.cy', 'bad_request').href).toBe('#introCy');
    expect(fieldErrorFor('en', '', 'campaign_not_found').href).toBe('#campaign');
    expect(fieldErrorFor('en', 'days', 'bad_request').text).toBe(
      'Enter a number of days from 1 to 90',
    );
  });
});

describe('playlistPage', () => {
  it('numbers the clips, offers only the moves that exist and says why a clip will not play', () => {
    const p = playlistPage('en', playlist, true);
    expect(p.items.map((i) => [i.number, i.canUp, i.canDown])).toEqual([
      [1, false, true],
      [2, true, false],
    ]);
    expect(p.items[1]?.name).toBe('Name not given');
    expect(p.items[1]?.problem).toContain('A new version is waiting for review');
    expect(p.items[0]?.downLabel).toBe('Move down: clip 1, Ann');
    expect(p.runningTime).toBe('1 min 16 s');
    expect(p.changes[0]?.text).toContain('withdrew their consent');
  });

  it('falls back to the other language for a missing title and offers no moves to viewers', () => {
    const p = playlistPage('cy', playlist, false);
    expect(p.title).toEqual({ text: 'Jury day', lang: 'en' });
    expect(p.items.some((i) => i.canUp || i.canDown)).toBe(false);
  });
});

describe('pickerPage', () => {
  it('says in words why a clip cannot be added, in English and Welsh', () => {
    const clips = [
      {
        submissionId: 's1',
        name: 'Ann',
        language: 'en',
        durationSeconds: 30,
        inPlaylist: false,
        eligible: false,
        reason: 'consent_scope' as const,
      },
      {
        submissionId: 's2',
        name: 'Bryn',
        language: 'cy',
        durationSeconds: 20,
        inPlaylist: true,
        eligible: true,
      },
    ];
    const en = pickerPage('en', playlist, clips);
    expect(en.rows.map((r) => [r.addable, r.status])).toEqual([
      [false, 'The person who sent this video did not agree to this use.'],
      [false, 'Already in the playlist'],
    ]);
    const cy = pickerPage('cy', playlist, clips);
    expect(cy.rows[0]?.status).not.toBe(en.rows[0]?.status);
    expect(cy.rows[1]?.language).toBe('Cymraeg');
  });
});

describe('sharesView and exportsView', () => {
  it('offers revoking only for a working link', () => {
    const now = new Date('2027-03-01T00:00:00Z');
    const rows = sharesView(
      'en',
      playlist.id,
      [
        {
          id: 'x',
          createdAt: '2027-02-01T10:00:00Z',
          expiresAt: '2027-04-01T10:00:00Z',
          revokedAt: null,
          lastUsedAt: null,
          live: true,
        },
        {
          id: 'y',
          createdAt: '2027-02-01T10:00:00Z',
          expiresAt: '2027-04-01T10:00:00Z',
          revokedAt: '2027-02-02T10:00:00Z',
          lastUsedAt: '2027-02-01T12:00:00Z',
          live: false,
        },
      ],
      now,
    );
    expect(
      rows.map((r) => [r.state, r.lastUsed === 'Never', r.revokeAction !== undefined]),
    ).toEqual([
      ['Working', true, true],
      ['Revoked', false, false],
    ]);
  });

  it('explains a deleted export and links only a ready one', () => {
    const base = {
      lang: 'cy' as const,
      height: 1080,
      progress: 0,
      createdAt: '2027-02-01T10:00:00Z',
    };
    const rows = exportsView('en', playlist.id, [
      { ...base, id: 'e1', status: 'deleted' },
      { ...base, id: 'e2', status: 'rendering', progress: 40 },
      { ...base, id: 'e3', status: 'ready', progress: 100 },
    ]);
    expect(rows[0]?.note).toBe(
      'Deleted because a clip in it was withdrawn. Request the export again.',
    );
    expect(rows[1]?.state).toBe('Being made (40%)');
    expect(rows[2]?.downloadHref).toBe(`/staff/playlists/${playlist.id}/exports/e3/download`);
    expect(rows[0]?.settings).toBe('Welsh captions, 1080p');
  });
});
