import { langFromAcceptLanguage, switchHref } from './language';

describe('langFromAcceptLanguage', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['fr-FR,de;q=0.8', undefined],
    ['cy', 'cy'],
    ['cy-GB,cy;q=0.9,en-GB;q=0.8', 'cy'],
    ['en-GB,en;q=0.9,cy;q=0.8', 'en'],
    ['fr,cy;q=0.4,en;q=0.7', 'en'],
    ['en;q=0,cy;q=0.1', 'cy'],
    ['CY-gb', 'cy'],
  ])('%s -> %s', (header, expected) => {
    expect(langFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('switchHref', () => {
  it('keeps the path and the other query parameters', () => {
    expect(switchHref('/c/demo', 'cy')).toBe('/c/demo?lang=cy');
    expect(switchHref('/c/demo?lang=en&x=1', 'cy')).toBe('/c/demo?lang=cy&x=1');
    expect(switchHref('/r/a%2Fb/withdraw', 'en')).toBe('/r/a%2Fb/withdraw?lang=en');
  });

  it('never produces a link to another site', () => {
    expect(switchHref('//evil.example/x', 'cy')).toBe('/x?lang=cy');
    expect(switchHref('/.//evil.example', 'cy')).toBe('/evil.example?lang=cy');
    expect(switchHref('/\\evil.example', 'cy').startsWith('//')).toBe(false);
  });
});
