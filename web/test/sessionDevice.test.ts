import { describeDevice } from '../src/pages/account/sessionDevice';

describe('describeDevice', () => {
  it('names the browser, its version and the system', () => {
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0')).toBe('Firefox 131 on Linux');
    expect(
      describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'),
    ).toBe('Mobile Safari 17 on iOS');
  });

  it('shows a program by the start of its User-Agent, and says when nothing was recorded', () => {
    expect(describeDevice('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeDevice(`integration-bot/1.0 ${'x'.repeat(100)}`)).toBe(`integration-bot/1.0 ${'x'.repeat(40)}…`);
    expect(describeDevice(null)).toBe('Unknown device');
  });
});
