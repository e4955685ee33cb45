import { consentSchema } from '../domain/consent';
import {
  STEPS,
  answersAsFields,
  consentFromAnswers,
  emptyAnswers,
  firstIncompleteStep,
  nextAfter,
  readAllSteps,
  readStep,
  stepErrors,
  type ConsentAnswers,
} from './consent-steps';
import { parseConsentInput } from '../api/consent-input';

const complete: ConsentAnswers = {
  scopes: ['jury', 'public'],
  sendingFor: 'self',
  onBehalfRelationship: '',
  over18: 'yes',
  othersAppear: 'no',
  healthDetailsAgreed: 'yes',
  displayName: 'Sam',
};

describe('consent steps', () => {
  it('reads one step over the answers so far and drops unknown values', () => {
    const a = readStep('uses', { scope: ['jury', 'tv'] }, emptyAnswers());
    expect(a.scopes).toEqual(['jury']);
    const b = readStep('age', { over18: 'maybe' }, { ...a, over18: 'yes' });
    expect(b.over18).toBeUndefined();
    expect(b.scopes).toEqual(['jury']);
  });

  it.each([
    ['uses', {}, ['scope']],
    ['uses', { scopes: ['public'] }, ['scope']],
    ['for-whom', {}, ['sendingFor']],
    ['for-whom', { sendingFor: 'other' }, ['onBehalfRelationship', 'onBehalfBasis']],
    [
      'for-whom',
      { sendingFor: 'other', onBehalfRelationship: '<b>', onBehalfBasis: 'best_interests' },
      ['onBehalfRelationship'],
    ],
    ['age', {}, ['over18']],
    ['age', { over18: 'no' }, ['guardianAgreed']],
    ['age', { over18: 'no', guardianAgreed: 'no' }, ['guardianAgreed']],
    ['others', {}, ['othersAppear']],
    ['others', { othersAppear: 'yes' }, ['othersConsented']],
    ['health', {}, ['healthDetailsAgreed']],
    ['name', { displayName: '  ' }, ['displayName']],
  ] as const)('step %s with %p names %p', (step, patch, fields) => {
    const a = { ...emptyAnswers(), ...patch } as ConsentAnswers;
    expect(stepErrors(step, a).map((e) => e.field)).toEqual(fields);
  });

  it('tells an under-18 without a guardian to ask one, not just to answer', () => {
    const [e] = stepErrors('age', { ...complete, over18: 'no', guardianAgreed: 'no' });
    expect(e?.key).toBe('steps.age.guardianNeeded');
  });

  it('goes step by step, and back to the check page after a change', () => {
    expect(nextAfter('uses', complete, false)).toBe('for-whom');
    expect(nextAfter('name', complete, false)).toBe('check');
    expect(nextAfter('age', complete, true)).toBe('check');
    // A change that opens a new question goes to it first.
    const opened = { ...complete, sendingFor: 'other' as const };
    expect(nextAfter('for-whom', opened, true)).toBe('for-whom');
    expect(firstIncompleteStep(emptyAnswers())).toBe(STEPS[0]);
    expect(firstIncompleteStep(complete)).toBeUndefined();
  });

  it('adds up to a valid consent, with only the questions that applied', () => {
    const c = consentFromAnswers(
      { ...complete, guardianAgreed: 'no', othersConsented: 'yes' },
      3,
      'cy',
    );
    expect(consentSchema.parse(c)).toEqual({
      statementVersion: 3,
      scopes: ['jury', 'public'],
      othersAppear: false,
      othersConsented: false,
      displayName: 'Sam',
      language: 'cy',
      over18: true,
      healthDetailsAgreed: true,
    });
    const forMum = consentFromAnswers(
      {
        ...complete,
        sendingFor: 'other',
        onBehalfRelationship: ' Mam ',
        onBehalfBasis: 'lasting_power_of_attorney',
        over18: 'no',
        guardianAgreed: 'yes',
      },
      1,
      'en',
    );
    expect(consentSchema.parse(forMum)).toMatchObject({
      over18: false,
      guardianAgreed: true,
      onBehalf: { relationship: 'Mam', basis: 'lasting_power_of_attorney' },
    });
  });

  it('round-trips through the hidden fields and the form parser to the same consent', () => {
    const a: ConsentAnswers = {
      ...complete,
      sendingFor: 'other',
      onBehalfRelationship: 'Tad',
      onBehalfBasis: 'best_interests',
      othersAppear: 'yes',
      othersConsented: 'yes',
    };
    const body: Record<string, unknown> = { statementVersion: '2', language: 'en' };
    for (const { name, value } of answersAsFields(a)) {
      const prev = body[name];
      body[name] = prev === undefined ? value : ([] as unknown[]).concat(prev, value);
    }
    expect(readAllSteps(body)).toEqual(a);
    expect(parseConsentInput(body)).toEqual(consentFromAnswers(a, 2, 'en'));
  });
});
