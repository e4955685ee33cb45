import { benchAlignment } from './alignment.bench';
import { benchLoad } from './load.bench';
import { benchMediaPipeline } from './media-pipeline.bench';
import { benchPlaylistExport } from './playlist-export.bench';
import { benchReviewQueue } from './review-queue.bench';
import { benchTusUpload } from './tus-upload.bench';
import { benchUploadThroughput } from './upload-throughput.bench';

/**
 * `npm run bench [name...]`: runs the benchmarks and prints one JSON document. Numbers only:
 * benchmarks are never assertions. BENCH_UPLOAD_BYTES shrinks the upload for a quick look.
 */
const benches: Record<string, () => Promise<unknown>> = {
  uploadThroughput: () => benchUploadThroughput(),
  mediaPipeline: () => benchMediaPipeline(),
  alignment: () => benchAlignment(),
  reviewQueue: () => benchReviewQueue(),
  // 50 contributors x 20 MB while moderators list the queue; the backlog takes minutes to drain.
  load: () => benchLoad(),
  playlistExport: () => benchPlaylistExport(),
  // 500 MB over tus through the API against a direct multipart upload (BENCH_TUS_BYTES).
  tusUpload: () => benchTusUpload(),
};

async function main() {
  const wanted = process.argv.slice(2);
  const results: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(benches)) {
    if (wanted.length && !wanted.includes(name)) continue;
    try {
      results[name] = await run();
    } catch (err) {
      results[name] = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  process.stdout.write(
    `${JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, results }, null, 2)}\n`,
  );
}

void main();
