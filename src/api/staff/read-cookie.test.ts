import type { Request } from 'express';
import { readCookie } from './session';

const withCookie = (cookie: string | undefined) => ({ headers: { cookie } }) as unknown as Request;

describe('readCookie', () => {
  it.each([
    ['lev_session=abc', 'abc'],
    ['a=1; lev_session=abc; b=2', 'abc'],
    ['a=1;lev_session=abc', 'abc'],
    ['  lev_session = abc  ', 'abc'],
    ['xlev_session=no; lev_session=yes', 'yes'],
    ['lev_session_old=no; lev_session=yes', 'yes'],
    ['lev_session=a%20b', 'a b'],
    ['lev_session=first; lev_session=second', 'first'],
    ['lev_session=', ''],
  ])('reads %j', (header, expected) => {
    expect(readCookie(withCookie(header), 'lev_session')).toBe(expected);
  });

  it.each([undefined, '', 'other=1', 'lev_session', '=lev_session', ';;;', 'lev_session=%E0%A4%A'])(
    'finds nothing in %j',
    (header) => {
      expect(readCookie(withCookie(header), 'lev_session')).toBeUndefined();
    },
  );
});
