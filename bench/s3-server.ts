import { startEmbeddedS3 } from '../src/storage/embedded-s3';

/** The embedded S3 server in a process of its own, so a benchmark client does not share its loop. */
void (async () => {
  const s3 = await startEmbeddedS3({
    directory: process.env.S3_DIR ?? '/tmp/lev-bench-s3',
    port: Number(process.env.S3_PORT ?? 0),
  });
  process.stdout.write(`${s3.endpoint}\n`);
  process.on('SIGTERM', () => void s3.close().then(() => process.exit(0)));
})();
