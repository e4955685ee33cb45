import { AppError } from '../domain/errors';
import {
  exportKey,
  exportPrefix,
  isValidMediaName,
  mediaKey,
  mediaPrefix,
  originalKey,
  submissionPrefixes,
} from './keys';

const ID = '0b6f2d6e-8c1a-4e4b-9f57-3f1c2a9d7e10';
const ID2 = 'a3c9e2f4-1b2d-4c5e-8f6a-7b8c9d0e1f2a';

describe('storage keys', () => {
  it.each([
    ['originalKey', () => originalKey(ID, 1), `originals/${ID}/1`],
    ['originalKey v12', () => originalKey(ID, 12), `originals/${ID}/12`],
    ['originalKey lowercases', () => originalKey(ID.toUpperCase(), 2), `originals/${ID}/2`],
    ['mediaPrefix', () => mediaPrefix(ID, 3), `media/${ID}/3/`],
    ['mediaKey 720p', () => mediaKey(ID, 1, '720p.mp4'), `media/${ID}/1/720p.mp4`],
    ['mediaKey poster', () => mediaKey(ID, 1, 'poster.jpg'), `media/${ID}/1/poster.jpg`],
    [
      'mediaKey captions',
      () => mediaKey(ID, 2, 'captions.cy.vtt'),
      `media/${ID}/2/captions.cy.vtt`,
    ],
    ['mediaKey thumb', () => mediaKey(ID, 2, 'thumb_01-a.jpg'), `media/${ID}/2/thumb_01-a.jpg`],
    ['submissionPrefixes', () => submissionPrefixes(ID), [`originals/${ID}/`, `media/${ID}/`]],
    ['exportKey', () => exportKey(ID, ID2), `exports/${ID}/${ID2}.mp4`],
    ['exportPrefix', () => exportPrefix(ID), `exports/${ID}/`],
  ])('%s', (_name, build, expected) => {
    expect(build()).toEqual(expected);
  });

  const longName = 'a'.repeat(65);
  it.each([
    ['id not a uuid', () => originalKey('abc', 1)],
    ['id with slash', () => originalKey(`${ID}/../x`, 1)],
    ['id empty', () => mediaPrefix('', 1)],
    ['version zero', () => originalKey(ID, 0)],
    ['version negative', () => originalKey(ID, -1)],
    ['version fraction', () => mediaPrefix(ID, 1.5)],
    ['version NaN', () => mediaPrefix(ID, Number.NaN)],
    ['name traversal', () => mediaKey(ID, 1, '../x')],
    ['name double dot inside', () => mediaKey(ID, 1, 'a..b')],
    ['name with slash', () => mediaKey(ID, 1, 'a/b.mp4')],
    ['name uppercase', () => mediaKey(ID, 1, 'Poster.jpg')],
    ['name leading dot', () => mediaKey(ID, 1, '.hidden')],
    ['name empty', () => mediaKey(ID, 1, '')],
    ['name space', () => mediaKey(ID, 1, 'a b.mp4')],
    ['name percent', () => mediaKey(ID, 1, 'a%2f.mp4')],
    ['name too long', () => mediaKey(ID, 1, longName)],
    ['export id bad', () => exportKey(ID, 'x')],
    ['playlist id bad', () => exportKey('x', ID)],
    ['submissionPrefixes bad', () => submissionPrefixes('*')],
  ])('rejects %s with bad_request', (_name, build) => {
    let caught: unknown;
    try {
      build();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('bad_request');
  });

  it.each([
    ['a', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['720p.mp4', true],
    ['x..y', false],
    ['-x', false],
  ])('isValidMediaName(%j) is %s', (name, ok) => {
    expect(isValidMediaName(name)).toBe(ok);
  });
});
