/**
 * An email address that, where it must wrap (a card at phone width), wraps
 * after its @ rather than anywhere in a word: the local part on one line,
 * the domain on the next. Reads and copies as the address itself.
 */
export function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  if (at <= 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}
