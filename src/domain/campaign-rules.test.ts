import { isCampaignOpen } from './campaign-rules';

const at = (s: string) => new Date(s);

describe('isCampaignOpen', () => {
  it.each([
    [null, null, '2026-01-01', true],
    ['2026-02-01', null, '2026-01-31', false],
    ['2026-02-01', null, '2026-02-01', true],
    [null, '2026-03-01', '2026-02-28', true],
    [null, '2026-03-01', '2026-03-01', false],
  ])('opens %s closes %s at %s → %s', (opens, closes, now, open) => {
    expect(
      isCampaignOpen(
        { opens_at: opens ? at(opens) : null, closes_at: closes ? at(closes) : null },
        at(now),
      ),
    ).toBe(open);
  });
});
