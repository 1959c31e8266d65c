import { lazy, type ComponentType } from 'react';

/**
 * A page whose code is fetched the first time it is shown (its own chunk),
 * from a module that exports it by name: `lazyPage(() => import('./X'), 'XPage')`.
 * Render it inside a Suspense boundary.
 */
export function lazyPage<K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
