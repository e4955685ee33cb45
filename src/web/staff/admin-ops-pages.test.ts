import { formatBytes } from './admin-ops-pages';

describe('formatBytes', () => {
  it.each([
    [0, 'en', '0 B'],
    [999, 'en', '999 B'],
    [1_000, 'en', '1 KB'],
    [146_675, 'en', '147 KB'],
    [20_800_000, 'en', '20.8 MB'],
    [1_500_000_000, 'en', '1.5 GB'],
    [2_000_000_000_000_000, 'en', '2,000 TB'],
    [1_500_000_000, 'cy', '1.5 GB'],
  ] as const)('%d in %s is %s', (bytes, lang, text) => {
    expect(formatBytes(bytes, lang)).toBe(text);
  });
});
