import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider, PasswordInput, TextInput, Textarea } from '@mantine/core';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { fieldOf, useFieldErrors } from '../src/app/fieldErrors';
import { ErrorAlert } from '../src/components/QueryState';

const refusal = (message: string, field?: string) =>
  new CombinedGraphQLErrors({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } }], data: null });

/** A form shaped like the app's: two fields and an alert, showing `error` as the server sent it. */
function TeamForm({ error }: { error: unknown }) {
  const [name, setName] = useState('Data');
  const errors = useFieldErrors(error, ['name', 'description', 'secret']);
  return (
    <MantineProvider>
      <form ref={errors.formRef}>
        <TextInput label="Name" value={name} {...errors.textField('name', setName)} />
        <Textarea label="Description" {...errors.field('description')} />
        <PasswordInput label="Secret" {...errors.field('secret')} />
        <button type="button">Create</button>
        {errors.other !== null && <ErrorAlert error={errors.other} title="Team not created" />}
      </form>
    </MantineProvider>
  );
}

/** The text of the elements that describe an input (aria-describedby), as a screen reader reads it after the label. */
function describedBy(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('a server refusal shown where a person looks', () => {
  it('an error about a field of the form sits under that field, describes it, and takes the focus; no alert', () => {
    render(<TeamForm error={refusal('The team name contains U+202E, an invisible text-direction control: type it again without it.', 'name')} />);
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(name)).toMatch(/contains U\+202E/);
    expect(document.activeElement).toBe(name);
    expect(screen.getByRole('textbox', { name: 'Description' }).getAttribute('aria-invalid')).not.toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a password field is marked invalid too (Mantine sets only data-invalid on it) and takes the focus', () => {
    render(<TeamForm error={refusal('Choose a password of at least 10 characters.', 'secret')} />);
    const secret = screen.getByLabelText('Secret');
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(secret)).toMatch(/at least 10 characters/);
    expect(document.activeElement).toBe(secret);
  });

  it('editing the field clears its error; editing another does not', () => {
    render(<TeamForm error={refusal('Keep a team name to 100 characters.', 'name')} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Description' }), { target: { value: 'x' } });
    expect(screen.getByText('Keep a team name to 100 characters.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Data team' } });
    expect(screen.queryByText('Keep a team name to 100 characters.')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).not.toBe('true');
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Data team');
  });

  it('an error about no field, or a field the form does not show, goes to the alert', () => {
    const { rerender } = render(<TeamForm error={refusal('A team with that name exists.')} />);
    expect(screen.getByRole('alert').textContent).toMatch(/A team with that name exists/);
    rerender(<TeamForm error={refusal('Attributes are limited to 16 KB of JSON.', 'attributes')} />);
    expect(screen.getByRole('alert').textContent).toMatch(/16 KB/);
    expect(screen.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).not.toBe('true');
  });

  it('reads the field of a refusal made before the command ran (the variables path) as the input field', () => {
    expect(fieldOf(refusal('This text cannot be stored.', 'variables.input.description'))).toBe('description');
    expect(fieldOf(refusal('The issuer is an https:// URL.', 'issuer'))).toBe('issuer');
    expect(fieldOf(refusal('No field.'))).toBeNull();
    expect(fieldOf(new Error('not from the server'))).toBeNull();
  });
});
