import { Redis } from 'ioredis';
import { AppError } from '../domain/errors';

/**
 * One Redis connection factory. BullMQ workers need `maxRetriesPerRequest: null` so a blocking
 * call survives a Redis restart; API-side clients fail fast instead (enableOfflineQueue off).
 */
export function createRedis(url: string, role: 'worker' | 'client'): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 5000,
    lazyConnect: false,
  });
  // Connection errors are retried by ioredis; /readyz reports the outage.
  redis.on('error', () => undefined);
  return redis;
}

export async function pingRedis(redis: Redis): Promise<void> {
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
    ]);
  } catch {
    throw new AppError('dependency_down', 'The queue is not answering.', { dependency: 'redis' });
  }
}
