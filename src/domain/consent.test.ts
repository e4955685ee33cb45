import { consentSchema } from './consent';

const valid = {
  statementVersion: 1,
  scopes: ['jury', 'livestream'],
  othersAppear: false,
  othersConsented: false,
  displayName: 'Siân',
  language: 'cy',
};

describe('consentSchema', () => {
  it('accepts a full consent and removes duplicate scopes', () => {
    const r = consentSchema.parse({ ...valid, scopes: ['jury', 'jury', 'public'] });
    expect(r.scopes).toEqual(['jury', 'public']);
    expect(r.displayName).toBe('Siân');
  });

  it.each([
    ['no jury scope', { scopes: ['public'] }, 'scopes'],
    ['unknown scope', { scopes: ['jury', 'tv'] }, 'scopes'],
    ['no name', { displayName: '   ' }, 'displayName'],
    ['markup in name', { displayName: '<script>' }, 'displayName'],
    ['bad language', { language: 'fr' }, 'language'],
    ['bad version', { statementVersion: 0 }, 'statementVersion'],
    ['string boolean', { othersAppear: 'yes' }, 'othersAppear'],
  ])('refuses %s', (_label, patch, field) => {
    const r = consentSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path[0]).toBe(field);
  });

  it('refuses unknown fields', () => {
    expect(consentSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });
});
