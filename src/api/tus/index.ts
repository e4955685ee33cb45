/** Resumable uploads (tus 1.0 with creation) for drafts: see README "Resumable uploads". */
export { mountTusUploads, UPLOADS_PATH } from './tus-uploads';
export { cleanUpExpiredUploads, type ExpirySweep } from './expired-uploads';
