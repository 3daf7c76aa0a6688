/** What an action said last: the server's refusal as an alert, or a quiet confirmation. */
export function Feedback({ error, done, testId }: { error: string | null; done?: string | null; testId?: string }) {
  if (error) {
    return (
      <p role="alert" class="error" data-testid={testId ? `${testId}-error` : undefined}>
        {error}
      </p>
    );
  }
  return done ? (
    <p role="status" class="done" data-testid={testId ? `${testId}-done` : undefined}>
      {done}
    </p>
  ) : null;
}
