import { useEffect, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describeError } from './errors';

/**
 * The input field a server error is about, or null: its `extensions.field`,
 * which a command gives as the input's field ("name", "scopes.audit") and the
 * check every request's variables pass first as their path
 * ("variables.input.name"), read here without that prefix.
 */
export function fieldOf(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const field = error.errors[0]?.extensions?.field;
  if (typeof field !== 'string') return null;
  return field.replace(/^variables\.[^.]+\./, '');
}

/** A form's server error, placed where a person looks for it. */
export interface FieldErrors<F extends string> {
  /** For the `<form>`: when an error is about one of its fields, that field takes the focus. */
  readonly formRef: RefObject<HTMLFormElement | null>;
  /**
   * Props for this field's input: the message to show under it (Mantine's
   * `error`, which describes the input by it) and `aria-invalid`, which
   * Mantine's PasswordInput does not set itself; nothing when the error is
   * not about it.
   */
  field(name: F): { error: string | undefined; 'aria-invalid': true | undefined };
  /** The error when it is about none of this form's fields, for the form's alert; null otherwise. */
  readonly other: unknown;
  /** The person changed this field: an error about it no longer applies. */
  edited(field: F): void;
  /**
   * `field(name)` for a text input or area, with the `onChange` that sets its
   * value and marks it edited: the whole wiring of a text field in one spread.
   */
  textField(
    name: F,
    setValue: (value: string) => void,
  ): ReturnType<FieldErrors<F>['field']> & { onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void };
}

/**
 * Where a form shows what the server refused (`error`, from `useMutation` or
 * the form's own state): an error about one of `fields` (the input's field
 * names, as the server reports them) beside that field, which takes the focus
 * so that a screen reader reads the message with the label; anything else in
 * the form's alert. Editing the field clears its error.
 */
export function useFieldErrors<F extends string>(error: unknown, fields: readonly F[]): FieldErrors<F> {
  const formRef = useRef<HTMLFormElement>(null);
  const [cleared, setCleared] = useState<unknown>(null);
  const field = fieldOf(error);
  const fieldInForm = field !== null && (fields as readonly string[]).includes(field) ? (field as F) : null;
  const shownOnField = fieldInForm !== null && error !== cleared ? fieldInForm : null;
  useEffect(() => {
    if (shownOnField === null) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, shownOnField]);
  const fieldProps: FieldErrors<F>['field'] = (name) =>
    name === shownOnField ? { error: describeError(error).message, 'aria-invalid': true } : { error: undefined, 'aria-invalid': undefined };
  const edited = (name: F) => {
    if (name === shownOnField) setCleared(error);
  };
  return {
    formRef,
    field: fieldProps,
    other: fieldInForm === null ? (error ?? null) : null,
    edited,
    textField: (name, setValue) => ({
      ...fieldProps(name),
      onChange: (event) => {
        setValue(event.currentTarget.value);
        edited(name);
      },
    }),
  };
}
