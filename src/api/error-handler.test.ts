import { AppError } from '../domain/errors';
import { toHttpError } from './error-handler';

describe('toHttpError', () => {
  it.each<[unknown, number, string]>([
    [new AppError('invalid_consent', 'x'), 400, 'invalid_consent'],
    [new AppError('too_large', 'x'), 413, 'too_large'],
    [new AppError('unsupported_type', 'x'), 415, 'unsupported_type'],
    [new AppError('campaign_closed', 'x'), 409, 'campaign_closed'],
    [
      Object.assign(new Error('bad'), { type: 'entity.parse.failed', status: 400 }),
      400,
      'bad_request',
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      503,
      'dependency_down',
    ],
    [Object.assign(new Error('invalid byte sequence'), { code: '22021' }), 400, 'bad_request'],
    [new Error('secret internals at /srv/app.ts:12'), 500, 'internal'],
  ])('maps %p to %i %s', (err, status, code) => {
    const r = toHttpError(err);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(JSON.stringify(r.body)).not.toMatch(/\/srv\/|stack|\.ts:/);
  });
});
