import type { Request } from 'express';
import { AppError } from '../domain/errors';
import { campaign } from './test-support';
import { formErrorFor, formatBytes, uploadClientConfig } from './upload-form';

describe('formErrorFor', () => {
  it.each([
    ['too_large', undefined, 'video', 'The file is too big'],
    ['unsupported_type', undefined, 'video', 'This file is not a video'],
    ['bad_request', 'transcript', 'transcript', 'Your words must be'],
    ['bad_request', 'video', 'video', 'Choose a video'],
    ['invalid_consent', 'displayName', 'consent', 'Check your answers'],
    ['dependency_down', undefined, undefined, 'The service is having problems'],
  ])('%s (field %s) belongs to %s', (code, field, expected, text) => {
    const err = new AppError(code as never, 'x', field ? { field } : undefined);
    const e = formErrorFor(err, 'en');
    expect(e.field).toBe(expected);
    expect(e.text).toContain(text);
  });

  it('speaks Welsh', () => {
    expect(formErrorFor(new AppError('too_large', 'x'), 'cy').text).toContain('rhy fawr');
  });
});

describe('formatBytes', () => {
  it.each([
    [500, 'en', '500 B'],
    [2_147_483_648, 'en', '2.1 GB'],
    [500_000_000, 'cy', '500 MB'],
  ] as const)('%d in %s is %s', (n, lang, text) => {
    expect(formatBytes(n, lang)).toBe(text);
  });
});

describe('uploadClientConfig', () => {
  it('carries the limits, the consent and the words, and cannot close its script block', () => {
    const json = uploadClientConfig({
      lang: 'cy',
      req: { baseUrl: '' } as Request,
      campaign: { ...campaign, limits: { maxBytes: 1000, maxDurationSeconds: 120 } },
      consent: {
        statementVersion: 3,
        scopes: ['jury'],
        othersAppear: false,
        othersConsented: false,
        displayName: '</script><b>',
        language: 'cy',
      },
    });
    expect(json).not.toContain('<');
    const c = JSON.parse(json) as Record<string, unknown>;
    expect(c).toMatchObject({ maxBytes: 1000, maxSeconds: 120, tusUrl: '/api/v1/uploads' });
    expect((c.consent as { displayName: string }).displayName).toBe('</script><b>');
    expect((c.messages as Record<string, string>)['uploadJs.pause']).toBe('Oedi');
  });
});
