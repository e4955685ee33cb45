import { AppError } from '../domain/errors';
import { isUnreachable, toAppError } from './s3-errors';

const s3Error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('toAppError', () => {
  it.each([
    ['NoSuchKey', s3Error('NoSuchKey', 404), 'not_found'],
    ['HEAD NotFound', s3Error('NotFound', 404), 'not_found'],
    ['NoSuchBucket', s3Error('NoSuchBucket', 404), 'dependency_down'],
    ['InvalidRange', s3Error('InvalidRange', 416), 'range_not_satisfiable'],
    ['a 503', s3Error('SlowDown', 503), 'dependency_down'],
    [
      'refused',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'dependency_down',
    ],
    ['timeout', Object.assign(new Error('late'), { name: 'TimeoutError' }), 'dependency_down'],
    [
      'wrapped',
      new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:9'),
      'dependency_down',
    ],
    [
      'aggregate',
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
      'dependency_down',
    ],
  ])('%s', (_name, error, code) => {
    const mapped = toAppError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe(code);
  });

  it('passes other errors on unchanged', () => {
    const denied = s3Error('AccessDenied', 403);
    expect(toAppError(denied)).toBe(denied);
    const bug = new TypeError('x is undefined');
    expect(toAppError(bug)).toBe(bug);
    expect(isUnreachable(bug)).toBe(false);
  });

  it('keeps an AppError', () => {
    const e = new AppError('too_large', 'big');
    expect(toAppError(e)).toBe(e);
  });
});
