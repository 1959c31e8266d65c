import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { OwnerBadges, sharedWithOf } from '../src/components/OwnerBadges';
import { initials } from '../src/components/initials';

describe('owner badges', () => {
  it('read "Owner: HA • Shared with: JD" with full names for assistive technology', () => {
    render(
      <MantineProvider>
        <OwnerBadges owner={{ name: 'Hana Abe' }} sharedWith={sharedWithOf([{ user: { name: 'Jun Doe' } }, { team: { name: 'Data' } }])} />
      </MantineProvider>,
    );
    expect(screen.getByLabelText('Owner: Hana Abe • Shared with: Jun Doe, Data')).toBeTruthy();
    expect(screen.getByText('HA')).toBeTruthy();
    expect(screen.getByText('JD')).toBeTruthy();
    expect(screen.getByText('DA')).toBeTruthy();
  });

  it('mark a former member who still owns the resource', () => {
    render(
      <MantineProvider>
        <OwnerBadges owner={{ name: 'Lee Park' }} ownerIsMember={false} sharedWith={[]} />
      </MantineProvider>,
    );
    expect(screen.getByLabelText('Owner: Lee Park (former member)')).toBeTruthy();
  });

  it('take initials from the first and last names, or the first two letters of one name', () => {
    expect(initials('Hana Abe')).toBe('HA');
    expect(initials('Jun van Doe')).toBe('JD');
    expect(initials('  madonna ')).toBe('MA');
  });
});
