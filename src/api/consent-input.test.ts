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

  it('reads the step-by-step answers from the form', () => {
    expect(
      parseConsentInput({
        statementVersion: '1',
        scope: 'jury',
        othersAppear: 'no',
        displayName: 'Gwen',
        language: 'cy',
        over18: 'no',
        guardianAgreed: 'yes',
        healthDetailsAgreed: 'yes',
        sendingFor: 'other',
        onBehalfRelationship: 'Mam',
        onBehalfBasis: 'agreed_themselves',
      }),
    ).toEqual({
      ...json,
      othersAppear: false,
      othersConsented: false,
      over18: false,
      guardianAgreed: true,
      healthDetailsAgreed: true,
      onBehalf: { relationship: 'Mam', basis: 'agreed_themselves' },
    });
  });

  it('ignores the on-behalf fields when sending for oneself, and a guardian for an adult', () => {
    const c = parseConsentInput({
      statementVersion: '1',
      scope: 'jury',
      othersAppear: 'no',
      displayName: 'Gwen',
      language: 'en',
      over18: 'yes',
      guardianAgreed: 'no',
      sendingFor: 'self',
      onBehalfRelationship: 'left over',
      onBehalfBasis: 'best_interests',
    });
    expect(c.over18).toBe(true);
    expect(c).not.toHaveProperty('guardianAgreed');
    expect(c).not.toHaveProperty('onBehalf');
  });

  it.each([
    [{ over18: 'no' }, 'guardianAgreed'],
    [{ sendingFor: 'other', onBehalfBasis: 'best_interests' }, 'onBehalfRelationship'],
    [{ sendingFor: 'other', onBehalfRelationship: 'Tad' }, 'onBehalfBasis'],
  ])('names the step field at fault for %p', (patch, field) => {
    const base = {
      statementVersion: '1',
      scope: 'jury',
      othersAppear: 'no',
      displayName: 'A',
      language: 'en',
    };
    expect(() => parseConsentInput({ ...base, ...patch })).toThrow(
      expect.objectContaining({ code: 'invalid_consent', details: { field } }),
    );
  });
});
