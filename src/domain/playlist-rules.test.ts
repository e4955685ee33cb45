import {
  checkEligibility,
  clipFactsOf,
  itemPlayable,
  moveItem,
  positionChanges,
  runningTimeSeconds,
  titleLinesFor,
  type ClipFacts,
  type PlaylistFacts,
} from './playlist-rules';

const playlist: PlaylistFacts = { campaignId: 'c1', use: 'jury' };
const clip: ClipFacts = {
  campaignId: 'c1',
  status: 'approved',
  escalated: false,
  scopes: ['jury'],
  consentWithdrawn: false,
};

describe('checkEligibility', () => {
  it.each<[string, Partial<ClipFacts>, PlaylistFacts['use'], ReturnType<typeof checkEligibility>]>([
    ['an approved jury clip for a jury playlist', {}, 'jury', { eligible: true }],
    [
      'a clip with every scope for a public playlist',
      { scopes: ['jury', 'livestream', 'public'] },
      'public',
      { eligible: true },
    ],
    [
      'a jury-only clip for a livestream',
      {},
      'livestream',
      { eligible: false, reason: 'consent_scope' },
    ],
    [
      'a livestream clip for a public playlist',
      { scopes: ['jury', 'livestream'] },
      'public',
      { eligible: false, reason: 'consent_scope' },
    ],
    [
      'a clip of another campaign',
      { campaignId: 'c2' },
      'jury',
      { eligible: false, reason: 'other_campaign' },
    ],
    [
      'a withdrawn clip',
      { status: 'withdrawn', scopes: [] },
      'jury',
      { eligible: false, reason: 'withdrawn' },
    ],
    [
      'an approved clip whose consent row says withdrawn',
      { consentWithdrawn: true },
      'jury',
      { eligible: false, reason: 'withdrawn' },
    ],
    [
      'a clip awaiting review',
      { status: 'awaiting_review' },
      'jury',
      { eligible: false, reason: 'not_approved' },
    ],
    [
      'a rejected clip',
      { status: 'rejected' },
      'jury',
      { eligible: false, reason: 'not_approved' },
    ],
    [
      'a new version being processed',
      { status: 'processing' },
      'jury',
      { eligible: false, reason: 'not_approved' },
    ],
    [
      'an escalated clip',
      { status: 'awaiting_review', escalated: true },
      'jury',
      { eligible: false, reason: 'escalated' },
    ],
    [
      'withdrawal beats every other reason',
      { status: 'withdrawn', escalated: true, scopes: [] },
      'public',
      { eligible: false, reason: 'withdrawn' },
    ],
    [
      'state beats consent scope',
      { status: 'awaiting_review' },
      'public',
      { eligible: false, reason: 'not_approved' },
    ],
  ])('%s', (_name, patch, use, expected) => {
    expect(checkEligibility({ ...clip, ...patch }, { ...playlist, use })).toEqual(expected);
  });
});

describe('moveItem', () => {
  const order = ['a', 'b', 'c', 'd'];
  it.each<[string, Parameters<typeof moveItem>[2], string, string[] | undefined]>([
    ['up by one', { direction: 'up' }, 'c', ['a', 'c', 'b', 'd']],
    ['down by one', { direction: 'down' }, 'b', ['a', 'c', 'b', 'd']],
    ['the first item up stays first', { direction: 'up' }, 'a', ['a', 'b', 'c', 'd']],
    ['the last item down stays last', { direction: 'down' }, 'd', ['a', 'b', 'c', 'd']],
    ['to the start', { position: 0 }, 'd', ['d', 'a', 'b', 'c']],
    ['to the end', { position: 3 }, 'a', ['b', 'c', 'd', 'a']],
    ['past the end is clamped', { position: 99 }, 'b', ['a', 'c', 'd', 'b']],
    ['before the start is clamped', { position: -4 }, 'c', ['c', 'a', 'b', 'd']],
    ['to where it is already', { position: 2 }, 'c', ['a', 'b', 'c', 'd']],
    ['an item no longer there', { direction: 'up' }, 'z', undefined],
  ])('%s', (_name, move, id, expected) => {
    const out = moveItem(order, id, move);
    expect(out).toEqual(expected);
    if (out) expect([...out].sort()).toEqual([...order].sort()); // nothing lost or doubled
  });
});

describe('positionChanges', () => {
  it('lists only the items whose position changes, closing gaps', () => {
    const current = [
      { id: 'a', position: 0 },
      { id: 'c', position: 2 },
      { id: 'd', position: 3 },
    ];
    expect(positionChanges(current, ['a', 'd', 'c'])).toEqual([{ id: 'd', position: 1 }]);
    expect(positionChanges(current, ['a', 'c', 'd'])).toEqual([
      { id: 'c', position: 1 },
      { id: 'd', position: 2 },
    ]);
    expect(positionChanges(current, ['a'])).toEqual([]);
  });
});

describe('runningTimeSeconds', () => {
  it.each<[string, Parameters<typeof runningTimeSeconds>[0], number]>([
    ['nothing', [], 0],
    [
      'playable clips, rounded up',
      [
        { durationSeconds: 10.2, playable: true },
        { durationSeconds: 5.1, playable: true },
      ],
      16,
    ],
    [
      'skips clips waiting for re-check and unknown durations',
      [
        { durationSeconds: 30, playable: true },
        { durationSeconds: 40, playable: false },
        { durationSeconds: null, playable: true },
      ],
      30,
    ],
    ['an exact whole number stays', [{ durationSeconds: 12, playable: true }], 12],
  ])('%s', (_name, items, expected) => {
    expect(runningTimeSeconds(items)).toBe(expected);
  });
});

describe('titleLinesFor', () => {
  it.each<[string, { en: string | null; cy: string | null }, 'en' | 'cy', string | null, string[]]>(
    [
      ['intro and name', { en: 'Mornings', cy: 'Boreau' }, 'cy', 'Sam', ['Boreau', 'Sam']],
      ['no intro', { en: null, cy: null }, 'en', 'Sam', ['Sam']],
      [
        'falls back to the other language',
        { en: 'Mornings', cy: ' ' },
        'cy',
        'Sam',
        ['Mornings', 'Sam'],
      ],
      ['no name left (withdrawn)', { en: 'Mornings', cy: null }, 'en', null, ['Mornings']],
    ],
  )('%s', (_name, intro, lang, name, expected) => {
    expect(titleLinesFor(intro, lang, name)).toEqual(expected);
  });
});

describe('itemPlayable', () => {
  const row = {
    campaign_id: 'c1',
    status: 'approved' as const,
    escalated_at: null,
    scopes: ['jury'],
    withdrawn_at: null,
    needs_recheck: false,
  };
  const jury = { campaign_id: 'c1', use: 'jury' as const };
  const at = new Date('2026-01-01T00:00:00Z');

  it('reads the eligibility facts from a row', () => {
    expect(clipFactsOf({ ...row, scopes: null, escalated_at: at, withdrawn_at: at })).toEqual({
      campaignId: 'c1',
      status: 'approved',
      escalated: true,
      scopes: [],
      consentWithdrawn: true,
    });
  });

  it.each([
    ['an eligible item', row, jury, true],
    ['an item waiting for re-check', { ...row, needs_recheck: true }, jury, false],
    ['a withdrawn clip', { ...row, withdrawn_at: at }, jury, false],
    ['an escalated clip', { ...row, escalated_at: at }, jury, false],
    ['a clip not approved', { ...row, status: 'awaiting_review' as const }, jury, false],
    ['a clip without the scope', row, { ...jury, use: 'public' as const }, false],
    ['a clip from another campaign', row, { ...jury, campaign_id: 'c2' }, false],
  ])('%s: %p', (_, item, playlist, playable) => {
    expect(itemPlayable(item, playlist)).toBe(playable);
  });
});
