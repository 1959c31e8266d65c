/**
 * Gives the operating system back the pages malloc holds free. glibc keeps
 * what a thread frees inside that thread's arena, and shrinks an arena only
 * from its top, so a burst of allocations in another thread leaves its pages
 * resident long after they are free: with the embedded database, the PGlite
 * thread's start (its WebAssembly module and file bundle) and the snapshot
 * load leave ~40-60 MB so (measured with the reference organization: RSS at
 * ready 366 MB, 310 MB after `malloc_trim(0)`; PostgreSQL: no change).
 * `malloc_trim(0)` returns every whole free page of every arena. Node has no
 * binding for it; koffi (an FFI library shipping prebuilt binaries) reaches
 * it in the C library.
 *
 * Undefined where there is no glibc (macOS, Windows, musl) or no koffi
 * binary for the platform: nothing to return there, or no way to.
 */
export async function freedPagesReturner(): Promise<(() => void) | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const { load } = await import('koffi');
    const mallocTrim = load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
    return () => void mallocTrim(0);
  } catch {
    return undefined;
  }
}
