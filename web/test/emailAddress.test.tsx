import { render } from '@testing-library/react';
import { EmailAddress } from '../src/components/EmailAddress';

describe('an email address', () => {
  it('may wrap only after its @, and its text is the address', () => {
    const { container } = render(
      <span>
        <EmailAddress email="jo.whitfield.montgomery@example.com" />
      </span>,
    );
    expect(container.textContent).toBe('jo.whitfield.montgomery@example.com');
    expect(container.innerHTML).toBe('<span>jo.whitfield.montgomery@<wbr>example.com</span>');
  });

  it('is left as it is when it has no local part to keep together', () => {
    const { container } = render(
      <span>
        <EmailAddress email="not-an-address" />
      </span>,
    );
    expect(container.innerHTML).toBe('<span>not-an-address</span>');
  });
});
