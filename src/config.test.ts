import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working embedded defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.database.url).toBeUndefined();
    expect(c.s3).toMatchObject({
      bucket: 'lived-experience',
      forcePathStyle: true,
      partSizeBytes: 5 * 1024 * 1024,
    });
    expect(c.uploads.maxBytes).toBe(2 * 1024 ** 3);
    expect(c.worker.workDir).toBe(path.join(path.resolve('./data'), 'work'));
    expect(c.whisperModel).toBeUndefined();
  });

  it('reads and converts the documented variables', () => {
    const c = loadConfig({
      PORT: '8080',
      MAX_UPLOAD_BYTES: '1048576',
      S3_FORCE_PATH_STYLE: 'false',
      DATABASE_URL: 'postgres://u@db:5432/x',
      WHISPER_MODEL: '',
    });
    expect(c.port).toBe(8080);
    expect(c.uploads.maxBytes).toBe(1048576);
    expect(c.s3.forcePathStyle).toBe(false);
    expect(c.database.url).toBe('postgres://u@db:5432/x');
    expect(c.whisperModel).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['MAX_UPLOAD_BYTES', '-1'],
    ['S3_BUCKET', 'Not_A_Bucket'],
    ['DATABASE_URL', 'not a url'],
    ['S3_FORCE_PATH_STYLE', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
