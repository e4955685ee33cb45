import { AppError } from '../domain/errors';
import { errorSummaryList, formErrorFor, uploadFormValuesFrom } from './upload-form';

describe('uploadFormValuesFrom', () => {
  it('reads the form fields, ignoring unknown scopes', () => {
    expect(
      uploadFormValuesFrom({
        scope: ['jury', 'livestream', 'everything'],
        othersAppear: 'no',
        displayName: 'Sam',
      }),
    ).toEqual({
      scopes: ['jury', 'livestream'],
      othersAppear: 'no',
      displayName: 'Sam',
      transcript: '',
    });
    expect(uploadFormValuesFrom({ scope: 'jury' }).scopes).toEqual(['jury']);
  });

  it('reads the API consent JSON too, and survives nonsense', () => {
    const consent = JSON.stringify({
      scopes: ['jury'],
      othersAppear: true,
      othersConsented: false,
      displayName: 'Bob',
      transcript: '',
    });
    expect(uploadFormValuesFrom({ consent })).toEqual({
      scopes: ['jury'],
      othersAppear: 'yes',
      othersConsented: 'no',
      displayName: 'Bob',
      transcript: '',
    });
    expect(uploadFormValuesFrom({ consent: '{' })).toEqual({
      scopes: [],
      displayName: '',
      transcript: '',
    });
    expect(uploadFormValuesFrom(undefined)).toEqual({
      scopes: [],
      displayName: '',
      transcript: '',
    });
  });
});

describe('formErrorFor', () => {
  const values = { scopes: [], displayName: '', transcript: '' };

  it.each([
    [new AppError('invalid_consent', 'x', { field: 'scopes' }), 'scope', 'Select the first box'],
    [new AppError('invalid_consent', 'x', { field: 'consent' }), 'scope', 'Select the first box'],
    [new AppError('invalid_consent', 'x', { field: 'othersAppear' }), 'othersAppear', 'Select yes'],
    [new AppError('invalid_consent', 'x', { field: 'displayName' }), 'displayName', 'Enter a name'],
    [new AppError('bad_request', 'x', { field: 'video' }), 'video', 'Choose a video'],
    [new AppError('too_large', 'x'), 'video', 'The file is too big'],
    [new AppError('unreadable_media', 'x'), 'video', 'We could not open this file'],
    [new AppError('upload_aborted', 'x'), 'video', 'Sending stopped'],
    [new AppError('invalid_consent', 'x', { field: 'statementVersion' }), undefined, 'Check your'],
    [new AppError('rate_limited', 'x'), undefined, 'too many attempts'],
  ])('%s -> %s', (err, field, text) => {
    const e = formErrorFor(err, values, 'en');
    expect(e.field).toBe(field);
    expect(e.text).toContain(text);
  });

  it('points a transcript that is too long at the transcript box', () => {
    const e = formErrorFor(new AppError('bad_request', 'x', { field: 'transcript' }), values, 'en');
    expect(e).toEqual({ field: 'transcript', text: expect.stringContaining('20,000') });
  });

  it('keeps a typed transcript', () => {
    expect(uploadFormValuesFrom({ transcript: 'Bore da.' }).transcript).toBe('Bore da.');
  });

  it('explains what is wrong with a name that was typed', () => {
    const e = formErrorFor(
      new AppError('invalid_consent', 'x', { field: 'displayName' }),
      { scopes: [], displayName: '<b>', transcript: '' },
      'cy',
    );
    expect(e.text).toContain('80 nod');
  });

  it('links summary items to their field', () => {
    expect(errorSummaryList([{ field: 'video', text: 'a' }, { text: 'b' }])).toEqual([
      { text: 'a', href: '#video' },
      { text: 'b' },
    ]);
  });
});
