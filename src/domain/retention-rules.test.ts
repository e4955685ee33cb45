import {
  campaignDateBounds,
  campaignsDueForRetention,
  checkCampaignDates,
  countByStatus,
  escalationAtRetention,
  isRetentionDue,
  parseIsoDay,
} from './retention-rules';

const campaign = (retentionUntil: string | null, heldSubmissions = 3) => ({
  id: 'c',
  slug: 'c',
  retentionUntil,
  heldSubmissions,
});

describe('isRetentionDue', () => {
  it.each([
    ['no retention date', null, 5, '2027-01-01T12:00:00Z', false],
    ['before the day', '2026-12-31', 5, '2026-12-30T23:59:59Z', false],
    ['on the day itself (still kept)', '2026-12-31', 5, '2026-12-31T23:59:59Z', false],
    ['the day after', '2026-12-31', 5, '2027-01-01T00:00:00Z', true],
    ['long after', '2020-01-01', 1, '2026-12-04T09:00:00Z', true],
    ['after, but nothing held any more', '2020-01-01', 0, '2026-12-04T09:00:00Z', false],
  ])('%s', (_label, until, held, now, due) => {
    expect(isRetentionDue(campaign(until, held), new Date(now))).toBe(due);
  });

  it('picks only the campaigns that are due', () => {
    const list = [
      { ...campaign('2026-01-01'), slug: 'old' },
      { ...campaign('2030-01-01'), slug: 'future' },
      { ...campaign(null), slug: 'unset' },
    ];
    expect(
      campaignsDueForRetention(list, new Date('2026-06-01T00:00:00Z')).map((c) => c.slug),
    ).toEqual(['old']);
  });
});

describe('countByStatus', () => {
  it('tallies final statuses', () => {
    expect(countByStatus(['approved', 'rejected', 'approved', 'withdrawn'])).toEqual({
      approved: 2,
      rejected: 1,
      withdrawn: 1,
    });
    expect(countByStatus([])).toEqual({});
  });
});

describe('parseIsoDay', () => {
  it.each([
    ['2026-02-28', '2026-02-28'],
    ['2024-02-29', '2024-02-29'],
    ['2026-02-30', undefined],
    ['2026-2-3', undefined],
    ['yesterday', undefined],
    ['2026-12-31T00:00:00Z', undefined],
  ])('%s', (input, expected) => {
    expect(parseIsoDay(input)).toBe(expected);
  });
});

describe('checkCampaignDates', () => {
  it('accepts empty fields as "not set"', () => {
    expect(checkCampaignDates({ opensAt: '', closesAt: ' ', retentionUntil: '' })).toEqual({
      ok: true,
      dates: { opensAt: null, closesAt: null, retentionUntil: null },
    });
  });

  it.each([
    [
      { opensAt: '2026-13-01', closesAt: '', retentionUntil: 'soon' },
      [
        { field: 'opensAt', code: 'invalid_date' },
        { field: 'retentionUntil', code: 'invalid_date' },
      ],
    ],
    [
      { opensAt: '2026-05-02', closesAt: '2026-05-01', retentionUntil: '' },
      [{ field: 'closesAt', code: 'closes_before_opens' }],
    ],
    [
      { opensAt: '', closesAt: '2026-05-01', retentionUntil: '2026-04-30' },
      [{ field: 'retentionUntil', code: 'retention_before_close' }],
    ],
    [
      { opensAt: '', closesAt: '', retentionUntil: '2027-01-01' },
      [{ field: 'retentionUntil', code: 'retention_needs_close' }],
    ],
  ])('refuses %j', (input, errors) => {
    expect(checkCampaignDates(input)).toEqual({ ok: false, errors });
  });

  it('accepts a one-day campaign kept until the day it closes', () => {
    const r = checkCampaignDates({
      opensAt: '2026-05-01',
      closesAt: '2026-05-01',
      retentionUntil: '2026-05-01',
    });
    expect(r.ok).toBe(true);
  });
});

describe('campaignDateBounds', () => {
  it('opens at the start of its day and closes at the end of its day (UTC)', () => {
    expect(
      campaignDateBounds({ opensAt: '2026-05-01', closesAt: '2026-05-31', retentionUntil: null }),
    ).toEqual({
      opensAt: new Date('2026-05-01T00:00:00Z'),
      closesAt: new Date('2026-06-01T00:00:00Z'),
    });
    expect(campaignDateBounds({ opensAt: null, closesAt: null, retentionUntil: null })).toEqual({
      opensAt: null,
      closesAt: null,
    });
  });
});

describe('escalationAtRetention', () => {
  it.each([
    ['an open escalation holds its submission back', null, 'hold_submission'],
    [
      'a closed one is kept, its concern cleared',
      new Date('2026-03-01T10:00:00Z'),
      'keep_stripped',
    ],
  ])('%s', (_label, closedAt, action) => {
    expect(escalationAtRetention({ closedAt })).toBe(action);
  });
});
