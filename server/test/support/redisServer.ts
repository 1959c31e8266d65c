import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './serverProcess';

/** A redis-server of the test's own, on a port of its own, that the test starts and stops. */
export interface TestRedis {
  readonly url: string;
  /** Starts redis-server (again) on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Whether `redis-server` is on this machine's PATH. */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/** Reserves a port for a Redis that is not running yet. */
export async function testRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  return {
    url: `redis://127.0.0.1:${port}`,
    start() {
      if (child) return Promise.resolve();
      const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = redis;
      return new Promise<void>((resolve, reject) => {
        let output = '';
        redis.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ready to accept connections')) resolve();
        });
        redis.once('exit', (code) => {
          child = null;
          reject(new Error(`redis-server exited with ${code}: ${output}`));
        });
      });
    },
    stop() {
      const redis = child;
      if (!redis) return Promise.resolve();
      child = null;
      return new Promise<void>((resolve) => {
        redis.removeAllListeners('exit');
        redis.once('exit', () => resolve());
        redis.kill('SIGTERM');
      });
    },
  };
}
