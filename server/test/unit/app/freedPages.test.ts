import { freedPagesReturner } from '../../../src/app/freedPages';

/** Whether this process runs on glibc (Node's report names its version only there). */
function onGlibc(): boolean {
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
  return typeof report.header?.glibcVersionRuntime === 'string';
}

describe('freedPagesReturner', () => {
  it('reaches malloc_trim on Linux with glibc, and is absent elsewhere', async () => {
    const returnFreedPages = await freedPagesReturner();
    if (process.platform === 'linux' && onGlibc()) {
      expect(returnFreedPages).toBeInstanceOf(Function);
      expect(() => returnFreedPages!()).not.toThrow();
    } else {
      expect(returnFreedPages).toBeUndefined();
    }
  });
});
