import { parseConsentInput } from './consent-input';

const json = {
  statementVersion: 1,
  scopes: ['jury'],
  othersAppear: true,
  othersConsented: true,
  displayName: 'Gwen',
  language: 'cy',
};

describe('parseConsentInput', () => {
  it('reads the consent JSON field', () => {
    expect(parseConsentInput({ consent: JSON.stringify(json) })).toEqual(json);
  });

  it('reads the plain form fields', () => {
    expect(
      parseConsentInput({
        statementVersion: '1',
        scope: ['jury', 'public'],
        othersAppear: 'no',
        displayName: 'Gwen',
        language: 'en',
      }),
    ).toEqual({
      ...json,
      scopes: ['jury', 'public'],
      othersAppear: false,
      othersConsented: false,
      language: 'en',
    });
  });

  it.each([
    [undefined, 'consent'],
    [{ consent: '{not json' }, 'consent'],
    [{ consent: JSON.stringify({ ...json, scopes: ['public'] }) }, 'scopes'],
    [{ statementVersion: '1', othersAppear: 'no', displayName: 'A', language: 'en' }, 'scopes'],
  ])('refuses %p naming %s', (body, field) => {
    expect(() => parseConsentInput(body as never)).toThrow(
      expect.objectContaining({ code: 'invalid_consent', details: { field } }),
    );
  });
});
