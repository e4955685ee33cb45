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

describe('consentSchema: the step-by-step answers', () => {
  const onBehalf = { relationship: 'Daughter', basis: 'lasting_power_of_attorney' };

  it('keeps a consent without them valid (first-contract clients)', () => {
    const r = consentSchema.parse(valid);
    expect(r).not.toHaveProperty('over18');
    expect(r).not.toHaveProperty('onBehalf');
  });

  it.each([
    ['an adult', { over18: true }],
    ['an adult with a stray guardian answer', { over18: true, guardianAgreed: false }],
    ['under 18 with a guardian', { over18: false, guardianAgreed: true }],
    ['health details agreed', { healthDetailsAgreed: true }],
    ['health details not agreed', { healthDetailsAgreed: false }],
    ['on behalf, with power of attorney', { onBehalf }],
    ['on behalf, best interests', { onBehalf: { ...onBehalf, basis: 'best_interests' } }],
    ['on behalf, agreed themselves', { onBehalf: { ...onBehalf, basis: 'agreed_themselves' } }],
  ])('accepts %s', (_label, patch) => {
    expect(consentSchema.safeParse({ ...valid, ...patch }).success).toBe(true);
  });

  it.each([
    ['under 18 without a guardian', { over18: false }, ['guardianAgreed']],
    ['under 18, guardian said no', { over18: false, guardianAgreed: false }, ['guardianAgreed']],
    ['a guardian answer without the age', { guardianAgreed: true }, ['over18']],
    ['a string age', { over18: 'yes' }, ['over18']],
    ['on behalf without a basis', { onBehalf: { relationship: 'Son' } }, ['onBehalf', 'basis']],
    [
      'an unknown basis',
      { onBehalf: { ...onBehalf, basis: 'asked_nicely' } },
      ['onBehalf', 'basis'],
    ],
    [
      'a blank relationship',
      { onBehalf: { ...onBehalf, relationship: '  ' } },
      ['onBehalf', 'relationship'],
    ],
    [
      'markup in the relationship',
      { onBehalf: { ...onBehalf, relationship: '<b>' } },
      ['onBehalf', 'relationship'],
    ],
    ['an extra on-behalf field', { onBehalf: { ...onBehalf, extra: 1 } }, ['onBehalf']],
  ])('refuses %s', (_label, patch, path) => {
    const r = consentSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(path);
  });

  it('trims the relationship', () => {
    const r = consentSchema.parse({ ...valid, onBehalf: { ...onBehalf, relationship: ' Son ' } });
    expect(r.onBehalf?.relationship).toBe('Son');
  });
});
